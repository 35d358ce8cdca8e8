import { describe, expect, it } from 'vitest';
import { threeWayMergePatch } from './three-way-patch.js';

describe('threeWayMergePatch', () => {
  it('deletes what the new manifest dropped, sets what differs live, keeps foreign fields', () => {
    const original = { data: { a: '1', b: '2' }, spec: { replicas: 2 } };
    const modified = { data: { a: '1' }, spec: { replicas: 1 } };
    const current = { data: { a: 'drifted', b: '2' }, spec: { replicas: 2, strategy: 'x' }, status: { ok: true } };
    expect(threeWayMergePatch(original, modified, current)).toEqual({
      data: { a: '1', b: null },
      spec: { replicas: 1 },
    });
  });

  it('is empty when the live object already matches', () => {
    expect(threeWayMergePatch({ a: [1] }, { a: [1] }, { a: [1], extra: 1 })).toEqual({});
  });
});
