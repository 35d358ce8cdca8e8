/**
 * The demo's `default/hello-web` (an nginx in the scenario) answered in-process behind the proxy
 * subresources, so "open in browser" shows a page in the demo: the nginx welcome page at `/`, a small JSON
 * status at `/status` (fetched by the page's own script, so a test sees the page's requests work through the
 * proxy), 404 elsewhere. Its pods answer the same through `pods/{name}:80/proxy`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalService } from './context.js';

const PAGE = `<!DOCTYPE html>
<html>
<head><title>Welcome to nginx!</title>
<style>body { width: 35em; margin: 0 auto; font-family: Tahoma, Verdana, Arial, sans-serif; }</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and working.</p>
<p id="status">checking status…</p>
<script>
fetch('status').then(function (r) { return r.json(); }).then(function (s) {
  document.getElementById('status').textContent = 'status: ' + s.status + ' (served by ' + s.server + ')';
}, function (e) { document.getElementById('status').textContent = 'status request failed: ' + e; });
</script>
<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const HELLO_WEB: LocalService = {
  namespace: 'default',
  name: 'hello-web',
  ports: ['http', '80'],
  async handle(req: IncomingMessage, res: ServerResponse, path: string) {
    req.resume();
    const headers = { server: 'nginx/1.27.5 (kube-sim)' };
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html' });
      res.end(req.method === 'HEAD' ? undefined : PAGE);
    } else if (path === '/status') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', server: 'hello-web' }));
    } else {
      res.writeHead(404, { ...headers, 'content-type': 'text/html' });
      res.end(
        '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center></body></html>',
      );
    }
  },
};
