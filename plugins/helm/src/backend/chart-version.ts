/**
 * Chart versions (semantic versions, as in a repository's index.yaml) and the constraints `version` may
 * hold, as helm's `--version` takes them: an exact version, or comparisons `>`, `>=`, `<`, `<=`, `=`,
 * `~` (same minor), `^` (same major; same minor below 1.0), wildcards `1.2.x` / `*` and partial versions
 * (`1.2` = `1.2.x`), terms joined by commas or spaces (all must hold). Prereleases are never picked by a
 * constraint, only by their exact version.
 */

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const VERSION = /^v?(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** A version as helm reads one (`v` prefix and missing minor/patch allowed); undefined when it is not one. */
export function parseVersion(text: string): SemVer | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2] ?? 0),
    patch: Number(m[3] ?? 0),
    prerelease: m[4] ? m[4].split('.') : [],
  };
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Number(a) - Number(b);
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semantic-version order: negative when a < b (a prerelease sorts before its release). */
export function compareVersions(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIdentifiers(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

type Test = (v: SemVer) => boolean;

const v = (major: number, minor = 0, patch = 0): SemVer => ({ major, minor, patch, prerelease: [] });
const gte =
  (b: SemVer): Test =>
  (x) =>
    compareVersions(x, b) >= 0;
const lt =
  (b: SemVer): Test =>
  (x) =>
    compareVersions(x, b) < 0;
const both =
  (...tests: Test[]): Test =>
  (x) =>
    tests.every((t) => t(x));

const TERM =
  /^(>=|=>|<=|=<|~>|>|<|=|~|\^)?v?(\d{1,9}|[xX*])(?:\.(\d{1,9}|[xX*]))?(?:\.(\d{1,9}|[xX*]))?(?:\+[0-9A-Za-z.]+)?$/;

function term(text: string): Test | undefined {
  const m = TERM.exec(text);
  if (!m) return undefined;
  const op = m[1] ?? '=';
  const parts = [m[2], m[3], m[4]].map((p) => (p === undefined || /^[xX*]$/.test(p) ? undefined : Number(p)));
  const known = parts.indexOf(undefined);
  const given = known === -1 ? 3 : known; // how many leading parts are numbers
  if (parts.slice(given).some((p) => p !== undefined)) return undefined; // 1.x.3
  const [major = 0, minor = 0, patch = 0] = parts;
  const low = v(major, minor, patch);
  // The first version past the given parts: 1.2 → 1.3.0, 1 → 2.0.0; everything for `*`.
  const next = given === 0 ? undefined : given === 1 ? v(major + 1) : given === 2 ? v(major, minor + 1) : undefined;
  const exactEnd = given === 3 ? v(major, minor, patch + 1) : next;
  switch (op) {
    case '=':
      return given === 0 ? () => true : both(gte(low), lt(exactEnd as SemVer));
    case '>':
      return given === 0 ? () => false : given === 3 ? (x) => compareVersions(x, low) > 0 : gte(next as SemVer);
    case '>=':
    case '=>':
      return gte(low);
    case '<':
      return lt(low);
    case '<=':
    case '=<':
      return given === 0 ? () => true : lt(exactEnd as SemVer);
    case '~':
    case '~>':
      return given === 0 ? () => true : both(gte(low), lt(given === 1 ? v(major + 1) : v(major, minor + 1)));
    default: {
      // ^: the left-most non-zero part stays.
      if (given === 0) return () => true;
      const end =
        major > 0 || given === 1 ? v(major + 1) : minor > 0 || given === 2 ? v(0, minor + 1) : v(0, 0, patch + 1);
      return both(gte(low), lt(end));
    }
  }
}

/** A test for `constraint`, or undefined when it is not one. */
export function parseConstraint(constraint: string): Test | undefined {
  const terms = constraint
    .trim()
    .replace(/(>=|=>|<=|=<|~>|>|<|=|~|\^)\s+/g, '$1')
    .split(/\s*,\s*|\s+/)
    .filter(Boolean);
  if (terms.length === 0) return undefined;
  const tests = terms.map(term);
  if (tests.some((t) => t === undefined)) return undefined;
  return both(...(tests as Test[]));
}

/**
 * The version to install among `versions`: `wanted` itself when listed, else the highest release (no
 * prerelease) meeting the constraint `wanted`, else — when `wanted` is unset — the highest release.
 * Returns undefined when none fits; throws on a constraint that is not one.
 */
export function pickVersion(versions: readonly string[], wanted: string | undefined): string | undefined {
  if (wanted !== undefined) {
    const exact = versions.find((x) => x === wanted || x === `v${wanted}` || `v${x}` === wanted);
    if (exact !== undefined) return exact;
  }
  const test = wanted === undefined ? () => true : parseConstraint(wanted);
  if (!test) throw new RangeError('not a version or version range');
  let best: { text: string; version: SemVer } | undefined;
  for (const text of versions) {
    const version = parseVersion(text);
    if (!version || version.prerelease.length > 0 || !test(version)) continue;
    if (!best || compareVersions(version, best.version) > 0) best = { text, version };
  }
  return best?.text;
}
