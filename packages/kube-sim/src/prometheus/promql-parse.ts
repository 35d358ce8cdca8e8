/**
 * A parser for the part of PromQL the simulator evaluates: selectors (=, !=, =~, !~), range selectors,
 * aggregations (sum/avg/max/min/count/topk/bottomk with by/without), a few functions, number literals and
 * binary operators (arithmetic and comparisons, with bool/on/ignoring). Anything else is refused with an
 * UnsupportedPromql naming the construct, so the API can say which queries it does not support.
 */

export type Matcher = { name: string; op: '=' | '!=' | '=~' | '!~'; value: string };

export type Expr =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'selector'; matchers: Matcher[]; range?: number }
  | { type: 'call'; fn: string; args: Expr[] }
  | { type: 'aggregate'; op: string; grouping: string[]; without: boolean; param?: Expr; expr: Expr }
  | { type: 'unary'; expr: Expr }
  | {
      type: 'binary';
      op: string;
      lhs: Expr;
      rhs: Expr;
      bool: boolean;
      matching?: { on: boolean; labels: string[] };
    };

/** A syntax error, as Prometheus reports it ("parse error: …"). */
export class PromqlParseError extends Error {
  override readonly name = 'PromqlParseError';
}

/** Valid PromQL the simulator does not evaluate. */
export class UnsupportedPromql extends Error {
  override readonly name = 'UnsupportedPromql';
}

export const AGGREGATIONS = new Set(['sum', 'avg', 'max', 'min', 'count', 'topk', 'bottomk']);
const OTHER_AGGREGATIONS = new Set(['stddev', 'stdvar', 'quantile', 'count_values', 'group', 'limitk', 'limit_ratio']);
export const FUNCTIONS = new Set([
  'rate',
  'irate',
  'increase',
  'histogram_quantile',
  'avg_over_time',
  'max_over_time',
  'min_over_time',
  'sum_over_time',
  'count_over_time',
  'abs',
  'time',
  'vector',
]);
const KEYWORDS_UNSUPPORTED = new Set(['offset', 'and', 'or', 'unless', 'group_left', 'group_right', 'atan2']);

type Token = { kind: 'num' | 'str' | 'ident' | 'op' | 'dur' | 'eof'; text: string; pos: number; value?: number };

const DURATION_UNITS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  y: 31_536_000,
};

/** Seconds of a PromQL duration such as `5m` or `1h30m`. */
export function parsePromDuration(text: string): number | undefined {
  if (!/^(?:\d+(?:ms|s|m|h|d|w|y))+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * (DURATION_UNITS[m[2] ?? 's'] ?? 1);
  return total;
}

function unquote(body: string, quote: string, pos: number): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\' || quote === '`') {
      out += c;
      continue;
    }
    const n = body[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07' };
    if (n !== undefined && simple[n] !== undefined) out += simple[n];
    else if (n === 'x' || n === 'u') {
      const len = n === 'x' ? 2 : 4;
      out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 1 + len), 16));
      i += len;
    } else throw new PromqlParseError(`parse error at char ${pos + i}: unknown escape sequence '\\${n ?? ''}'`);
  }
  return out;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < src.length && src[i] !== c) i += src[i] === '\\' && c !== '`' ? 2 : 1;
      if (i >= src.length) throw new PromqlParseError(`parse error at char ${start + 1}: unterminated quoted string`);
      tokens.push({ kind: 'str', text: unquote(src.slice(start + 1, i), c, start + 1), pos: start });
      i++;
      continue;
    }
    const dur = /^(?:\d+(?:ms|s|m|h|d|w|y))+(?![\w.])/.exec(src.slice(i));
    if (dur && /[a-z]$/.test(dur[0])) {
      tokens.push({ kind: 'dur', text: dur[0], pos: start, value: parsePromDuration(dur[0]) as number });
      i += dur[0].length;
      continue;
    }
    const num = /^(?:0x[0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI][nN][fF]\b|[nN][aA][nN]\b)/.exec(
      src.slice(i),
    );
    if (num) {
      const t = num[0].toLowerCase();
      const value = t === 'inf' ? Number.POSITIVE_INFINITY : t === 'nan' ? Number.NaN : Number(num[0]);
      tokens.push({ kind: 'num', text: num[0], pos: start, value });
      i += num[0].length;
      continue;
    }
    const ident = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(src.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], pos: start });
      i += ident[0].length;
      continue;
    }
    const op = /^(?:==|!=|>=|<=|=~|!~|[-+*/%^(){}[\],=<>@])/.exec(src.slice(i));
    if (!op) throw new PromqlParseError(`parse error at char ${start + 1}: unexpected character: '${c}'`);
    tokens.push({ kind: 'op', text: op[0], pos: start });
    i += op[0].length;
  }
  tokens.push({ kind: 'eof', text: '', pos: src.length });
  return tokens;
}

const PRECEDENCE: Record<string, number> = {
  '==': 1,
  '!=': 1,
  '>': 1,
  '<': 1,
  '>=': 1,
  '<=': 1,
  '+': 2,
  '-': 2,
  '*': 3,
  '/': 3,
  '%': 3,
  '^': 4,
};

export function parsePromql(src: string): Expr {
  const tokens = tokenize(src);
  let p = 0;
  const peek = (): Token => tokens[p] as Token;
  const next = (): Token => tokens[p++] as Token;
  const fail = (msg: string, t: Token = peek()): never => {
    throw new PromqlParseError(`parse error at char ${t.pos + 1}: ${msg}`);
  };
  const expect = (text: string): Token => {
    const t = next();
    if (t.text !== text || (t.kind !== 'op' && t.kind !== 'ident'))
      fail(`unexpected ${t.kind === 'eof' ? 'end of input' : `"${t.text}"`}, expected "${text}"`, t);
    return t;
  };
  const unsupportedWord = (t: Token) => {
    if (t.kind === 'ident' && KEYWORDS_UNSUPPORTED.has(t.text.toLowerCase()))
      throw new UnsupportedPromql(`the "${t.text}" keyword`);
    if (t.kind === 'op' && t.text === '@') throw new UnsupportedPromql('the "@" modifier');
  };

  function labelList(): string[] {
    expect('(');
    const names: string[] = [];
    while (peek().text !== ')') {
      const t = next();
      if (t.kind !== 'ident') fail(`unexpected "${t.text}" in grouping opts, expected label`, t);
      names.push(t.text);
      if (peek().text === ',') next();
      else if (peek().text !== ')') fail(`unexpected "${peek().text}" in grouping opts, expected "," or ")"`);
    }
    next();
    return names;
  }

  function matchers(): Matcher[] {
    expect('{');
    const out: Matcher[] = [];
    while (peek().text !== '}') {
      const name = next();
      if (name.kind !== 'ident' && name.kind !== 'str')
        fail(`unexpected "${name.text}" in label matching, expected label`, name);
      const op = next();
      if (!['=', '!=', '=~', '!~'].includes(op.text))
        fail(`unexpected "${op.text}" in label matching, expected label matching operator`, op);
      const value = next();
      if (value.kind !== 'str') fail(`unexpected "${value.text}" in label matching, expected string`, value);
      out.push({ name: name.text, op: op.text as Matcher['op'], value: value.text });
      if (peek().text === ',') next();
      else if (peek().text !== '}') fail(`unexpected "${peek().text}" in label matching, expected "," or "}"`);
    }
    next();
    return out;
  }

  function rangeSuffix(e: Expr): Expr {
    if (peek().text !== '[') return e;
    const open = next();
    const d = next();
    if (d.kind !== 'dur') fail('bad duration syntax', d);
    if (peek().text.startsWith(':')) throw new UnsupportedPromql('subqueries');
    expect(']');
    if (e.type !== 'selector') fail('ranges only allowed for vector selectors', open);
    const sel = e as Extract<Expr, { type: 'selector' }>;
    if (sel.range !== undefined) fail('no offset modifiers or ranges allowed twice', open);
    return { ...sel, range: d.value as number };
  }

  function primary(): Expr {
    const t = peek();
    unsupportedWord(t);
    if (t.kind === 'num') {
      next();
      return { type: 'number', value: t.value as number };
    }
    if (t.kind === 'dur') fail(`unexpected duration "${t.text}"`);
    if (t.kind === 'str') {
      next();
      return { type: 'string', value: t.text };
    }
    if (t.text === '(' && t.kind === 'op') {
      next();
      const e = expr(0);
      expect(')');
      return rangeSuffix(e);
    }
    if (t.text === '{') return rangeSuffix({ type: 'selector', matchers: matchers() });
    if (t.kind === 'ident') {
      next();
      const lower = t.text.toLowerCase();
      if (AGGREGATIONS.has(lower) || OTHER_AGGREGATIONS.has(lower)) {
        if (OTHER_AGGREGATIONS.has(lower)) throw new UnsupportedPromql(`the ${lower} aggregation`);
        let grouping: string[] = [];
        let without = false;
        const modifier = () => {
          const w = peek().text.toLowerCase();
          if (peek().kind === 'ident' && (w === 'by' || w === 'without')) {
            next();
            without = w === 'without';
            grouping = labelList();
          }
        };
        modifier();
        expect('(');
        let param: Expr | undefined;
        let inner = expr(0);
        if (peek().text === ',') {
          next();
          param = inner;
          inner = expr(0);
        }
        expect(')');
        modifier();
        if ((lower === 'topk' || lower === 'bottomk') && !param)
          fail(`wrong number of arguments for aggregate expression provided, expected 2, got 1`);
        if (!(lower === 'topk' || lower === 'bottomk') && param)
          fail(`wrong number of arguments for aggregate expression provided, expected 1, got 2`);
        return { type: 'aggregate', op: lower, grouping, without, ...(param ? { param } : {}), expr: inner };
      }
      if (peek().text === '(' && peek().kind === 'op') {
        if (!FUNCTIONS.has(t.text)) {
          if (/^[a-z_]+$/.test(t.text)) throw new UnsupportedPromql(`the function ${t.text}()`);
          fail(`unknown function with name "${t.text}"`, t);
        }
        next();
        const args: Expr[] = [];
        while (peek().text !== ')') {
          args.push(expr(0));
          if (peek().text === ',') next();
          else if (peek().text !== ')') fail(`unexpected "${peek().text}" in call, expected "," or ")"`);
        }
        next();
        return { type: 'call', fn: t.text, args };
      }
      const m: Matcher[] = [{ name: '__name__', op: '=', value: t.text }];
      if (peek().text === '{') m.push(...matchers());
      return rangeSuffix({ type: 'selector', matchers: m });
    }
    return fail(`unexpected ${t.kind === 'eof' ? 'end of input' : `"${t.text}"`}`);
  }

  function unary(): Expr {
    const t = peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      next();
      const inner = unary();
      if (t.text === '+') return inner;
      return inner.type === 'number' ? { type: 'number', value: -inner.value } : { type: 'unary', expr: inner };
    }
    const e = primary();
    unsupportedWord(peek());
    return e;
  }

  function expr(minPrec: number): Expr {
    let lhs = unary();
    for (;;) {
      const t = peek();
      unsupportedWord(t);
      const prec = t.kind === 'op' ? PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec < minPrec) break;
      next();
      let bool = false;
      if (peek().kind === 'ident' && peek().text.toLowerCase() === 'bool') {
        next();
        bool = true;
      }
      let matching: { on: boolean; labels: string[] } | undefined;
      const w = peek().text.toLowerCase();
      if (peek().kind === 'ident' && (w === 'on' || w === 'ignoring')) {
        next();
        matching = { on: w === 'on', labels: labelList() };
      }
      unsupportedWord(peek());
      const rhs = expr(t.text === '^' ? prec : prec + 1);
      if (bool && PRECEDENCE[t.text] !== 1) fail('bool modifier can only be used on comparison operators', t);
      lhs = { type: 'binary', op: t.text, lhs, rhs, bool, ...(matching ? { matching } : {}) };
    }
    return lhs;
  }

  const result = expr(0);
  const rest = peek();
  unsupportedWord(rest);
  if (rest.kind !== 'eof') fail(`unexpected "${rest.text}"`, rest);
  return result;
}
