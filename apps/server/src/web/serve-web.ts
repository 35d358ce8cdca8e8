/**
 * Serves the built web UI (apps/web, Next.js) on the API's port: Next's request handler mounted as a
 * catch-all for every GET/HEAD path that is not the API, the WebSocket hub or a route of its own.
 * The UI is static and client-rendered (tokens live in the browser), so the routes are public.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@argus/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
interface NextApp {
  prepare(): Promise<void>;
  getRequestHandler(): NextHandler;
  close?(): Promise<void>;
}

/** apps/web, next to apps/server (from src/web or dist/web alike). */
export const defaultWebDir = (): string => join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web');

/** Whether `next build` has produced a servable app in `dir`. */
export function webBuildExists(dir = defaultWebDir()): boolean {
  return existsSync(join(dir, '.next', 'BUILD_ID'));
}

const OWN_PREFIXES = ['/api/', '/ws', '/healthz', '/readyz', '/metrics'];

/**
 * Mounts the UI. Next is loaded on the first UI request (not at start), so API-only uses of the app —
 * tests, say — never pay for it.
 */
export async function serveWeb(app: FastifyInstance, opts: { dir?: string } = {}): Promise<void> {
  const dir = opts.dir ?? defaultWebDir();
  let ready: Promise<{ nextApp: NextApp; handle: NextHandler }> | undefined;
  const load = () => {
    ready ??= (async () => {
      // `next` is apps/web's dependency: resolve it from there, so the server does not depend on it.
      const require = createRequire(join(dir, 'package.json'));
      const next = require('next') as (o: {
        dir: string;
        dev: boolean;
        quiet?: boolean;
        customServer?: boolean;
      }) => NextApp;
      const nextApp = next({ dir, dev: false, quiet: true, customServer: true });
      await nextApp.prepare();
      return { nextApp, handle: nextApp.getRequestHandler() };
    })();
    return ready;
  };
  app.addHook('onClose', async () => {
    if (ready) await (await ready.catch(() => undefined))?.nextApp.close?.();
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (OWN_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) {
      throw new AppError('ROUTE_NOT_FOUND', `No route ${request.method} ${path}`);
    }
    const { handle } = await load();
    reply.hijack();
    // The security headers were already set on reply.raw by the onRequest stage; Next adds its own.
    await handle(request.raw, reply.raw);
  };
  for (const url of ['/', '/*']) {
    app.route({ method: ['GET', 'HEAD'], url, config: { permission: 'public' }, handler });
  }
}
