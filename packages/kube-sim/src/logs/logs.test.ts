import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningPod } from '../exec/exec-test-helpers.js';
import type { PodShape } from '../exec/pod-shape.js';
import { createLogHandler } from './log-handler.js';

const T0 = Date.parse('2025-01-01T00:00:05Z');
let now = T0 + 120_000;
const pods = new Map<string, PodShape>();

const web = runningPod('web', [{ name: 'nginx', image: 'nginx:1.27' }]);
const multi = runningPod('multi', [
  { name: 'a', image: 'ghcr.io/acme/api:1.2' },
  { name: 'b', image: 'redis:7' },
]);
const crashy = runningPod('crashy', [{ name: 'app', image: 'ghcr.io/acme/api:1.2' }]);
crashy.status!.containerStatuses![0] = {
  name: 'app',
  restartCount: 2,
  state: { running: { startedAt: '2025-01-01T00:01:00Z' } },
  lastState: {
    terminated: { exitCode: 1, reason: 'Error', startedAt: '2025-01-01T00:00:30Z', finishedAt: '2025-01-01T00:00:59Z' },
  },
};
const pending: PodShape = {
  metadata: { name: 'pending', namespace: 'default', uid: 'p' },
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
  status: {
    phase: 'Pending',
    containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }],
  },
};
const done = runningPod('job-x', [{ name: 'job', image: 'perl:5.34' }]);
done.status!.phase = 'Succeeded';
done.status!.containerStatuses![0]!.state = {
  terminated: {
    exitCode: 0,
    reason: 'Completed',
    startedAt: '2025-01-01T00:00:05Z',
    finishedAt: '2025-01-01T00:00:15Z',
  },
};
for (const p of [web, multi, crashy, pending, done]) pods.set(p.metadata.name!, p);

let server: Server;
let base = '';
const handler = createLogHandler({
  getPod: (_ns, name) => pods.get(name),
  now: () => now,
  followIntervalMs: 5,
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);
    if (!m) return void res.writeHead(404).end();
    void handler.handleRequest(req, res, { namespace: m[1]!, name: m[2]!, query: url.searchParams });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/namespaces/default/pods`;
});
afterAll(async () => {
  handler.close?.();
  await new Promise<void>((r) => server.close(() => r()));
});

function fetchLog(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(`${base}/${path}`, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    }).on('error', reject);
  });
}

const lines = (body: string) => body.split('\n').filter((l) => l !== '');

describe('pod logs', () => {
  it('nginx pod: start-up lines then access-log lines, deterministic', async () => {
    const a = await fetchLog('web/log');
    expect(a.status).toBe(200);
    expect(a.type).toBe('text/plain');
    const all = lines(a.body);
    expect(all[0]).toContain('/docker-entrypoint.sh');
    expect(all.length).toBeGreaterThan(100);
    expect(all.length).toBeLessThanOrEqual(125);
    expect(all.at(-1)).toMatch(
      /^10\.244\.\d+\.\d+ - - \[01\/Jan\/2025:00:0\d:\d\d \+0000\] "[A-Z]+ \S+ HTTP\/1\.1" \d{3} /,
    );
    expect((await fetchLog('web/log')).body).toBe(a.body);
  });

  it('tailLines, timestamps, sinceSeconds, sinceTime, limitBytes', async () => {
    const all = lines((await fetchLog('web/log')).body);
    const tail = lines((await fetchLog('web/log?tailLines=5')).body);
    expect(tail).toEqual(all.slice(-5));
    expect((await fetchLog('web/log?tailLines=0')).body).toBe('');

    const stamped = lines((await fetchLog('web/log?timestamps=true&tailLines=20')).body);
    expect(stamped).toHaveLength(20);
    const times = stamped.map((l) => l.slice(0, l.indexOf(' ')));
    for (const t of times) expect(t).toMatch(/^2025-01-01T00:0\d:\d\d(\.\d{1,9})?Z$/);
    expect([...times].sort()).toEqual(times);
    expect(stamped.map((l) => l.slice(l.indexOf(' ') + 1))).toEqual(all.slice(-20));

    const since = lines((await fetchLog('web/log?sinceSeconds=10&timestamps=true')).body);
    expect(since.length).toBeGreaterThanOrEqual(8);
    expect(since.length).toBeLessThanOrEqual(11);
    for (const l of since) expect(Date.parse(l.slice(0, l.indexOf(' ')))).toBeGreaterThanOrEqual(now - 10_000);
    const sinceTime = lines((await fetchLog('web/log?sinceTime=2025-01-01T00:01:55Z')).body);
    expect(sinceTime.length).toBe(since.length);

    const limited = await fetchLog('web/log?limitBytes=100');
    expect(Buffer.byteLength(limited.body)).toBe(100);
    expect((await fetchLog('web/log?sinceSeconds=0')).status).toBe(400);
  });

  it('previous: the last instance ends with its crash; 400 when there was no restart', async () => {
    const prev = lines((await fetchLog('crashy/log?previous=true&timestamps=true')).body);
    expect(prev.length).toBeGreaterThan(20);
    expect(prev.at(-1)).toContain('"level":"fatal"');
    expect(prev.at(-1)!.startsWith('2025-01-01T00:00:58.9')).toBe(true);
    const current = lines((await fetchLog('crashy/log')).body);
    expect(current[0]).toContain('starting service');
    expect(current).not.toEqual(prev.map((l) => l.slice(l.indexOf(' ') + 1)));

    const none = await fetchLog('web/log?previous=true');
    expect(none.status).toBe(400);
    expect(JSON.parse(none.body)).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
      message: 'previous terminated container "nginx" in pod "web" not found',
    });
  });

  it('multi-container pods need a container; errors as the API server words them', async () => {
    const bad = await fetchLog('multi/log');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toBe('a container name must be specified for pod multi, choose one of: [a b]');
    expect(JSON.parse((await fetchLog('multi/log?container=c')).body).message).toBe(
      'container c is not valid for pod multi',
    );
    expect(lines((await fetchLog('multi/log?container=b')).body)[0]).toContain('Redis is starting');
    expect(lines((await fetchLog('multi/log?container=a')).body)[0]).toContain('"msg":"starting service"');

    const waiting = await fetchLog('pending/log');
    expect(waiting.status).toBe(400);
    expect(JSON.parse(waiting.body).message).toBe(
      'container "app" in pod "pending" is waiting to start: ContainerCreating',
    );
    const missing = await fetchLog('nope/log');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).message).toBe('pods "nope" not found');
  });

  it('a terminated container: finite logs, follow ends at once', async () => {
    const body = (await fetchLog('job-x/log')).body;
    expect(lines(body).length).toBeGreaterThan(5);
    expect(lines(body).length).toBeLessThan(15);
    expect((await fetchLog('job-x/log?follow=true')).body).toBe(body);
  });

  it('follow streams new lines as the clock moves and ends when the pod goes', async () => {
    const follower = runningPod('follow', [{ name: 'app', image: 'ghcr.io/acme/api:1.2' }]);
    pods.set('follow', follower);
    const res = await new Promise<IncomingMessage>((resolve) =>
      get(`${base}/follow/log?follow=true&tailLines=2`, resolve),
    );
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const seen: string[] = [];
    let ended = false;
    res.on('data', (c: Buffer) => seen.push(...lines(c.toString())));
    res.on('end', () => {
      ended = true;
    });
    await waitFor(() => seen.length === 2);
    now += 5_000;
    await waitFor(() => seen.length >= 6);
    expect(seen.length).toBeLessThanOrEqual(7);
    pods.delete('follow');
    await waitFor(() => ended);
  });
});

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
