import { describe, expect, it } from 'vitest';
import type { HelmRelease } from './release-codec.js';
import { diffRevisions } from './release-diff.js';
import { coalesceValues, computedValues } from './release-values.js';

const rel = (version: number, config: Record<string, unknown>, manifest: string): HelmRelease => ({
  name: 'web',
  namespace: 'default',
  version,
  info: { status: 'superseded' },
  chart: {
    metadata: { name: 'tiny', version: `0.${version}.0` },
    values: { greeting: 'hello', nested: { a: 1, b: 2 } },
  },
  config,
  manifest,
});

describe('values', () => {
  it('coalesces as helm does: user wins, maps merge, null removes', () => {
    expect(coalesceValues({ a: 1, m: { x: 1, y: 2 }, gone: true }, { a: 3, m: { y: 5 }, gone: null })).toEqual({
      a: 3,
      m: { x: 1, y: 5 },
    });
    expect(computedValues(rel(1, { nested: { b: 9 } }, ''))).toEqual({ greeting: 'hello', nested: { a: 1, b: 9 } });
  });
});

describe('diffRevisions', () => {
  it('gives unified diffs of manifest and values, empty where equal', () => {
    const a = rel(1, {}, 'kind: ConfigMap\ndata:\n  greeting: hello\n');
    const b = rel(2, { greeting: 'hi' }, 'kind: ConfigMap\ndata:\n  greeting: hi\n');
    const d = diffRevisions(a, b);
    expect(d.manifest).toContain('--- manifest@1');
    expect(d.manifest).toContain('+++ manifest@2');
    expect(d.manifest).toContain('-  greeting: hello');
    expect(d.manifest).toContain('+  greeting: hi');
    expect(d.values).toContain('+greeting: hi');
    expect(d.computed_values).toContain('-greeting: hello');
    expect(d.chart).toEqual({ from: 'tiny-0.1.0', to: 'tiny-0.2.0' });
    expect(diffRevisions(a, a)).toMatchObject({ manifest: '', values: '', computed_values: '' });
  });
});
