/** Text filters for pipelines (`… | head -n 3`, `grep`, `wc -l`, `sort`, `tail`). */
import type { ShellIo } from './shell.js';

export const FILTERS = new Set(['head', 'tail', 'grep', 'wc', 'sort', 'uniq', 'tr']);

function countArg(args: string[]): number {
  const i = args.findIndex((a) => a === '-n' || /^-n?\d+$/.test(a));
  if (i < 0) return 10;
  const a = args[i]!;
  const v = a === '-n' ? args[i + 1] : a.replace(/^-n?/, '');
  const n = Number.parseInt(v ?? '10', 10);
  return Number.isNaN(n) ? 10 : n;
}

/** Runs a filter over `input`; undefined when `name` is not one. */
export function runFilter(name: string, args: string[], input: string, io: ShellIo): number | undefined {
  if (!FILTERS.has(name)) return undefined;
  const lines = input.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out = (ls: string[]): void => {
    if (ls.length > 0) io.stdout(`${ls.join('\n')}\n`);
  };
  switch (name) {
    case 'head':
      out(lines.slice(0, countArg(args)));
      return 0;
    case 'tail': {
      const n = countArg(args);
      out(n === 0 ? [] : lines.slice(-n));
      return 0;
    }
    case 'grep': {
      const flags = args.filter((a) => a.startsWith('-')).join('');
      const pattern = args.find((a) => !a.startsWith('-')) ?? '';
      let re: RegExp;
      try {
        re = new RegExp(pattern, flags.includes('i') ? 'i' : '');
      } catch {
        re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      }
      const hits = lines.filter((l) => re.test(l) !== flags.includes('v'));
      if (flags.includes('c')) io.stdout(`${hits.length}\n`);
      else out(hits);
      return hits.length > 0 ? 0 : 1;
    }
    case 'wc': {
      const words = input.split(/\s+/).filter(Boolean).length;
      if (args.includes('-l')) io.stdout(`${lines.length}\n`);
      else if (args.includes('-w')) io.stdout(`${words}\n`);
      else if (args.includes('-c')) io.stdout(`${Buffer.byteLength(input)}\n`);
      else
        io.stdout(
          `${String(lines.length).padStart(7)} ${String(words).padStart(7)} ${String(Buffer.byteLength(input)).padStart(7)}\n`,
        );
      return 0;
    }
    case 'sort':
      out(args.includes('-r') ? [...lines].sort().reverse() : [...lines].sort());
      return 0;
    case 'uniq':
      out(lines.filter((l, i) => i === 0 || lines[i - 1] !== l));
      return 0;
    case 'tr': {
      const [from = '', to = ''] = args.filter((a) => !a.startsWith('-'));
      let text = input;
      for (let i = 0; i < from.length; i++) text = text.split(from[i]!).join(to[Math.min(i, to.length - 1)] ?? '');
      io.stdout(text);
      return 0;
    }
  }
  return undefined;
}
