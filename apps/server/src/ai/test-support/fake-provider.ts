/**
 * Local servers that speak each provider's exact streaming wire format, driven by a script (tests only):
 * Anthropic Messages (`POST /v1/messages`, SSE with named events), OpenAI Chat Completions
 * (`POST /v1/chat/completions`, SSE `data:` chunks ending in `[DONE]`) and Ollama (`POST /api/chat`, NDJSON).
 * Every answer is written in pieces of a few bytes, so JSON (tool arguments included) arrives split anywhere.
 * Every request body is kept, so tests can assert on exactly what reached the "model".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeKind = 'anthropic' | 'openai' | 'ollama';

export interface FakeStep {
  text?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  /** Answer this HTTP status with the vendor's error body instead (429, 401, 500…). */
  status?: number;
  errorMessage?: string;
  /** Send the headers, then nothing more (a stream that stops: the client's timeout must end it). */
  hang?: boolean;
  usage?: { input: number; output: number };
}

export interface FakeProvider {
  kind: FakeKind;
  /** The base URL to configure: Anthropic's and Ollama's host, OpenAI's `/v1`. */
  baseUrl: string;
  /** Every request body received, parsed. */
  received: Record<string, unknown>[];
  /** Every request's headers. */
  headers: IncomingMessage['headers'][];
  /** Appends steps; each request takes the next, or `fallback` when none is left. */
  script(...steps: FakeStep[]): void;
  /** Or decide per request (after the scripted steps run out). */
  respond(fn: (body: Record<string, unknown>) => FakeStep): void;
  /** Everything received, as one string (to search for what must never be sent). */
  allReceived(): string;
  /** Streams held open by `hang` steps that the client has not closed yet. */
  openStreams(): number;
  close(): Promise<void>;
}

const sleep = () => new Promise((r) => setImmediate(r));

async function writeSplit(res: ServerResponse, text: string): Promise<void> {
  let i = 0;
  let n = 0;
  while (i < text.length) {
    const size = 1 + ((n++ * 7 + 3) % 9);
    res.write(text.slice(i, i + size));
    i += size;
    if (n % 4 === 0) await sleep();
  }
}

/** Pieces of a string at awkward places (inside keys, escapes, numbers). */
function pieces(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 5) out.push(s.slice(i, i + 5));
  return out.length ? out : [''];
}

function anthropicBody(step: FakeStep): string {
  const ev = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  const usage = step.usage ?? { input: 42, output: 7 };
  let s = ev('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'fake',
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: 1 },
    },
  });
  s += ev('ping', { type: 'ping' });
  let index = 0;
  if (step.text) {
    s += ev('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const p of pieces(step.text))
      s += ev('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: p } });
    s += ev('content_block_stop', { type: 'content_block_stop', index });
    index++;
  }
  for (const [k, call] of (step.toolCalls ?? []).entries()) {
    s += ev('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id: `toolu_fake_${k}_${Date.now()}`, name: call.name, input: {} },
    });
    for (const p of pieces(JSON.stringify(call.arguments)))
      s += ev('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: p },
      });
    s += ev('content_block_stop', { type: 'content_block_stop', index });
    index++;
  }
  s += ev('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: step.toolCalls?.length ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage: { output_tokens: usage.output },
  });
  s += ev('message_stop', { type: 'message_stop' });
  return s;
}

function openAiBody(step: FakeStep): string {
  const usage = step.usage ?? { input: 42, output: 7 };
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: 'fake', choices, ...extra })}\n\n`;
  let s = chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
  for (const p of step.text ? pieces(step.text) : [])
    s += chunk([{ index: 0, delta: { content: p }, finish_reason: null }]);
  for (const [k, call] of (step.toolCalls ?? []).entries()) {
    s += chunk([
      {
        index: 0,
        delta: {
          tool_calls: [
            { index: k, id: `call_fake_${k}`, type: 'function', function: { name: call.name, arguments: '' } },
          ],
        },
        finish_reason: null,
      },
    ]);
    for (const p of pieces(JSON.stringify(call.arguments)))
      s += chunk([
        { index: 0, delta: { tool_calls: [{ index: k, function: { arguments: p } }] }, finish_reason: null },
      ]);
  }
  s += chunk([{ index: 0, delta: {}, finish_reason: step.toolCalls?.length ? 'tool_calls' : 'stop' }]);
  s += chunk([], {
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  });
  return `${s}data: [DONE]\n\n`;
}

function ollamaBody(step: FakeStep): string {
  const usage = step.usage ?? { input: 42, output: 7 };
  const line = (o: unknown) => `${JSON.stringify(o)}\n`;
  const base = { model: 'fake', created_at: '2026-01-01T00:00:00Z' };
  let s = '';
  for (const p of step.text ? pieces(step.text) : [])
    s += line({ ...base, message: { role: 'assistant', content: p }, done: false });
  if (step.toolCalls?.length)
    s += line({
      ...base,
      message: {
        role: 'assistant',
        content: '',
        tool_calls: step.toolCalls.map((c) => ({ function: { name: c.name, arguments: c.arguments } })),
      },
      done: false,
    });
  s += line({
    ...base,
    message: { role: 'assistant', content: '' },
    done: true,
    done_reason: 'stop',
    total_duration: 1,
    load_duration: 1,
    prompt_eval_count: usage.input,
    prompt_eval_duration: 1,
    eval_count: usage.output,
    eval_duration: 1,
  });
  return s;
}

function errorBody(kind: FakeKind, status: number, message: string): string {
  if (kind === 'anthropic')
    return JSON.stringify({
      type: 'error',
      error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message },
    });
  if (kind === 'openai')
    return JSON.stringify({
      error: { message, type: 'requests', param: null, code: status === 429 ? 'rate_limit_exceeded' : null },
    });
  return JSON.stringify({ error: message });
}

const PATHS: Record<FakeKind, string> = {
  anthropic: '/v1/messages',
  openai: '/v1/chat/completions',
  ollama: '/api/chat',
};

export async function startFakeProvider(kind: FakeKind): Promise<FakeProvider> {
  const queue: FakeStep[] = [];
  let responder: ((body: Record<string, unknown>) => FakeStep) | undefined;
  const received: Record<string, unknown>[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer(async (req, res) => {
    req.socket.setNoDelay(true);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== 'POST' || req.url?.split('?')[0] !== PATHS[kind]) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(errorBody(kind, 404, `no route ${req.url}`));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    received.push(body);
    headers.push(req.headers);
    const step = queue.shift() ?? responder?.(body) ?? { text: 'ok' };
    if (step.status) {
      res
        .writeHead(step.status, {
          'content-type': 'application/json',
          ...(step.status === 429 ? { 'retry-after': '30' } : {}),
        })
        .end(errorBody(kind, step.status, step.errorMessage ?? 'scripted failure'));
      return;
    }
    const type = kind === 'ollama' ? 'application/x-ndjson' : 'text/event-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
    res.flushHeaders();
    if (step.hang) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    const text = kind === 'anthropic' ? anthropicBody(step) : kind === 'openai' ? openAiBody(step) : ollamaBody(step);
    await writeSplit(res, text);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const host = `http://127.0.0.1:${port}`;
  return {
    kind,
    baseUrl: kind === 'openai' ? `${host}/v1` : host,
    received,
    headers,
    script: (...steps) => queue.push(...steps),
    respond: (fn) => {
      responder = fn;
    },
    allReceived: () => JSON.stringify(received),
    openStreams: () => hanging.size,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
