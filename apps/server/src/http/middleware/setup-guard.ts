import { AppError } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SetupService } from '../../auth/setup-service.js';

/** Stage 5: until the first admin exists every non-public route answers 503 SETUP_REQUIRED. */
export const setupGuard = fp(
  async (app: FastifyInstance, deps: { setup: SetupService }) => {
    app.addHook('onRequest', async (request) => {
      if (request.is404 || request.routeOptions.config?.permission === 'public') return;
      if (!(await deps.setup.isCompleted()))
        throw new AppError(
          'SETUP_REQUIRED',
          'Argus is not set up yet: create the first admin with POST /api/setup/init',
        );
    });
  },
  { name: 'argus-setup-guard' },
);
