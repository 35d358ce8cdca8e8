/**
 * kubectl's describe output: Go's `text/tabwriter` (minwidth 0, tabwidth 8, padding 2, padchar ' ', no
 * flags) behind kubectl's `PrefixWriter` (two spaces per level, terminal escapes neutralised). Columns are
 * aligned per block of consecutive lines that have a tab-terminated cell in that column, exactly as Go does.
 */
const runeLength = (s: string) => [...s].length;

function writeLines(lines: string[][], out: string[], widths: number[], from: number, to: number, pad: string): void {
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    let text = '';
    line.forEach((cell, j) => {
      text += cell;
      if (j < widths.length) text += pad.repeat(Math.max(0, widths[j]! - runeLength(cell)));
    });
    out[i] = text;
  }
}

function format(lines: string[][], out: string[], widths: number[], line0: number, line1: number, padding: number) {
  const column = widths.length;
  let start = line0;
  for (let t = line0; t < line1; t++) {
    if (column >= lines[t]!.length - 1) continue;
    writeLines(lines, out, widths, start, t, ' ');
    start = t;
    let width = 0;
    for (; t < line1; t++) {
      const line = lines[t]!;
      if (column >= line.length - 1) break;
      width = Math.max(width, runeLength(line[column]!) + padding);
    }
    format(lines, out, [...widths, width], start, t, padding);
    start = t;
  }
  writeLines(lines, out, widths, start, line1, ' ');
}

/** Go's tabwriter over the whole text (cells end with `\t`, lines with `\n`). */
export function tabwrite(text: string, padding = 2): string {
  const raw = text.split('\n');
  const trailing = raw.at(-1) === '';
  if (trailing) raw.pop();
  const lines = raw.map((l) => l.split('\t'));
  const out: string[] = new Array(lines.length).fill('');
  format(lines, out, [], 0, lines.length, padding);
  return out.join('\n') + (trailing ? '\n' : '');
}

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/** kubectl's `PrefixWriter` on a tabwriter; `flush()` ends the column blocks (as `w.Flush()` does). */
export class DescribeWriter {
  private done = '';
  private pending = '';

  write(level: number, text: string): void {
    this.pending += escapeTerminal('  '.repeat(level) + text);
  }

  /** `WriteLine(a…)`: the values separated by spaces, then a newline. */
  line(...a: string[]): void {
    this.pending += escapeTerminal(`${a.join(' ')}\n`);
  }

  flush(): void {
    this.done += tabwrite(this.pending);
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done;
  }
}

/** printers.EscapeTerminal: ESC and CR made visible. */
export const escapeTerminal = (s: string) => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
