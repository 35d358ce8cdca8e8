/** Where to go after signing in when `next` is missing or not a path of this site. */
export const DEFAULT_NEXT = '/clusters';

/**
 * A `next` parameter made safe to navigate to: only a path of this site. Browsers drop tabs and newlines
 * anywhere in a URL (and control characters around it), so `/\t/evil.com` would become `//evil.com`, another
 * host; these are removed first, then the value must be `/` followed by a character that is neither `/` nor
 * `\` (which browsers read as `/`). Anything else (absolute URLs, `javascript:`, protocol-relative) gives
 * DEFAULT_NEXT.
 */
export function safeNext(next: string | null | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = (next ?? '').replace(/[\u0000-\u001F\u007F\s]/g, '');
  return /^\/[^/\\]/.test(cleaned) ? cleaned : DEFAULT_NEXT;
}
