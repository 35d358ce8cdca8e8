import { describe, expect, it } from 'vitest';
import { cachedKind, cacheObject, NO_POOL } from './cached-object.js';
import { LAST_APPLIED, secretValuesFor, secretView, secretViewCached } from './secret-redaction.js';
import type { KubeObject } from './selectors.js';

const secret = (namespace: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', namespace, annotations: { [LAST_APPLIED]: '{"data":{"a":"c2VjcmV0"}}', keep: 'me' } },
  data: { a: 'c2VjcmV0', empty: '' },
  stringData: { b: 'é', a: 'ignored: data has it' },
});

describe('secret redaction', () => {
  it('drops values and the last-applied annotation, listing keys with decoded sizes, only outside the allowed namespaces', () => {
    const values = new Set(['open']);
    expect(secretView(secret('open'), values)).toEqual(secret('open'));
    const hidden = secretView(secret('closed'), values);
    expect(hidden).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'closed', annotations: { keep: 'me' } },
      data_keys: [
        { key: 'a', size: 6 },
        { key: 'empty', size: 0 },
        { key: 'b', size: 2 },
      ],
    });
    // A cached Secret: redacted once per version, JSON and parsed object alike; others untouched.
    const cached = cacheObject(secret('closed'), cachedKind('v1', 'Secret'), NO_POOL);
    const view = secretViewCached(cached, values);
    expect(JSON.parse(view.json)).toEqual(hidden);
    expect(view.object()).toEqual(hidden);
    expect(view.bytes).toBe(Buffer.byteLength(view.json));
    expect(secretViewCached(cached, values)).toBe(view);
    const open = cacheObject(secret('open'), cachedKind('v1', 'Secret'), NO_POOL);
    expect(secretViewCached(open, values)).toBe(open);
    expect(secretViewCached(cached, 'all')).toBe(cached);
    expect(secretView(secret('x'), 'all').data).toEqual({ a: 'c2VjcmV0', empty: '' });
  });

  it('leaves other kinds alone and asks the authorizer only for Secrets', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'closed' }, data: { a: 'b' } };
    expect(secretView(cm, new Set<string>())).toBe(cm);
    const asked: string[] = [];
    const access = {
      where: async (_c: string, resource: string, action: string) => {
        asked.push(`${resource}:${action}`);
        return new Set<string>();
      },
    };
    expect(await secretValuesFor(access, 'c1', { group: '', resource: 'pods' })).toBe('all');
    expect(await secretValuesFor(access, 'c1', { group: 'example.com', resource: 'secrets' })).toBe('all');
    expect(asked).toEqual([]);
    expect(await secretValuesFor(access, 'c1', { group: '', resource: 'secrets' })).toEqual(new Set());
    expect(asked).toEqual(['secrets:read']);
  });
});
