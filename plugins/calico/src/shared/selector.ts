/**
 * Calico's selector language (docs.tigera.io "Selectors"; libcalico-go `lib/selector`), parsed into a tree
 * and evaluated against a set of labels:
 *
 *   all()  global()  has(k)  !has(k)  k == 'v'  k != 'v'  k in {'a','b'}  k not in {'a'}
 *   k contains 's'  k starts with 's'  k ends with 's'  !e  e && e  e || e  (e)
 *
 * `!=` and `not in` are true when the label is absent, as in Calico. `&&` binds tighter than `||`. An empty
 * selector selects everything (`all()`). A leaf module: no relative run-time imports (the web bundle uses it).
 */

export type SelectorNode =
  | { op: 'all' }
  | { op: 'global' }
  | { op: 'has'; key: string }
  | { op: '==' | '!=' | 'contains' | 'starts with' | 'ends with'; key: string; value: string }
  | { op: 'in' | 'not in'; key: string; values: string[] }
  | { op: 'not'; expr: SelectorNode }
  | { op: 'and' | 'or'; exprs: SelectorNode[] };

export class SelectorSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'SelectorSyntaxError';
  }
}

type Token =
  | { t: 'ident'; v: string; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'sym'; v: string; at: number }
  | { t: 'end'; at: number };

const KEY_CHAR = /[A-Za-z0-9_./-]/;
const SYMBOLS = ['==', '!=', '&&', '||', '!', '(', ')', '{', '}', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new SelectorSyntaxError(`unterminated string starting at ${i}`, i);
      out.push({ t: 'string', v: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (sym) {
      out.push({ t: 'sym', v: sym, at: i });
      i += sym.length;
      continue;
    }
    if (KEY_CHAR.test(c)) {
      let j = i;
      while (j < src.length && KEY_CHAR.test(src.charAt(j))) j++;
      out.push({ t: 'ident', v: src.slice(i, j), at: i });
      i = j;
      continue;
    }
    throw new SelectorSyntaxError(`unexpected character "${c}" at ${i}`, i);
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }
  private next(): Token {
    const t = this.peek();
    if (t.t !== 'end') this.i++;
    return t;
  }
  private isSym(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.t === 'sym' && t.v === v;
  }
  private isWord(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.t === 'ident' && t.v === v;
  }
  private expectSym(v: string): void {
    const t = this.next();
    if (t.t !== 'sym' || t.v !== v) throw this.unexpected(t, `"${v}"`);
  }
  private unexpected(t: Token, wanted: string): SelectorSyntaxError {
    const got = t.t === 'end' ? 'the end' : t.t === 'string' ? `'${t.v}'` : `"${t.v}"`;
    return new SelectorSyntaxError(`expected ${wanted} at ${t.at}, found ${got}`, t.at);
  }

  parse(): SelectorNode {
    if (this.peek().t === 'end') return { op: 'all' };
    const e = this.or();
    const t = this.peek();
    if (t.t !== 'end') throw this.unexpected(t, '"&&", "||" or the end');
    return e;
  }

  private or(): SelectorNode {
    const exprs = [this.and()];
    while (this.isSym('||')) {
      this.next();
      exprs.push(this.and());
    }
    return exprs.length === 1 ? (exprs[0] as SelectorNode) : { op: 'or', exprs };
  }

  private and(): SelectorNode {
    const exprs = [this.unary()];
    while (this.isSym('&&')) {
      this.next();
      exprs.push(this.unary());
    }
    return exprs.length === 1 ? (exprs[0] as SelectorNode) : { op: 'and', exprs };
  }

  private unary(): SelectorNode {
    if (this.isSym('!')) {
      this.next();
      return { op: 'not', expr: this.unary() };
    }
    if (this.isSym('(')) {
      this.next();
      const e = this.or();
      this.expectSym(')');
      return e;
    }
    const t = this.next();
    if (t.t !== 'ident') throw this.unexpected(t, 'a label, "all()", "has(…)", "!" or "("');
    if ((t.v === 'all' || t.v === 'global') && this.isSym('(')) {
      this.next();
      this.expectSym(')');
      return { op: t.v };
    }
    if (t.v === 'has' && this.isSym('(')) {
      this.next();
      const k = this.next();
      if (k.t !== 'ident') throw this.unexpected(k, 'a label name');
      this.expectSym(')');
      return { op: 'has', key: k.v };
    }
    return this.comparison(t.v);
  }

  private comparison(key: string): SelectorNode {
    if (this.isSym('==') || this.isSym('!=')) {
      const op = (this.next() as { v: '==' | '!=' }).v;
      return { op, key, value: this.string() };
    }
    if (this.isWord('in')) {
      this.next();
      return { op: 'in', key, values: this.set() };
    }
    if (this.isWord('not') && this.isWord('in', 1)) {
      this.next();
      this.next();
      return { op: 'not in', key, values: this.set() };
    }
    if (this.isWord('contains')) {
      this.next();
      return { op: 'contains', key, value: this.string() };
    }
    for (const w of ['starts', 'ends'] as const)
      if (this.isWord(w) && this.isWord('with', 1)) {
        this.next();
        this.next();
        return { op: `${w} with`, key, value: this.string() };
      }
    throw this.unexpected(
      this.peek(),
      `"==", "!=", "in", "not in", "contains", "starts with" or "ends with" after ${key}`,
    );
  }

  private string(): string {
    const t = this.next();
    if (t.t !== 'string') throw this.unexpected(t, 'a quoted string');
    return t.v;
  }

  private set(): string[] {
    this.expectSym('{');
    const values: string[] = [];
    if (this.isSym('}')) {
      this.next();
      return values;
    }
    for (;;) {
      values.push(this.string());
      if (this.isSym(',')) {
        this.next();
        continue;
      }
      this.expectSym('}');
      return values;
    }
  }
}

/** Parses a selector (throws SelectorSyntaxError naming the position). */
export function parseSelector(src: string | undefined | null): SelectorNode {
  return new Parser(tokenize(src ?? '')).parse();
}

export type Labels = Readonly<Record<string, string | undefined>>;

export function evaluate(node: SelectorNode, labels: Labels): boolean {
  switch (node.op) {
    case 'all':
      return true;
    case 'global':
      // Selects non-namespaced resources only: callers evaluating pods never match it.
      return labels['projectcalico.org/namespace'] === undefined;
    case 'has':
      return labels[node.key] !== undefined;
    case '==':
      return labels[node.key] === node.value;
    case '!=':
      return labels[node.key] !== node.value;
    case 'in': {
      const v = labels[node.key];
      return v !== undefined && node.values.includes(v);
    }
    case 'not in': {
      const v = labels[node.key];
      return v === undefined || !node.values.includes(v);
    }
    case 'contains':
      return labels[node.key]?.includes(node.value) ?? false;
    case 'starts with':
      return labels[node.key]?.startsWith(node.value) ?? false;
    case 'ends with':
      return labels[node.key]?.endsWith(node.value) ?? false;
    case 'not':
      return !evaluate(node.expr, labels);
    case 'and':
      return node.exprs.every((e) => evaluate(e, labels));
    case 'or':
      return node.exprs.some((e) => evaluate(e, labels));
  }
}

const parsed = new Map<string, SelectorNode>();

/** Parses and evaluates in one step (a syntax error throws); parsed selectors are remembered. */
export function matches(selector: string | undefined | null, labels: Labels): boolean {
  const src = selector ?? '';
  let node = parsed.get(src);
  if (!node) {
    node = parseSelector(src);
    if (parsed.size >= 2000) parsed.clear();
    parsed.set(src, node);
  }
  return evaluate(node, labels);
}

const quote = (s: string) => (s.includes("'") ? `"${s}"` : `'${s}'`);

/** The canonical text of a parsed selector (Calico's own spacing), e.g. for showing what was understood. */
export function formatSelector(node: SelectorNode): string {
  switch (node.op) {
    case 'all':
    case 'global':
      return `${node.op}()`;
    case 'has':
      return `has(${node.key})`;
    case 'in':
    case 'not in':
      return `${node.key} ${node.op} {${node.values.map(quote).join(', ')}}`;
    case 'not':
      return `!${node.expr.op === 'and' || node.expr.op === 'or' ? `(${formatSelector(node.expr)})` : formatSelector(node.expr)}`;
    case 'and':
      return node.exprs.map((e) => (e.op === 'or' ? `(${formatSelector(e)})` : formatSelector(e))).join(' && ');
    case 'or':
      return node.exprs.map(formatSelector).join(' || ');
    default:
      return `${node.key} ${node.op} ${quote(node.value)}`;
  }
}
