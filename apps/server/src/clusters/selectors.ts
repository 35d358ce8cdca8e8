/** Label and field selectors evaluated on cached objects, with the API server's syntax. */
import { AppError } from '@argus/contracts';

export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    resourceVersion?: string;
    [k: string]: unknown;
  };
  [k: string]: unknown;
};

type Test = (obj: KubeObject) => boolean;

function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter(Boolean);
}

/**
 * Parsed selectors by their text: a cross-cluster list asks every cluster's cache with the same selector, and a
 * live view asks again on every refresh. Bounded (the oldest goes first); a selector that does not parse throws
 * and is not kept.
 */
const REMEMBERED = 256;
const requiredLabels = new Map<string, RequiredLabel | undefined>();
const matchers = new Map<string, (labels: Labels) => boolean>();

function remembered<T>(cache: Map<string, T>, selector: string, make: () => T): T {
  if (cache.has(selector)) return cache.get(selector) as T;
  const made = make();
  if (cache.size >= REMEMBERED) cache.delete(cache.keys().next().value as string);
  cache.set(selector, made);
  return made;
}

const SET_TERM = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/;
const EQUALITY_TERM = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/;

/** A label every match must have, with the values it may take (shared: never changed by a caller). */
export interface RequiredLabel {
  readonly key: string;
  readonly values: readonly string[];
}

/**
 * A label every match must have with one of a few values (the first `key=value`, `key==value` or
 * `key in (…)` term), so a cache can look matches up in an index instead of testing every object.
 */
export function requiredLabel(selector: string | undefined): RequiredLabel | undefined {
  if (!selector?.trim()) return undefined;
  return remembered(requiredLabels, selector, () => findRequiredLabel(selector));
}

function findRequiredLabel(selector: string): RequiredLabel | undefined {
  for (const term of splitTerms(selector)) {
    const set = SET_TERM.exec(term);
    if (set?.[2] === 'in') return { key: set[1]!, values: set[3]!.split(',').map((v) => v.trim()) };
    const eq = EQUALITY_TERM.exec(term);
    if (eq && eq[2] !== '!=') return { key: eq[1]!, values: [eq[3]!] };
  }
  return undefined;
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** A label selector as a test of an object's labels (what the cache keeps indexed, without parsing). */
export function labelsMatcher(selector: string | undefined): (labels: Labels) => boolean {
  if (!selector?.trim()) return () => true;
  return remembered(matchers, selector, () => compileLabels(selector));
}

function compileLabels(selector: string): (labels: Labels) => boolean {
  const tests: Array<(labels: Readonly<Record<string, string>>) => boolean> = splitTerms(selector).map((term) => {
    let m = SET_TERM.exec(term);
    if (m) {
      const key = m[1]!;
      const values = new Set(m[3]!.split(',').map((v) => v.trim()));
      const neg = m[2] === 'notin';
      return (labels) => {
        const v = labels[key];
        return neg ? v === undefined || !values.has(v) : v !== undefined && values.has(v);
      };
    }
    m = EQUALITY_TERM.exec(term);
    if (m) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      return op === '!=' ? (labels) => labels[key] !== value : (labels) => labels[key] === value;
    }
    m = /^(!?)([\w./-]+)$/.exec(term);
    if (m) {
      const key = m[2]!;
      return m[1] ? (labels) => !Object.hasOwn(labels, key) : (labels) => Object.hasOwn(labels, key);
    }
    throw new AppError('BAD_REQUEST', `Invalid labelSelector term "${term}"`);
  });
  const only = tests.length === 1 ? tests[0] : undefined;
  if (only) return (labels) => only(labels ?? NO_LABELS);
  return (labels) => {
    const l = labels ?? NO_LABELS;
    return tests.every((t) => t(l));
  };
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

export function parseLabelSelector(selector: string | undefined): Test {
  const matches = labelsMatcher(selector);
  return (o) => matches(o.metadata.labels);
}

/** A field of an object as a field selector compares it (objects and arrays as JSON). */
export function pathValue(obj: unknown, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return undefined;
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

/** A field selector as a test of a field reader (a cached object reads its indexed fields without parsing). */
export function fieldsMatcher(selector: string | undefined): (field: (path: string) => string | undefined) => boolean {
  if (!selector?.trim()) return () => true;
  const tests = splitTerms(selector).map((term) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new AppError('BAD_REQUEST', `Invalid fieldSelector term "${term}"`);
    const [, path, op, value] = m as unknown as [string, string, string, string];
    // Unset fields compare as "" (as the API server does for e.g. spec.nodeName).
    return op === '!='
      ? (field: (path: string) => string | undefined) => (field(path) ?? '') !== value
      : (field: (path: string) => string | undefined) => (field(path) ?? '') === value;
  });
  return (field) => tests.every((t) => t(field));
}

export function parseFieldSelector(selector: string | undefined): Test {
  const matches = fieldsMatcher(selector);
  return (o) => matches((path) => pathValue(o, path));
}
