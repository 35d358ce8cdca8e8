/**
 * One reading of a request path, made from the raw bytes before anything decodes or normalises them, so
 * that the RBAC decision and the upstream request are made from the same path (docs/security.md, "Paths").
 * Refused with 400 INVALID_PATH: dot-segments (`.`, `..`, in any percent-encoded spelling), empty segments
 * (`//`), an encoded `/` or `\` (`%2F`, `%5C`), a raw `\`, control characters, malformed escapes, and a
 * percent-escape of a character that needs none (`%34` for `4`, `%2e` for `.`): a path has one spelling, so
 * the router, RBAC and the cluster cannot read it differently (no client encodes unreserved characters).
 */
import { AppError, hasControlCharacter } from '@argus/contracts';

export interface RawPathOptions {
  /** Whether one trailing `/` is tolerated (the router ignores it); the gateway says no. */
  trailingSlash?: boolean;
}

const invalid = (why: string) => new AppError('INVALID_PATH', `The request path is not allowed: ${why}`);

/** The raw path of a request URL (no query string, no fragment). */
export function rawPathOf(url: string): string {
  const q = url.search(/[?#]/);
  return q === -1 ? url : url.slice(0, q);
}

/** The decoded segments of a raw path, or INVALID_PATH. `/a/b%3Ac` → `['a', 'b:c']`. */
export function pathSegments(rawPath: string, options: RawPathOptions = {}): string[] {
  if (!rawPath.startsWith('/')) throw invalid('it must start with "/"');
  if (rawPath.includes('\\')) throw invalid('it contains "\\"');
  const raw = rawPath.slice(1).split('/');
  if (raw.length > 0 && raw[raw.length - 1] === '' && (options.trailingSlash || raw.length === 1)) raw.pop();
  const out: string[] = [];
  for (const segment of raw) {
    if (segment === '') throw invalid('it has an empty segment ("//")');
    if (/%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DEde]|5[Ff]|7[Ee])/.test(segment))
      throw invalid('it percent-encodes a character that needs no encoding');
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw invalid('it has a malformed percent-escape');
    }
    if (decoded === '.' || decoded === '..') throw invalid('it has a "." or ".." segment');
    if (decoded.includes('/') || decoded.includes('\\')) throw invalid('it has an encoded "/" or "\\"');
    if (hasControlCharacter(decoded)) throw invalid('it has a control character');
    out.push(decoded);
  }
  return out;
}

/** A segment as it goes upstream: percent-encoded where needed, `:` and `@` kept readable. */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/g, ':').replace(/%40/g, '@');
}
