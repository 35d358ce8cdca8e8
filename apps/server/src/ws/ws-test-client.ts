/** A `ws` client for the hub's tests: records every message and waits for the ones a test expects. */
import WebSocket from 'ws';

// biome-ignore lint/suspicious/noExplicitAny: test messages are read field by field
export type Msg = Record<string, any>;

export interface TestClient {
  ws: WebSocket;
  messages: Msg[];
  /** Receipt time (performance.now()) of each message, by index. */
  times: number[];
  send(message: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** The first message (from index `from`) that matches, waiting up to timeoutMs. */
  next(match: (m: Msg) => boolean, timeoutMs?: number, from?: number): Promise<Msg>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export function wsUrl(httpUrl: string, path = '/ws'): string {
  return httpUrl.replace(/^http/, 'ws') + path;
}

export function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(url, options);
  const messages: Msg[] = [];
  const times: number[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as Msg);
    times.push(performance.now());
    for (const w of waiters) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      for (const w of waiters) w();
      resolve({ code, reason: reason.toString() });
    }),
  );
  const client: TestClient = {
    ws,
    messages,
    times,
    send: (m) => ws.send(JSON.stringify(m)),
    sendRaw: (d) => ws.send(d),
    next(match, timeoutMs = 5_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (let i = from; i < messages.length; i++) {
            if (match(messages[i]!)) {
              cleanup();
              resolve(messages[i]!);
              return;
            }
          }
          if (ws.readyState === ws.CLOSED) {
            cleanup();
            reject(new Error(`closed before the expected message; got ${JSON.stringify(messages.slice(-5))}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out; last messages ${JSON.stringify(messages.slice(-5)).slice(0, 2000)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    closed,
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** Connects and authenticates; resolves once the server said `authenticated`. */
export async function connectAs(url: string, token: string): Promise<TestClient> {
  const c = await connect(url);
  c.send({ type: 'auth', token });
  await c.next((m) => m.type === 'authenticated' || m.type === 'error');
  if (c.messages[0]?.type !== 'authenticated') throw new Error(`auth failed: ${JSON.stringify(c.messages[0])}`);
  return c;
}
