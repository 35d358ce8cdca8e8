import { AppError } from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SetupService } from '../../auth/setup-service.js';

/**
 * Stage 5: until the first admin exists every non-public route answers 503 SETUP_REQUIRED. Setup is never
 * undone, so once it is seen completed the hook passes requests on without asking again (no promise).
 */
export const setupGuard = fp(
  async (app: FastifyInstance, deps: { setup: SetupService }) => {
    let completed = false;
    const refuse = () =>
      new AppError('SETUP_REQUIRED', 'Argus is not set up yet: create the first admin with POST /api/setup/init');
    app.addHook('onRequest', (request, _reply, done) => {
      if (completed || request.is404 || request.routeOptions.config?.permission === 'public') return done();
      deps.setup.isCompleted().then((yes) => {
        if (yes) completed = true;
        done(yes ? undefined : refuse());
      }, done);
    });
  },
  { name: 'argus-setup-guard' },
);
