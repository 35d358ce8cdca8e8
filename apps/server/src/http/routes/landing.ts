import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Argus</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:.25rem}</style></head>
<body><h1>Argus</h1><p>The Argus server is running. The web UI is not part of this build yet;
the REST API is served under <code>/api</code> (see <code>docs/api.md</code>), health at
<code>/healthz</code> and <code>/readyz</code>, metrics at <code>/metrics</code>.</p></body></html>`;

/** The page a user sees at the root URL until the web UI is served here. */
export async function landingRoutes(app: FastifyInstance): Promise<void> {
  const route = {
    config: { permission: 'public' },
    // Not in the API document (a page of the web UI, see describe-route.ts `documented`), declared all the same.
    schema: {
      summary: 'The landing page (HTML) until the web UI is served here',
      response: { 200: { description: 'An HTML page', content: { 'text/html': { schema: z.string() } } } },
    },
  } as const;
  app.get('/', route, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return page;
  });
}
