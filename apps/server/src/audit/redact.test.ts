import { describe, expect, it } from 'vitest';
import { REDACTED, redactBody } from './redact.js';

describe('audit body redaction', () => {
  it('redacts credential keys at any depth and keeps the rest', () => {
    const body = {
      email: 'a@example.com',
      password: 'hunter22',
      new_password: 'x',
      current_password: 'y',
      refresh_token: 'argusrt_abc',
      nested: { client_secret: 's', kubeconfig: 'apiVersion: v1', list: [{ token: 't', name: 'keep' }] },
      name: 'keep me',
    };
    expect(redactBody(body)).toEqual({
      email: 'a@example.com',
      password: REDACTED,
      new_password: REDACTED,
      current_password: REDACTED,
      refresh_token: REDACTED,
      nested: { client_secret: REDACTED, kubeconfig: REDACTED, list: [{ token: REDACTED, name: 'keep' }] },
      name: 'keep me',
    });
  });

  it('redacts values that look like credentials under any key, and Secret data', () => {
    const out = redactBody({
      note: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc',
      key2: 'argus_abcdef',
      pem: '-----BEGIN RSA PRIVATE KEY-----\nMII…',
      kind: 'Secret',
      data: { password: 'cGFzcw==' },
      stringData: { a: 'b' },
      metadata: { name: 'db', namespace: 'prod' },
    }) as Record<string, unknown>;
    expect(out).toMatchObject({
      note: REDACTED,
      key2: REDACTED,
      pem: REDACTED,
      data: REDACTED,
      stringData: REDACTED,
      metadata: { name: 'db', namespace: 'prod' },
    });
  });

  it('does not record non-JSON bodies and bounds big ones', () => {
    expect(redactBody('apiVersion: v1\nkind: Secret')).toEqual({ _omitted: expect.any(String), bytes: 27 });
    expect(redactBody(undefined)).toBeNull();
    const big = redactBody({ s: 'x'.repeat(10_000), a: Array.from({ length: 500 }, (_, i) => i) }) as {
      s: string;
      a: unknown[];
    };
    expect(big.s.length).toBeLessThan(2100);
    expect(big.a).toHaveLength(201);
  });
});
