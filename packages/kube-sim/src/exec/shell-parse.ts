/** A minimal POSIX-ish parser: `;`, `&&`, `||`, quotes, backslash escapes, `$VAR`, `${VAR}`, `$?`. */
export type Connector = ';' | '&&' | '||';

export interface CommandPart {
  /** How this command joins the one before it (the first is `;`). */
  connector: Connector;
  /** The command's source text, expanded and split by `splitWords` when it runs. */
  source: string;
}

/** Splits a script into commands at unquoted `;`, `&&`, `||` and newlines. */
export function splitCommands(script: string): CommandPart[] {
  const parts: CommandPart[] = [];
  let connector: Connector = ';';
  let current = '';
  let quote: '"' | "'" | null = null;
  const flush = (next: Connector): void => {
    if (current.trim() !== '') parts.push({ connector, source: current });
    current = '';
    connector = next;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"' && i + 1 < script.length) {
        current += ch + script[++i]!;
        continue;
      }
      if (ch === quote) quote = null;
      current += ch;
      continue;
    }
    if (ch === '\\' && i + 1 < script.length) {
      current += ch + script[++i]!;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === '#' && (current === '' || /\s$/.test(current))) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (ch === ';' || ch === '\n') {
      flush(';');
    } else if (ch === '&' && script[i + 1] === '&') {
      flush('&&');
      i++;
    } else if (ch === '|' && script[i + 1] === '|') {
      flush('||');
      i++;
    } else {
      current += ch;
    }
  }
  flush(';');
  return parts;
}

export interface ExpandContext {
  env: Record<string, string>;
  lastStatus: number;
}

function readVariable(src: string, start: number, ctx: ExpandContext): { value: string; end: number } {
  const next = src[start];
  if (next === '?') return { value: String(ctx.lastStatus), end: start + 1 };
  if (next === '$') return { value: '1', end: start + 1 };
  if (next === '{') {
    const close = src.indexOf('}', start);
    if (close < 0) return { value: '${', end: start + 1 };
    const name = src.slice(start + 1, close);
    return { value: ctx.env[name] ?? '', end: close + 1 };
  }
  const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(start));
  if (!match) return { value: '$', end: start };
  return { value: ctx.env[match[0]] ?? '', end: start + match[0].length };
}

/** Splits one command into words, applying quotes, escapes and variable expansion. */
export function splitWords(src: string, ctx: ExpandContext): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
      i++;
    } else if (quote === '"') {
      if (ch === '"') {
        quote = null;
        i++;
      } else if (ch === '\\' && i + 1 < src.length && '"\\$`'.includes(src[i + 1]!)) {
        word += src[i + 1];
        i += 2;
      } else if (ch === '$') {
        const v = readVariable(src, i + 1, ctx);
        word += v.value;
        i = v.end;
      } else {
        word += ch;
        i++;
      }
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
      i++;
    } else if (ch === '\\' && i + 1 < src.length) {
      word += src[i + 1];
      inWord = true;
      i += 2;
    } else if (ch === '$') {
      const v = readVariable(src, i + 1, ctx);
      word += v.value;
      inWord = inWord || v.value !== '';
      i = v.end;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Splits one command at unquoted single `|` into pipeline stages. */
export function splitPipeline(source: string): string[] {
  const stages: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"' && i + 1 < source.length) {
        current += ch + source[++i]!;
        continue;
      }
      if (ch === quote) quote = null;
      current += ch;
    } else if (ch === '\\' && i + 1 < source.length) {
      current += ch + source[++i]!;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === '|') {
      stages.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  stages.push(current);
  return stages;
}
