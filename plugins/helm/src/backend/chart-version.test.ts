import { describe, expect, it } from 'vitest';
import { compareVersions, parseConstraint, parseVersion, pickVersion } from './chart-version.js';

const versions = ['0.9.0', '1.0.0', '1.2.0', '1.2.5', '1.10.0', '2.0.0-rc.1', '1.3.0-beta.2', 'v1.4.1', 'garbage'];

describe('chart versions', () => {
  it('orders semantic versions, prereleases before their release', () => {
    const sorted = ['1.10.0', '1.2.0', '1.2.0-rc.10', '1.2.0-rc.2', '1.2.0-alpha', '0.9.9', '1.2.0-rc.2.1']
      .map((t) => ({ t, v: parseVersion(t)! }))
      .sort((a, b) => compareVersions(a.v, b.v))
      .map((x) => x.t);
    expect(sorted).toEqual(['0.9.9', '1.2.0-alpha', '1.2.0-rc.2', '1.2.0-rc.2.1', '1.2.0-rc.10', '1.2.0', '1.10.0']);
    expect(parseVersion('v2')).toEqual({ major: 2, minor: 0, patch: 0, prerelease: [] });
    expect(parseVersion('1.2.3.4')).toBeUndefined();
  });

  it('picks the latest release when no version is asked for (1.10 after 1.2, no prerelease)', () => {
    expect(pickVersion(versions, undefined)).toBe('1.10.0');
    expect(pickVersion(['1.0.0', '2.0.0-rc.1'], undefined)).toBe('1.0.0');
    expect(pickVersion(['2.0.0-rc.1'], undefined)).toBeUndefined();
    expect(pickVersion([], undefined)).toBeUndefined();
  });

  it('picks an exact version, even a prerelease, and tolerates a v prefix', () => {
    expect(pickVersion(versions, '1.2.0')).toBe('1.2.0');
    expect(pickVersion(versions, '1.4.1')).toBe('v1.4.1');
    expect(pickVersion(versions, '9.9.9')).toBeUndefined();
  });

  it.each([
    ['^1.2.0', '1.10.0'],
    ['~1.2.0', '1.2.5'],
    ['~1.2', '1.2.5'],
    ['1.2.x', '1.2.5'],
    ['1.2', '1.2.5'], // a partial version is a wildcard
    ['1', '1.10.0'],
    ['*', '1.10.0'],
    ['>=1.0.0, <1.2.0', '1.0.0'],
    ['>= 1.0.0 < 1.3', '1.2.5'],
    ['<1.0.0', '0.9.0'],
    ['<=1.2.0', '1.2.0'],
    ['>1.2.5 <1.5', 'v1.4.1'],
    ['^0.9', '0.9.0'],
    ['>=3', undefined],
  ])('picks the highest release meeting %s', (constraint, picked) => {
    expect(pickVersion(versions, constraint)).toBe(picked);
  });

  it('refuses what is not a constraint', () => {
    expect(parseConstraint('1.x.3')).toBeUndefined();
    expect(parseConstraint('latest')).toBeUndefined();
    expect(() => pickVersion(versions, 'latest')).toThrow(RangeError);
  });
});
