import { AppError } from '@argus/contracts';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerErrorHandling } from './error-handler.js';

async function appWithRoutes() {
  const app = Fastify({ bodyLimit: 1024 });
  registerErrorHandling(app);
  app.post('/echo', async (req) => req.body);
  app.get('/conflict', async () => {
    throw new AppError('CONFLICT', 'already there');
  });
  app.get('/zod', async () => z.object({ n: z.number() }).parse({ n: 'x' }));
  app.get('/boom', async () => {
    throw new Error('secret internal detail');
  });
  await app.ready();
  return app;
}

describe('error mapping', () => {
  it('maps malformed JSON to 400 INVALID_JSON', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
  });

  it('maps an oversized body to 413 PAYLOAD_TOO_LARGE', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 'x'.repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('maps an unsupported content type to 415', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/x-bogus' },
      payload: 'x',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('passes typed errors through with their code and status', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({ url: '/conflict' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'CONFLICT', message: 'already there' } });
  });

  it('maps schema failures to 400 VALIDATION_FAILED naming the field', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({ url: '/zod' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toMatch(/n:/);
  });

  it('hides internal errors behind a generic 500 without a stack trace', async () => {
    const app = await appWithRoutes();
    app.log.level = 'silent';
    const res = await app.inject({ url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    expect(res.body).not.toMatch(/secret internal detail|at /);
  });
});
