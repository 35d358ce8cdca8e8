/** The guard against real loopback servers: what it refuses never reaches them; what it allows does. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAppError } from '@argus/contracts';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutboundGuard, type OutboundGuardOptions, type ResolvedAddress } from './outbound-guard.js';

const logger = pino({ level: 'silent' });

interface Upstream {
  server: Server;
  port: number;
  hits: IncomingMessage[];
  handle: (req: IncomingMessage, res: ServerResponse) => void;
}

async function upstream(host: string): Promise<Upstream> {
  const u: Upstream = {
    server: createServer((req, res) => {
      u.hits.push(req);
      u.handle(req, res);
    }),
    port: 0,
    hits: [],
    handle: (_req, res) => res.end('hello'),
  };
  await new Promise<void>((r) => u.server.listen(0, host, r));
  u.port = (u.server.address() as AddressInfo).port;
  return u;
}

let a: Upstream; // 127.0.0.1
let b: Upstream; // 127.0.0.2: loopback too, but outside the allowed 127.0.0.1/32
beforeAll(async () => {
  [a, b] = await Promise.all([upstream('127.0.0.1'), upstream('127.0.0.2')]);
});
afterAll(async () => {
  for (const u of [a, b]) {
    u.server.closeAllConnections();
    await new Promise<void>((r) => u.server.close(() => r()));
  }
});
beforeEach(() => {
  for (const u of [a, b]) {
    u.hits.length = 0;
    u.handle = (_req, res) => res.end('hello');
  }
});

const names = (table: Record<string, string[]>) => {
  const calls: string[] = [];
  const resolver = async (host: string): Promise<ResolvedAddress[]> => {
    calls.push(host);
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolver, calls };
};

const guard = (opts: Partial<OutboundGuardOptions> = {}) => createOutboundGuard({ allowedCidrs: [], logger, ...opts });

async function failure(work: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await work;
  } catch (err) {
    if (isAppError(err)) return { code: err.code, status: err.status, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('outbound guard: what it refuses', () => {
  it('refuses loopback in every spelling, before any connection', async () => {
    const { resolver, calls } = names({});
    const g = guard({ resolver });
    for (const spelling of [
      '127.0.0.1',
      '2130706433',
      '0x7f.1',
      '127.1',
      '0177.0.0.1',
      '0x7f000001',
      '%31%32%37.0.0.1',
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
    ]) {
      const res = await failure(g.fetch(`http://${spelling}:${a.port}/index.yaml`));
      expect(res, spelling).toMatchObject({ code: 'OUTBOUND_URL_FORBIDDEN', status: 400 });
      expect(res.message, spelling).toMatch(/loopback address/);
    }
    expect(a.hits).toHaveLength(0);
    expect(calls).toEqual([]);
  });

  it.each([
    ['http://[::1]/', 'loopback'],
    ['http://0/', 'unspecified'],
    ['http://0.0.0.0:80/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://10.0.0.1/', 'private'],
    ['http://172.16.5.4/', 'private'],
    ['http://192.168.0.1/', 'private'],
    ['http://[fd12::1]/', 'private'],
    ['http://100.64.0.1/', 'shared (CGNAT)'],
    ['http://169.254.1.1/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'metadata'],
    ['http://100.100.100.200/latest/meta-data/', 'metadata'],
    ['http://[::ffff:169.254.169.254]/', 'metadata'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://255.255.255.255/', 'reserved'],
    ['http://192.0.2.1/', 'reserved'],
  ])('refuses %s (%s)', async (url, reason) => {
    const res = await failure(guard().check(url));
    expect(res.code).toBe('OUTBOUND_URL_FORBIDDEN');
    expect(res.message).toContain(`${reason} address`);
  });

  it('refuses other schemes and credentials in the URL', async () => {
    const g = guard();
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://example.com/', 'data:,hi', 'nonsense'])
      expect((await failure(g.check(url))).code, url).toBe('OUTBOUND_URL_FORBIDDEN');
    const creds = await failure(g.check('https://user:secret@charts.example.com/'));
    expect(creds).toMatchObject({ code: 'OUTBOUND_URL_FORBIDDEN' });
    expect(creds.message).toContain('credentials');
    expect(creds.message).not.toContain('secret');
  });

  it('refuses a name that resolves to loopback, or to any blocked address among public ones', async () => {
    const { resolver } = names({
      'localhost.example': ['127.0.0.1'],
      'mixed.example': ['93.184.215.14', '10.0.0.7'],
      'v6.example': ['2606:4700::1', '::1'],
    });
    const g = guard({ resolver });
    const local = await failure(g.fetch(`http://localhost.example:${a.port}/`));
    expect(local).toMatchObject({ code: 'OUTBOUND_URL_FORBIDDEN' });
    expect(local.message).toBe('Refusing to fetch from localhost.example: it resolves to a loopback address');
    expect((await failure(g.check('http://mixed.example/'))).message).toContain('private address');
    expect((await failure(g.check('http://v6.example/'))).message).toContain('loopback address');
    expect(a.hits).toHaveLength(0);
    // the real resolver: localhost is loopback
    expect((await failure(guard().fetch(`http://localhost:${a.port}/`))).code).toBe('OUTBOUND_URL_FORBIDDEN');
    expect(a.hits).toHaveLength(0);
  });

  it('refuses a redirect to a blocked address, and the redirect target receives nothing', async () => {
    const g = guard({ allowedCidrs: ['127.0.0.1/32'] });
    a.handle = (_req, res) => res.writeHead(302, { location: `http://127.0.0.2:${b.port}/secret` }).end();
    const res = await failure(g.fetch(`http://127.0.0.1:${a.port}/index.yaml`));
    expect(res.code).toBe('OUTBOUND_URL_FORBIDDEN');
    expect(res.message).toBe(
      `Refusing to fetch from 127.0.0.2 (redirected from 127.0.0.1:${a.port}): it is a loopback address`,
    );
    expect(a.hits).toHaveLength(1);
    expect(b.hits).toHaveLength(0);
    a.handle = (_req, res) => res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    expect((await failure(g.fetch(`http://127.0.0.1:${a.port}/`))).message).toContain('metadata address');
  });

  it('follows at most 5 redirects', async () => {
    const g = guard({ allowedCidrs: ['127.0.0.1/32'] });
    a.handle = (req, res) => {
      const n = Number(req.url?.slice(1));
      if (n < 6) res.writeHead(301, { location: `/${n + 1}` }).end();
      else res.end(`done ${n}`);
    };
    expect((await g.fetch(`http://127.0.0.1:${a.port}/1`)).body.toString()).toBe('done 6');
    a.hits.length = 0;
    const res = await failure(g.fetch(`http://127.0.0.1:${a.port}/0`));
    expect(res).toMatchObject({ code: 'OUTBOUND_FETCH_FAILED', status: 502 });
    expect(res.message).toContain('Too many redirects');
    expect(a.hits).toHaveLength(6);
  });
});

describe('outbound guard: what it allows', () => {
  it('fetches from addresses OUTBOUND_ALLOWED_CIDRS allows, and only those', async () => {
    const g = guard({ allowedCidrs: ['127.0.0.0/8'] });
    const res = await g.fetch(`http://127.0.0.1:${a.port}/index.yaml`);
    expect(res).toMatchObject({ status: 200, url: `http://127.0.0.1:${a.port}/index.yaml` });
    expect(res.body.toString()).toBe('hello');
    expect((await g.fetch(`http://127.0.0.2:${b.port}/`)).body.toString()).toBe('hello');
    expect((await failure(g.check('http://10.0.0.1/'))).code).toBe('OUTBOUND_URL_FORBIDDEN');
  });

  it('connects to the address it checked: a name is resolved once per hop, so DNS rebinding cannot bypass it', async () => {
    let answers = 0;
    const calls: string[] = [];
    const resolver = async (host: string): Promise<ResolvedAddress[]> => {
      calls.push(host);
      // First answer the allowed address, then a blocked one (a rebinding attacker's DNS).
      return [{ address: answers++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }];
    };
    const g = guard({ allowedCidrs: ['127.0.0.1/32'], resolver });
    const res = await g.fetch(`http://charts.example:${a.port}/index.yaml`);
    expect(res.status).toBe(200);
    expect(calls).toEqual(['charts.example']);
    expect(a.hits.map((h) => h.headers.host)).toEqual([`charts.example:${a.port}`]);
    expect(b.hits).toHaveLength(0);
    // the next request asks again, gets the blocked address, and is refused
    expect((await failure(g.fetch(`http://charts.example:${b.port}/`))).code).toBe('OUTBOUND_URL_FORBIDDEN');
    expect(b.hits).toHaveLength(0);
  });

  it('drops credentials headers on a redirect to another origin', async () => {
    const { resolver } = names({ 'other.example': ['127.0.0.1'] });
    const g = guard({ allowedCidrs: ['127.0.0.1/32'], resolver });
    a.handle = (req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: `http://other.example:${a.port}/next` }).end();
      else res.end('ok');
    };
    await g.fetch(`http://127.0.0.1:${a.port}/start`, { headers: { Authorization: 'Bearer t', 'X-Keep': '1' } });
    expect(a.hits.map((h) => [h.url, h.headers.authorization, h.headers['x-keep']])).toEqual([
      ['/start', 'Bearer t', '1'],
      ['/next', undefined, '1'],
    ]);
  });
});

describe('outbound guard: failures never carry upstream bytes', () => {
  const g = () => guard({ allowedCidrs: ['127.0.0.1/32'] });

  it('returns a non-2xx answer to the caller rather than throwing', async () => {
    a.handle = (_req, res) => res.writeHead(500).end('internal detail');
    expect((await g().fetch(`http://127.0.0.1:${a.port}/`)).status).toBe(500);
  });

  it('caps the answer, announced or streamed', async () => {
    const secret = 'SECRET-'.repeat(400);
    a.handle = (_req, res) => res.end(secret);
    const announced = await failure(g().fetch(`http://127.0.0.1:${a.port}/`, { maxBytes: 1000 }));
    expect(announced).toMatchObject({ code: 'OUTBOUND_FETCH_FAILED', status: 502 });
    expect(announced.message).toBe('The answer from 127.0.0.1 is larger than 1000 bytes');
    a.handle = (_req, res) => {
      res.write(secret);
      res.end(secret);
    };
    const streamed = await failure(g().fetch(`http://127.0.0.1:${a.port}/`, { maxBytes: 3000 }));
    expect(streamed.message).toBe('The answer from 127.0.0.1 is larger than 3000 bytes');
    expect((await g().fetch(`http://127.0.0.1:${a.port}/`, { maxBytes: 10_000 })).body.length).toBe(5600);
  });

  it('names the host and the reason for connection failures and timeouts', async () => {
    const closed = await upstream('127.0.0.1');
    await new Promise<void>((r) => closed.server.close(() => r()));
    const refused = await failure(g().fetch(`http://127.0.0.1:${closed.port}/`));
    expect(refused).toMatchObject({
      code: 'OUTBOUND_FETCH_FAILED',
      message: 'Could not fetch from 127.0.0.1 (ECONNREFUSED)',
    });
    a.handle = () => {}; // never answers
    const slow = await failure(g().fetch(`http://127.0.0.1:${a.port}/`, { timeoutMs: 200 }));
    expect(slow).toMatchObject({ code: 'OUTBOUND_FETCH_FAILED', message: 'Fetching from 127.0.0.1 timed out' });
    const unknown = await failure(guard({ resolver: names({}).resolver }).fetch('https://nowhere.example/'));
    expect(unknown).toMatchObject({
      code: 'OUTBOUND_FETCH_FAILED',
      message: 'Could not resolve nowhere.example (ENOTFOUND)',
    });
  });
});
