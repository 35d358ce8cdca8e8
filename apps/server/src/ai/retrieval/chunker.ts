/**
 * Markdown split into chunks at headings (H1–H3), so a search hit is one section with its heading rather
 * than a whole runbook. A section longer than the limit is cut at paragraph boundaries (and a paragraph that
 * alone is too long, at the limit). Code fences are kept intact where they fit: a `#` inside a fence is not a
 * heading.
 */

export interface Chunk {
  /** The nearest heading above the chunk (without the #s), or null before the first heading. */
  heading: string | null;
  content: string;
}

export const MAX_CHUNK_CHARS = 2000;

interface Section {
  heading: string | null;
  lines: string[];
}

function sections(markdown: string): Section[] {
  const out: Section[] = [{ heading: null, lines: [] }];
  let fence: string | null = null;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch) fence = fence === null ? (fenceMatch[1] ?? null) : fence === fenceMatch[1] ? null : fence;
    const heading = fence === null && !fenceMatch ? /^(#{1,3})\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading) out.push({ heading: heading[2] ?? '', lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

function split(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current = '';
  for (const paragraph of text.split(/\n{2,}/)) {
    const candidate = current ? `${current}\n\n${paragraph}` : paragraph;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    current = paragraph;
    while (current.length > max) {
      parts.push(current.slice(0, max));
      current = current.slice(max);
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** The chunks of a Markdown document, in order; empty sections are dropped. */
export function chunkMarkdown(markdown: string, max = MAX_CHUNK_CHARS): Chunk[] {
  const chunks: Chunk[] = [];
  for (const section of sections(markdown)) {
    const body = section.lines.join('\n').trim();
    if (!body) continue;
    for (const content of split(body, max)) chunks.push({ heading: section.heading, content });
  }
  return chunks;
}

/** The first H1 of a Markdown document, if any. */
export function markdownTitle(markdown: string): string | null {
  const m = /^#\s+(.+?)\s*#*\s*$/m.exec(markdown);
  return m?.[1] ?? null;
}
