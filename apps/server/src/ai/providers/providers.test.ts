import { AppError } from '@argus/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKind, type FakeProvider, startFakeProvider } from '../test-support/fake-provider.js';
import { createProvider } from './create-provider.js';
import type { ChatRequest, StreamEvent } from './types.js';

const KINDS: FakeKind[] = ['anthropic', 'openai', 'ollama'];

const request: ChatRequest = {
  system: 'You are a test.',
  maxTokens: 256,
  tools: [
    {
      name: 'scale',
      description: 'Scale a workload',
      parameters: { type: 'object', properties: { replicas: { type: 'integer' } }, required: ['replicas'] },
    },
  ],
  messages: [
    { role: 'user', content: 'scale web to 3' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'scale', arguments: { replicas: 3 } }] },
    { role: 'tool', toolCallId: 'c1', name: 'scale', content: 'waiting for confirmation' },
    { role: 'user', content: 'thanks' },
  ],
};

async function collect(it: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe.each(KINDS)('the %s adapter against a server speaking its wire format', (kind) => {
  let fake: FakeProvider;
  const provider = (timeoutMs = 10_000) =>
    createProvider({ provider: kind, model: 'fake-model', baseUrl: fake.baseUrl, apiKey: 'sk-test-key', timeoutMs });

  beforeAll(async () => {
    fake = await startFakeProvider(kind);
  });
  afterAll(() => fake.close());

  it('streams text and assembles tool calls whose JSON arrived in pieces', async () => {
    const args = { namespace: 'shop', name: 'web', replicas: 3, note: 'quotes " and \\ and ünïcode' };
    fake.script({
      text: 'Let me scale that deployment for you.',
      toolCalls: [{ name: 'scale', arguments: args }],
      usage: { input: 120, output: 33 },
    });
    const events = await collect(provider().stream(request, new AbortController().signal));
    const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    expect(text).toBe('Let me scale that deployment for you.');
    const calls = events.flatMap((e) => (e.type === 'tool_call' ? [e.call] : []));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.name).toBe('scale');
    expect(calls[0]!.arguments).toEqual(args);
    expect(events).toContainEqual({ type: 'usage', inputTokens: 120, outputTokens: 33 });
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });
    // what reached the server: the model, the tool, the earlier tool result, the key
    const body = fake.received.at(-1)!;
    expect(body.model).toBe('fake-model');
    expect(JSON.stringify(body)).toContain('waiting for confirmation');
    expect(JSON.stringify(body)).toContain('"scale"');
    const h = fake.headers.at(-1)!;
    expect(h['x-api-key'] ?? h.authorization).toMatch(/sk-test-key/);
  });

  it('ends with stop "end" for a plain answer', async () => {
    fake.script({ text: 'All pods are running.' });
    const events = await collect(provider().stream(request, new AbortController().signal));
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'end' });
  });

  it('turns a 429 into AI_PROVIDER_RATE_LIMITED at once (no silent retries)', async () => {
    const before = fake.received.length;
    fake.script({ status: 429, errorMessage: 'slow down' });
    const err = await collect(provider().stream(request, new AbortController().signal)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('AI_PROVIDER_RATE_LIMITED');
    expect(fake.received.length).toBe(before + 1);
  });

  it('turns a 401 and a 500 into AI_PROVIDER_ERROR', async () => {
    fake.script({ status: 401, errorMessage: 'invalid x-api-key' }, { status: 500, errorMessage: 'overloaded' });
    for (const expected of [/refused the API key/, /500/]) {
      const err = await collect(provider().stream(request, new AbortController().signal)).catch((e: unknown) => e);
      expect((err as AppError).code).toBe('AI_PROVIDER_ERROR');
      expect((err as AppError).message).toMatch(expected);
    }
  });

  it('times out a stream that stops sending', async () => {
    fake.script({ hang: true });
    const err = await collect(provider(600).stream(request, new AbortController().signal)).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('AI_PROVIDER_TIMEOUT');
  });

  it('an unreachable base URL is AI_PROVIDER_UNREACHABLE', async () => {
    const p = createProvider({
      provider: kind,
      model: 'm',
      baseUrl: 'http://127.0.0.1:1',
      apiKey: 'k',
      timeoutMs: 5000,
    });
    const err = await collect(p.stream(request, new AbortController().signal)).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('AI_PROVIDER_UNREACHABLE');
  });

  it('stops when the caller aborts (no provider error)', async () => {
    fake.script({ hang: true });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const err = await collect(provider().stream(request, ac.signal)).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(AppError);
  });
});
