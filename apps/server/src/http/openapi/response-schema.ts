/** Which declared schema an answer of a given status must match. */
import { errorBodySchema } from '@argus/contracts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';

type Responses = Record<string, z.ZodType | { content?: unknown }>;

/**
 * The schema for `status`: the route's own (exact status, `4XX`-style range, or `default`), else the
 * contract's error body for 4xx/5xx. `undefined`: a JSON answer of that status is not declared (a defect
 * the tests report). 'undeclared': the route declares no responses at all (passthrough routes such as the
 * kubectl gateway and WebSocket upgrades; the route-schema test allows only those).
 */
export function responseSchemaFor(request: FastifyRequest, status: number): z.ZodType | undefined | 'undeclared' {
  const schema = request.routeOptions.schema as { response?: Responses } | undefined;
  const responses = schema?.response;
  if (!responses) return request.is404 || status >= 400 ? errorBodySchema : 'undeclared';
  const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (declared && typeof (declared as z.ZodType).safeParse === 'function') return declared as z.ZodType;
  if (declared) return 'undeclared';
  return status >= 400 ? errorBodySchema : undefined;
}
