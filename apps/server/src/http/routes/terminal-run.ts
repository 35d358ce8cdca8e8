/**
 * `POST /api/terminal/run`: one smart-terminal command. The route only needs an authenticated caller: the
 * command's every Kubernetes request goes through the kubectl gateway as that caller, where Argus RBAC decides
 * (a refusal is printed as kubectl prints Forbidden) and writes are audited under the user.
 */
import { AppError, terminalRunRequestSchema, terminalRunResponseSchema } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SmartRunner } from '../../terminal/smart/run.js';

export async function terminalRunRoutes(fastify: FastifyInstance, opts: { runner: SmartRunner }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/terminal/run',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: 'Runs one kubectl-style command as the caller and answers with kubectl’s text and exit code',
        description:
          'Supported: get (-n, -A, -l, --field-selector, -o wide|name|json|yaml, --show-labels, --no-headers), ' +
          'describe, logs (-c, -p, --tail), delete (answers `confirm` and changes nothing until sent again with ' +
          'confirmed:true), apply -f - (the manifest in `stdin`), scale, rollout status|restart|undo|history, top ' +
          'pods|nodes, cordon, uncordon, api-resources, auth can-i, version. The line is tokenised like a shell ' +
          'line but never run by a shell. Kubernetes errors (Forbidden, NotFound) come back as kubectl prints ' +
          'them, with exit_code 1. Streaming commands (get -w, logs -f) run over /ws/terminal in smart mode.',
        body: terminalRunRequestSchema,
        response: { 200: terminalRunResponseSchema },
      },
    },
    async (request) => {
      if (!request.principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
      return opts.runner.run(request.principal, request.body);
    },
  );
}
