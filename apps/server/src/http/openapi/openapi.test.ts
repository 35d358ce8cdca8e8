/**
 * Issue 16: the API is described by its code. The generated document lists every route the server registers
 * (the built-in plugins' included) with the schemas the route validates; a route added without declared
 * schemas fails here; responses are checked against their declared schemas by every test that boots a
 * server (VALIDATE_RESPONSES, register-openapi.ts), so the documented shapes are the returned ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearer, type SignedIn, setupAdmin } from '../../test-support/identity.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';
import { documented } from './describe-route.js';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
  parameters?: Array<{ in: string; name: string; schema: unknown }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
  'x-argus-permission'?: string;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

/** Routes that pass another server's answer through and take any body (docs/api.md says why). */
const PASSTHROUGH = new Set(['/api/clusters/:clusterId/k8s', '/api/clusters/:clusterId/k8s/*']);

const metaExamples = (schema: unknown) => (schema as z.ZodType).meta?.()?.examples;

/** JSON with object keys sorted, to compare schemas whatever order their keys were written in. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{*}');

describe('the OpenAPI document', () => {
  let server: TestServer;
  let admin: SignedIn;
  let doc: Doc;
  beforeAll(async () => {
    server = await createTestServer('pglite');
    admin = await setupAdmin(server.app);
    const res = await server.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json() as Doc;
  }, 60_000);
  afterAll(() => server.stop());

  const apiRoutes = () => server.routes.filter((r) => documented(r.url) && r.url !== '/api/openapi.json');

  it('is public OpenAPI 3.1 with the bearer and API key schemes', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys((doc.components as { securitySchemes: object }).securitySchemes)).toEqual(['bearer', 'apiKey']);
    const login = doc.paths['/api/auth/login']?.post;
    expect(login?.security).toEqual([]);
    const users = doc.paths['/api/users']?.get;
    expect(users?.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(users?.['x-argus-permission']).toBe('users:read');
    expect(Object.keys(users?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '403']));
  });

  it('lists every route the server registers, the built-in plugins’ under their tag', () => {
    const missing = apiRoutes()
      .filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(doc.paths['/api/plugins/helm/clusters/{cluster}/releases']?.get?.tags).toEqual(['plugin: helm']);
    expect(doc.paths['/api/plugins/prometheus/clusters/{cluster}/query']?.get?.tags).toEqual(['plugin: prometheus']);
  });

  it('every route declares its schemas: responses, path params, a body for POST/PUT/PATCH', () => {
    const problems: string[] = [];
    for (const r of apiRoutes()) {
      const s = r.schema ?? {};
      const where = `${r.method} ${r.url}`;
      if (!s.response || Object.keys(s.response as object).length === 0) problems.push(`${where}: no response schema`);
      if (r.url.includes(':') && !s.params) problems.push(`${where}: no params schema`);
      if (['POST', 'PUT', 'PATCH'].includes(r.method) && !s.body && !PASSTHROUGH.has(r.url) && !s.consumes)
        problems.push(`${where}: no body schema`);
      if (!s.summary) problems.push(`${where}: no summary`);
    }
    expect(problems).toEqual([]);
  });

  it('documents what each route validates (the declared zod schema, as JSON Schema)', () => {
    const differs: string[] = [];
    const json = (schema: unknown) => {
      const out = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<
        string,
        unknown
      >;
      delete out.$schema;
      delete out.examples; // @fastify/swagger moves examples to the media type object
      return out;
    };
    for (const r of apiRoutes()) {
      const body = r.schema?.body;
      if (!body || typeof (body as z.ZodType).safeParse !== 'function') continue;
      const op = doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
      const media = op?.requestBody?.content['application/json'] as
        | { schema?: unknown; example?: unknown; examples?: unknown }
        | undefined;
      const documentedBody = media?.schema;
      if (metaExamples(body) && media?.example === undefined && !media?.examples)
        differs.push(`${r.method} ${r.url}: its examples are missing`);
      if (canonical(documentedBody) !== canonical(json(body)))
        differs.push(`${r.method} ${r.url}: ${canonical(documentedBody)} != ${canonical(json(body))}`);
    }
    expect(differs).toEqual([]);
  });

  it('validates input before the handler runs: a body of the wrong shape is 400 VALIDATION_FAILED', async () => {
    const fill = (url: string) =>
      url
        .replace(/:clusterId|:cluster|:id/g, '00000000-0000-4000-8000-000000000000')
        .replace(/:namespace|:ns/g, 'default')
        .replace(/:[A-Za-z0-9_]+/g, 'x')
        .replace(/\*$/, 'x');
    const wrong: string[] = [];
    for (const r of apiRoutes()) {
      const body = r.schema?.body as z.ZodType | undefined;
      if (!body || typeof body.safeParse !== 'function' || body.safeParse([1]).success) continue;
      const res = await server.app.inject({
        method: r.method as 'POST',
        url: fill(r.url),
        headers: { ...bearer(admin.token), 'content-type': 'application/json' },
        payload: '[1]',
      });
      if (res.statusCode !== 400 || res.json().error?.code !== 'VALIDATION_FAILED')
        wrong.push(`${r.method} ${r.url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves input parsing to the declarations (no handler parses request input itself)', () => {
    const dirs = [
      fileURLToPath(new URL('../routes', import.meta.url)),
      fileURLToPath(new URL('../../plugin-engine', import.meta.url)),
    ];
    const offenders: string[] = [];
    for (const dir of dirs)
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
        const text = readFileSync(join(dir, f), 'utf8');
        if (/parseInput\([^)]*request\.(body|query|params)/.test(text)) offenders.push(f);
      }
    expect(offenders).toEqual([]);
  });
});
