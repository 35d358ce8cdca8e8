/**
 * `POST /api/terminal/run`: one smart-terminal command. The route only needs an authenticated caller: the
 * command's every Kubernetes request goes through the kubectl gateway as that caller, where Argus RBAC decides
 * (a refusal is printed as kubectl prints Forbidden) and writes are audited under the user.
 */
import {
  AppError,
  terminalHistoryQuerySchema,
  terminalHistoryResponseSchema,
  terminalRunRequestSchema,
  terminalRunResponseSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { TerminalHistory } from '../../terminal/smart/history.js';
import type { SmartRunner } from '../../terminal/smart/run.js';

export async function terminalRunRoutes(
  fastify: FastifyInstance,
  opts: { runner: SmartRunner; history: TerminalHistory; clusters: ClusterModule['clusters'] },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/terminal/run',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: 'Runs one kubectl-style command as the caller and answers with kubectl’s text and exit code',
        description:
          'Supported: get (-n, -A, -l, --field-selector, -o wide|name|json|yaml|jsonpath=|custom-columns=, ' +
          '--show-labels, --no-headers, --sort-by), describe (kubectl’s own text for the common kinds), logs (-c, ' +
          '-p, --tail), delete (answers `confirm` and changes nothing until sent again with ' +
          'confirmed:true), apply -f - (the manifest in `stdin`), scale, rollout status|restart|undo|history, top ' +
          'pods|nodes, cordon, uncordon, api-resources, auth can-i, version. The line is tokenised like a shell ' +
          'line but never run by a shell. Kubernetes errors (Forbidden, NotFound) come back as kubectl prints ' +
          'them, with exit_code 1. Streaming commands (get -w, logs -f) run over /ws/terminal in smart mode. The ' +
          'command line (never stdin) joins the caller’s history (GET /api/terminal/history).',
        body: terminalRunRequestSchema,
        response: { 200: terminalRunResponseSchema },
      },
    },
    async (request) => {
      const principal = request.principal;
      if (!principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
      const body = request.body;
      const result = await opts.runner.run(principal, body);
      // the caller's history (never stdin); a confirmation's second send is the same line, kept once
      if (!body.confirmed) {
        const clusterId = await opts.clusters
          .resolve(body.cluster)
          .then((c) => c.id)
          .catch(() => undefined);
        await opts.history.record(principal.userId, {
          ...(clusterId ? { clusterId } : {}),
          ...(body.namespace ? { namespace: body.namespace } : {}),
          command: body.command,
          exitCode: result.exit_code,
        });
      }
      return result;
    },
  );

  app.get(
    '/api/terminal/history',
    {
      config: { permission: 'authenticated' },
      schema: {
        summary: 'The caller’s smart-terminal command lines, newest first (at most the newest 500 are kept)',
        querystring: terminalHistoryQuerySchema,
        response: { 200: terminalHistoryResponseSchema },
      },
    },
    async (request) => {
      const principal = request.principal;
      if (!principal) throw new AppError('UNAUTHENTICATED', 'Authentication required');
      const { limit, cluster } = request.query;
      const clusterId = cluster ? (await opts.clusters.resolve(cluster)).id : undefined;
      return opts.history.list(principal.userId, { limit, ...(clusterId ? { clusterId } : {}) });
    },
  );
}
