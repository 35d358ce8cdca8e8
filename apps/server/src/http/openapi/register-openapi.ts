/**
 * One way to declare a route (docs/api.md, "Declaring a route"): Fastify's route options with zod schemas
 * for params, querystring, body and each response status, and `config.permission`. The framework validates
 * input with those schemas before the handler runs (400 VALIDATION_FAILED, the same error body as ever), and
 * the OpenAPI 3.1 document at `GET /api/openapi.json` is generated from them (never written by hand).
 * With VALIDATE_RESPONSES (the tests turn it on) every JSON answer is checked against the schema declared for
 * its status, and a mismatch becomes 500 RESPONSE_SCHEMA_MISMATCH, so the document cannot drift from what
 * routes really return in the cases the test suite exercises.
 */
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { describeRoute, OPENAPI_INFO } from './describe-route.js';
import { responseSchemaFor } from './response-schema.js';

export interface OpenApiOptions {
  /** Check every JSON answer against its declared schema (tests). */
  validateResponses: boolean;
  version: string;
}

export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  // Answers are serialised as they always were (JSON.stringify); the schemas document and, in tests, check them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { ...OPENAPI_INFO, version: options.version },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An access token from POST /api/auth/login, or an API key (argus_…)',
          },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (argus_…)' },
        },
      },
    },
    transform: describeRoute,
    transformObject: jsonSchemaTransformObject,
  });
  if (options.validateResponses) app.addHook('onSend', checkResponse);
}

/** The generated document, public like the contract it describes. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/openapi.json',
    { config: { permission: 'public' }, schema: { hide: true } as Record<string, unknown> },
    async (_request, reply) => reply.type('application/json; charset=utf-8').send(app.swagger()),
  );
}

async function checkResponse(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  // Pre-serialised answers (lists from the watch cache) are strings or Buffers: both are checked.
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  if (text === undefined) return payload;
  if (!/json/.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  const found = responseSchemaFor(request, reply.statusCode);
  if (found === 'undeclared') return payload;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return payload;
  }
  const problem =
    found === undefined
      ? `no response schema declared for status ${reply.statusCode}`
      : (() => {
          const r = found.safeParse(body);
          return r.success
            ? undefined
            : r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        })();
  if (!problem) return payload;
  request.log.error(
    { route: request.routeOptions.url, method: request.method, status: reply.statusCode, problem },
    'response does not match its declared schema',
  );
  reply.code(500);
  return JSON.stringify({
    error: {
      code: 'RESPONSE_SCHEMA_MISMATCH',
      message:
        `${request.method} ${request.routeOptions.url} answered ${reply.statusCode} with a body its schema does not allow: ${problem}`.slice(
          0,
          4000,
        ),
    },
  });
}
