/** Label and field selectors, parsed once and matched many times. */
import { badRequest } from './errors.js';
import type { KubeObject } from './types.js';

type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: Set<string> }
  | { op: 'exists' | 'notexists'; key: string };

export type Matcher = (obj: KubeObject) => boolean;

const matchAll: Matcher = () => true;

/** Splits on commas that are not inside parentheses. */
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
  if (cur.trim() !== '' || out.length > 0) out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

const KEY_RE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

function checkKey(key: string, whole: string): string {
  if (!KEY_RE.test(key)) throw badRequest(`unable to parse requirement: invalid label key "${key}" in "${whole}"`);
  return key;
}

const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkValue(value: string, whole: string): string {
  if (value.length > 63 || !VALUE_RE.test(value)) {
    throw badRequest(
      `unable to parse requirement: values[0][${whole}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return value;
}

function parseLabelTerm(term: string): LabelRequirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (setMatch) {
    const values = new Set(
      (setMatch[3] ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    );
    return { op: setMatch[2] === 'in' ? 'in' : 'notin', key: checkKey(setMatch[1] ?? '', term), values };
  }
  if (term.startsWith('!')) return { op: 'notexists', key: checkKey(term.slice(1).trim(), term) };
  const ops: Array<[string, 'eq' | 'neq']> = [
    ['!=', 'neq'],
    ['==', 'eq'],
    ['=', 'eq'],
  ];
  for (const [tok, op] of ops) {
    const i = term.indexOf(tok);
    if (i > 0) {
      return {
        op,
        key: checkKey(term.slice(0, i).trim(), term),
        value: checkValue(term.slice(i + tok.length).trim(), term),
      };
    }
  }
  if (/[\s=!<>()]/.test(term)) throw badRequest(`unable to parse requirement: found '${term}', expected: key`);
  return { op: 'exists', key: checkKey(term, term) };
}

function matchLabel(req: LabelRequirement, labels: Record<string, string> | undefined): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, req.key);
  const v = has ? labels[req.key] : undefined;
  switch (req.op) {
    case 'eq':
      return has && v === req.value;
    case 'neq':
      return !has || v !== req.value;
    case 'in':
      return has && req.values.has(v ?? '');
    case 'notin':
      return !has || !req.values.has(v ?? '');
    case 'exists':
      return has;
    case 'notexists':
      return !has;
  }
}

export function parseLabelSelector(selector: string | undefined): Matcher {
  if (!selector || selector.trim() === '') return matchAll;
  const reqs = splitTerms(selector).map(parseLabelTerm);
  return (obj) => {
    const labels = obj.metadata.labels;
    for (const r of reqs) if (!matchLabel(r, labels)) return false;
    return true;
  };
}

/** Reads a dotted field path ("status.phase", "involvedObject.name") as a string ('' when absent). */
export function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

export function parseFieldSelector(selector: string | undefined): Matcher {
  if (!selector || selector.trim() === '') return matchAll;
  const reqs = splitTerms(selector).map((term) => {
    for (const [tok, neg] of [
      ['!=', true],
      ['==', false],
      ['=', false],
    ] as const) {
      const i = term.indexOf(tok);
      if (i > 0) return { path: term.slice(0, i).trim(), value: term.slice(i + tok.length).trim(), neg };
    }
    throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
  });
  return (obj) => {
    for (const r of reqs) {
      const v = fieldValue(obj, r.path);
      if ((v === r.value) === r.neg) return false;
    }
    return true;
  };
}

/** The namespace / name named by a field selector with a single equality, for fast paths. */
export function exactFieldValue(selector: string | undefined, path: string): string | undefined {
  if (!selector) return undefined;
  for (const term of splitTerms(selector)) {
    const m = /^([^!=]+)==?(.*)$/.exec(term);
    if (m && m[1]?.trim() === path) return (m[2] ?? '').trim();
  }
  return undefined;
}
