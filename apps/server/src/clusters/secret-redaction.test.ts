import { describe, expect, it } from 'vitest';
import { LAST_APPLIED, secretValuesFor, secretView, secretViewJson } from './secret-redaction.js';
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
    const o = secret('closed');
    expect(JSON.parse(secretViewJson(o, Buffer.from(JSON.stringify(o)), values).toString())).toEqual(hidden);
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
