/**
 * For tests: a local HTTP server standing in for Slack, Teams, Telegram or a webhook receiver. It records each
 * request (method, path, headers, body) and answers with what the test scripted (default 200 "ok").
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: () => unknown;
}

export type Responder = (req: ReceivedRequest, res: ServerResponse) => void;

export interface TestReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Answers the next requests with these responders in turn, then with the default. */
  enqueue(...responders: Responder[]): void;
  /** The answer once the queue is empty. */
  setDefault(responder: Responder): void;
  close(): Promise<void>;
}

export const reply =
  (status: number, body = '', headers: Record<string, string> = {}): Responder =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

export async function startTestReceiver(): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  const queue: Responder[] = [];
  let fallback: Responder = reply(200, 'ok');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const received: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        json: () => JSON.parse(body),
      };
      requests.push(received);
      (queue.shift() ?? fallback)(received, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...responders) => queue.push(...responders),
    setDefault: (responder) => {
      fallback = responder;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
