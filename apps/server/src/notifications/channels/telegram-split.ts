import { escapeHtml } from './render.js';

/**
 * Telegram's sendMessage takes at most 4,096 characters of text (after its HTML is parsed). A long message is
 * split into several, each valid HTML on its own: lines are packed whole while they fit, and a line longer
 * than a message is cut (at a space when there is one near the end, never inside a tag, an entity or a
 * surrogate pair). Each part's HTML source is kept within the limit, so its visible text is too.
 */
export const TELEGRAM_MAX_MESSAGE = 4096;

export interface TelegramLine {
  text: string;
  bold?: boolean;
  /** http(s) only (render.safeLink). */
  href?: string;
}

function render(line: TelegramLine, text = line.text): string {
  const body = escapeHtml(text);
  if (line.href) return `<a href="${escapeHtml(line.href)}">${body}</a>`;
  return line.bold ? `<b>${body}</b>` : body;
}

/** Cuts one line's text into pieces whose rendered HTML is at most `max` characters. */
function cutLine(line: TelegramLine, max: number): string[] {
  const overhead = render(line, '').length;
  const room = max - overhead;
  if (room < 16) return [render({ text: line.text.slice(0, 1) }).slice(0, max)];
  const pieces: string[] = [];
  let rest = line.text;
  while (rest.length > 0) {
    // Take as many characters as fit once escaped.
    let size = 0;
    let end = 0;
    while (end < rest.length) {
      const code = rest.charCodeAt(end);
      const step = code >= 0xd800 && code <= 0xdbff && end + 1 < rest.length ? 2 : 1;
      const escaped = escapeHtml(rest.slice(end, end + step)).length;
      if (size + escaped > room) break;
      size += escaped;
      end += step;
    }
    if (end < rest.length) {
      const space = rest.lastIndexOf(' ', end);
      if (space > end * 0.7) end = space + 1;
    }
    pieces.push(render(line, rest.slice(0, end)));
    rest = rest.slice(end);
  }
  return pieces;
}

/** The HTML texts of the messages to send, in order; each at most `max` characters. */
export function splitTelegramMessage(lines: readonly TelegramLine[], max = TELEGRAM_MAX_MESSAGE): string[] {
  const rendered = lines.flatMap((line) => {
    const html = render(line);
    return html.length <= max ? [html] : cutLine(line, max);
  });
  const messages: string[] = [];
  let current = '';
  for (const html of rendered) {
    if (current && current.length + 1 + html.length > max) {
      messages.push(current);
      current = '';
    }
    current = current ? `${current}\n${html}` : html;
  }
  if (current.trim()) messages.push(current);
  // Telegram refuses an empty text; a message of blank lines only is dropped above.
  return messages.filter((m) => m.trim().length > 0);
}
