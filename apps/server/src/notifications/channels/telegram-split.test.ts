import { describe, expect, it } from 'vitest';
import { splitTelegramMessage, TELEGRAM_MAX_MESSAGE } from './telegram-split.js';

const unescapeHtml = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('splitting for Telegram', () => {
  it('keeps a short message whole', () => {
    expect(splitTelegramMessage([{ text: 'Title', bold: true }, { text: 'a < b' }])).toEqual([
      '<b>Title</b>\na &lt; b',
    ]);
  });

  it('cuts a line of characters that grow when escaped without cutting an entity', () => {
    const parts = splitTelegramMessage([{ text: '&'.repeat(5000) }]);
    expect(parts.length).toBe(Math.ceil((5000 * 5) / TELEGRAM_MAX_MESSAGE));
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(TELEGRAM_MAX_MESSAGE);
      expect(part).toMatch(/^(&amp;)+$/);
    }
    expect(parts.map(unescapeHtml).join('')).toBe('&'.repeat(5000));
  });

  it('never splits a surrogate pair, and repeats the formatting of a cut bold line', () => {
    const emoji = '😀'.repeat(3000);
    const parts = splitTelegramMessage([{ text: emoji, bold: true }]);
    expect(parts.length).toBe(2);
    for (const part of parts) {
      // No lone surrogate half at either end of a part.
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(part).toMatch(/^<b>(😀)+<\/b>$/);
      expect(part.length).toBeLessThanOrEqual(TELEGRAM_MAX_MESSAGE);
    }
    expect(parts.map(unescapeHtml).join('')).toBe(emoji);
  });

  it('prefers to cut at a space', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    const parts = splitTelegramMessage([{ text: words }]);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts.slice(0, -1)) expect(part.endsWith(' ')).toBe(true);
    expect(parts.join('')).toBe(words);
  });
});
