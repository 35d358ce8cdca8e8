import { get } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '../config/load-config.js';
import { createTestServer, type TestServer } from '../test-support/test-server.js';

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('HTTPS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite', { listen: true, tls: true });
  });
  afterAll(() => server.stop());

  it('serves the API over TLS with the configured certificate', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await httpsGet(`${server.url}/healthz`, server.caPem ?? '');
    expect(res).toEqual({ status: 200, body: '{"status":"ok"}' });
  });

  it('refuses a certificate without its key', () => {
    expect(() => configFrom({ TLS_CERT_FILE: '/tmp/cert.pem' })).toThrow(
      /TLS_KEY_FILE: TLS_CERT_FILE and TLS_KEY_FILE go together/,
    );
  });
});
