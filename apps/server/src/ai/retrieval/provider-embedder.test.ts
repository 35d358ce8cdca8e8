import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { createHashingEmbedder } from './embedder.js';
import { createProviderEmbedder } from './provider-embedder.js';
import { createRetrievalService, type RetrievalService } from './retrieval-service.js';

/**
 * A local server speaking the embeddings wire formats (OpenAI `POST /v1/embeddings`, Ollama `POST /api/embed`),
 * answering with 384-dimensional vectors (so the provider's size differs from the built-in 512).
 */
interface EmbeddingServer {
  url: string;
  requests: Array<{
    path: string;
    auth: string | undefined;
    body: { model: string; input: string[]; encoding_format?: string };
  }>;
  failing: boolean;
  close(): Promise<void>;
}

async function startEmbeddingServer(): Promise<EmbeddingServer> {
  const vectors = createHashingEmbedder({ dimensions: 384 });
  const state: EmbeddingServer = { url: '', requests: [], failing: false, close: async () => undefined };
  const read = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    return JSON.parse(text) as { model: string; input: string | string[]; encoding_format?: string };
  };
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const input = Array.isArray(body.input) ? body.input : [body.input];
    state.requests.push({
      path: req.url ?? '',
      auth: req.headers.authorization,
      body: { model: body.model, input, ...(body.encoding_format ? { encoding_format: body.encoding_format } : {}) },
    });
    res.setHeader('content-type', 'application/json');
    if (state.failing) {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { message: 'embedding backend down', type: 'server_error' } }));
      return;
    }
    const embeddings = await vectors.embed(input);
    if (req.url === '/v1/embeddings') {
      res.end(
        JSON.stringify({
          object: 'list',
          // Out of order on purpose: clients must sort by index.
          data: embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding })).reverse(),
          model: body.model,
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
    } else if (req.url === '/api/embed') {
      res.end(JSON.stringify({ model: body.model, embeddings }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((r) => server.close(() => r()));
  return state;
}

describe('provider embeddings (PGlite + pgvector)', () => {
  let t: TestDatabase;
  let server: EmbeddingServer;
  const logger = pino({ level: 'silent' });
  beforeAll(async () => {
    [t, server] = await Promise.all([createTestDatabase('pglite'), startEmbeddingServer()]);
  });
  afterAll(async () => {
    await Promise.all([t?.drop(), server?.close()]);
  });

  it('indexes and searches with an OpenAI-compatible embeddings endpoint, and falls back to full text when it fails', async () => {
    const embedder = createProviderEmbedder(
      { provider: 'openai', baseUrl: `${server.url}/v1`, apiKey: 'sk-embed-test' },
      'test-embed',
      { timeoutMs: 5000 },
    );
    const service: RetrievalService = createRetrievalService({
      db: t.db,
      logger,
      resolveEmbedder: async () => embedder,
    });
    const { items } = await service.search('pod keeps restarting with CrashLoopBackOff', { mode: 'vector' });
    expect(items[0]?.source_id).toBe('crashloopbackoff');
    expect((await service.status()).embedder).toBe(embedder?.id);
    expect(server.requests.length).toBeGreaterThan(1);
    expect(server.requests.every((r) => r.body.model === 'test-embed' && r.auth === 'Bearer sk-embed-test')).toBe(true);
    expect(server.requests[0]?.body.encoding_format).toBe('float');
    const rows = await t.db.query<{ embedder: string; dims: number }>(
      `SELECT DISTINCT embedder, dims FROM ai_embeddings WHERE source = 'kb'`,
    );
    expect(rows.rows).toEqual([{ embedder: embedder?.id, dims: 384 }]);

    // The provider fails now: the question cannot be embedded, the answer ranks by full text.
    server.failing = true;
    const fallback = await service.search('PersistentVolumeClaim stuck in Pending');
    expect(fallback.items[0]?.source_id).toBe('pvc-pending');
    server.failing = false;
  });

  it('speaks Ollama’s /api/embed too, and the index follows the embedder in use', async () => {
    const embedder = createProviderEmbedder({ provider: 'ollama', baseUrl: server.url, apiKey: null }, 'nomic-embed', {
      timeoutMs: 5000,
    });
    const service = createRetrievalService({ db: t.db, logger, resolveEmbedder: async () => embedder });
    const { items } = await service.search('kubectl top: metrics API not available', { mode: 'vector' });
    expect(items[0]?.source_id).toBe('metrics-server-missing');
    expect(server.requests.at(-1)).toMatchObject({ path: '/api/embed', body: { model: 'nomic-embed' } });
    const rows = await t.db.query<{ embedder: string }>(
      `SELECT DISTINCT embedder FROM ai_embeddings WHERE source = 'kb'`,
    );
    expect(rows.rows.map((r) => r.embedder)).toEqual([embedder?.id]);
    expect(createProviderEmbedder({ provider: 'anthropic', baseUrl: null, apiKey: 'k' }, 'x', { timeoutMs: 1 })).toBe(
      null,
    );
  });
});
