import { describe, expect, it } from 'vitest';
import { encodeSegment, pathSegments, rawPathOf } from './raw-path.js';

const refused = (path: string, trailingSlash = false) => {
  try {
    pathSegments(path, { trailingSlash });
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'accepted';
};

describe('pathSegments: one reading of the raw path', () => {
  it('decodes each segment once', () => {
    expect(pathSegments('/api/v1/namespaces/shop/roles/system%3Aadmin')).toEqual([
      'api',
      'v1',
      'namespaces',
      'shop',
      'roles',
      'system:admin',
    ]);
    expect(pathSegments('/')).toEqual([]);
  });

  it.each([
    '/a/../b',
    '/a/./b',
    '/a/%2e%2e/b',
    '/a/%2E%2E/b',
    '/a/.%2e/b',
    '/a/%2e./b',
    '/a/%2e/b',
    '/a/..',
    '/a/b%2Fc',
    '/a/b%2fc',
    '/a/b%5Cc',
    '/a/b\\c',
    '/a//b',
    '//a',
    '/a/%zz',
    '/a/b%00',
    'a/b',
  ])('refuses %s with INVALID_PATH', (path) => {
    expect(refused(path)).toBe('INVALID_PATH');
  });

  it('takes one trailing slash only when asked to', () => {
    expect(refused('/api/users/')).toBe('INVALID_PATH');
    expect(pathSegments('/api/users/', { trailingSlash: true })).toEqual(['api', 'users']);
    expect(refused('/api/users//', true)).toBe('INVALID_PATH');
  });

  it('keeps names Kubernetes allows (dots inside, colons, @)', () => {
    expect(pathSegments('/a/shop./b...c/.hidden/x@y')).toEqual(['a', 'shop.', 'b...c', '.hidden', 'x@y']);
  });

  it('rawPathOf strips the query and fragment, encodeSegment re-encodes what must be', () => {
    expect(rawPathOf('/a/b?x=/../y#f')).toBe('/a/b');
    expect(encodeSegment('system:metrics-server')).toBe('system:metrics-server');
    expect(encodeSegment('a b?c#d')).toBe('a%20b%3Fc%23d');
  });
});
