import { afterAll, beforeAll, expect, it } from 'vitest';
import { type KubeSim, startKubeSim } from '../index.js';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true };
let sim: KubeSim;

beforeAll(async () => {
  sim = await startKubeSim({ scenario: 'demo' });
});
afterAll(() => sim?.close());

const get = (path: string) => fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${sim.tokens.admin}` } });

it("answers the demo's hello-web through services/proxy and its pods' pods/proxy", async () => {
  const page = await get('/api/v1/namespaces/default/services/hello-web:http/proxy/');
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Welcome to nginx!');
  const status = await get('/api/v1/namespaces/default/services/hello-web:80/proxy/status');
  expect(await status.json()).toEqual({ status: 'ok', server: 'hello-web' });
  const pod = sim.store
    .list(PODS, { namespace: 'default' })
    .items.find((p) => p.metadata.name?.startsWith('hello-web-'));
  expect(pod).toBeDefined();
  const viaPod = await get(`/api/v1/namespaces/default/pods/${pod?.metadata.name}:80/proxy/`);
  expect(await viaPod.text()).toContain('Welcome to nginx!');
  expect((await get('/api/v1/namespaces/default/services/hello-web:http/proxy/nope')).status).toBe(404);
  const readonly = await fetch(`${sim.url}/api/v1/namespaces/default/services/hello-web:http/proxy/`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sim.tokens.readonly}` },
  });
  expect(readonly.status).toBe(403);
});
