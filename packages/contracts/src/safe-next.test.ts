// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_NEXT, safeNext } from './safe-next.js';

describe('safeNext: where the login page and the OIDC callback go after signing in', () => {
  it('keeps paths of this site', () => {
    expect(safeNext('/clusters?x=1')).toBe('/clusters?x=1');
    expect(safeNext('/clusters/abc/workloads#pods')).toBe('/clusters/abc/workloads#pods');
  });

  it('refuses anything a browser would take to another origin', () => {
    for (const next of [
      decodeURIComponent('/%09/evil.com'), // "/\t/evil.com": the browser drops the tab → //evil.com
      '/\n/evil.com',
      '/\r\n/evil.com',
      '\u0000//evil.com',
      ' //evil.com',
      '//evil.com',
      '/\\evil.com',
      '\\\\evil.com',
      '/\t\\evil.com',
      'https://evil.com',
      'javascript:alert(1)',
      '\tjavascript:alert(1)',
      'evil.com',
      '',
      '/',
      null,
      undefined,
    ]) {
      expect(safeNext(next), JSON.stringify(next)).toBe(DEFAULT_NEXT);
    }
  });

  it('navigates to what it checked: tabs and newlines inside a same-site path are removed', () => {
    expect(safeNext('/clu\tsters')).toBe('/clusters');
  });
});

describe('oidcAuthorizeQuerySchema: the server keeps only a path of this site', () => {
  it('cleans next the same way', async () => {
    const { oidcAuthorizeQuerySchema } = await import('./oidc.js');
    expect(oidcAuthorizeQuerySchema.parse({ next: '/\t/evil.com' }).next).toBe(DEFAULT_NEXT);
    expect(oidcAuthorizeQuerySchema.parse({ next: '/clusters/a' }).next).toBe('/clusters/a');
    expect(oidcAuthorizeQuerySchema.parse({}).next).toBeUndefined();
  });
});
