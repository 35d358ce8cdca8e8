import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cors } from './cors.js';

describe('CORS stage', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    await app.register(cors, { allowedOrigins: ['https://ui.example'] });
    app.get('/api/thing', async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());

  const get = (headers: Record<string, string> = {}) => app.inject({ url: '/api/thing', headers });
  const preflight = (headers: Record<string, string>) => app.inject({ method: 'OPTIONS', url: '/api/thing', headers });

  it('lets an allowed origin read answers with credentials', async () => {
    const res = await get({ origin: 'https://ui.example' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://ui.example');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers.vary).toBe('Origin');
  });

  it('gives any other origin, and requests without one, no CORS grant (but Vary: Origin for caches)', async () => {
    for (const res of [await get({ origin: 'https://evil.example' }), await get()]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers.vary).toBe('Origin');
    }
  });

  it('answers an allowed preflight with 204 and the methods and headers the API accepts', async () => {
    const res = await preflight({ origin: 'https://ui.example', 'access-control-request-method': 'DELETE' });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://ui.example');
    expect(res.headers['access-control-allow-methods']).toContain('DELETE');
    expect(res.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, X-API-Key');
    expect(res.headers['access-control-max-age']).toBe('600');
  });

  it('refuses a preflight from another origin (404) and a malformed one (400)', async () => {
    const evil = await preflight({ origin: 'https://evil.example', 'access-control-request-method': 'GET' });
    expect(evil.statusCode).toBe(404);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight({ origin: 'https://ui.example' })).statusCode).toBe(400);
    expect((await preflight({})).statusCode).toBe(400);
  });
});
