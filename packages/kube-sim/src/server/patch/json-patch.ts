/** RFC 6902 JSON Patch and RFC 7386 JSON Merge Patch. */
import { badRequest, StoreError } from '../../store/errors.js';
import { deepEqual } from '../../store/meta.js';

type Json = unknown;

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer ${path}`);
  return path.slice(1).split('/').map(unescapePointer);
}

function container(doc: Json, segs: string[], path: string): { parent: Record<string, Json> | Json[]; last: string } {
  let cur = doc;
  for (const s of segs.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (cur && typeof cur === 'object') cur = (cur as Record<string, Json>)[s];
    else cur = undefined;
    if (cur === undefined || cur === null || typeof cur !== 'object') {
      throw new StoreError(
        422,
        'Invalid',
        `the server rejected our request due to an error in our request: doc is missing path: "${path}": missing value`,
      );
    }
  }
  return { parent: cur as Record<string, Json> | Json[], last: segs[segs.length - 1] ?? '' };
}

function get(doc: Json, path: string): Json {
  let cur = doc;
  for (const s of pointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (cur && typeof cur === 'object') cur = (cur as Record<string, Json>)[s];
    else return undefined;
  }
  return cur;
}

function missing(path: string): StoreError {
  return new StoreError(
    422,
    'Invalid',
    `the server rejected our request due to an error in our request: doc is missing path: "${path}": missing value`,
  );
}

export function applyJsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw badRequest('the server rejected our request due to an error in our request: json patch must be an array');
  let root = structuredClone(doc);
  for (const raw of ops) {
    const op = raw as Record<string, Json>;
    const path = String(op.path ?? '');
    const segs = pointer(path);
    const value = structuredClone(op.value);
    switch (op.op) {
      case 'test':
        if (!deepEqual(get(root, path), op.value))
          throw new StoreError(
            422,
            'Invalid',
            `the server rejected our request due to an error in our request: testing value ${path} failed: test failed`,
          );
        break;
      case 'add':
      case 'replace': {
        if (segs.length === 0) {
          root = value;
          break;
        }
        const { parent, last } = container(root, segs, path);
        if (Array.isArray(parent)) {
          const i = last === '-' ? parent.length : Number(last);
          if (!Number.isInteger(i) || i < 0 || i > parent.length) throw missing(path);
          if (op.op === 'add') parent.splice(i, 0, value);
          else if (i < parent.length) parent[i] = value;
          else throw missing(path);
        } else {
          if (op.op === 'replace' && !(last in parent)) throw missing(path);
          parent[last] = value;
        }
        break;
      }
      case 'remove': {
        const { parent, last } = container(root, segs, path);
        if (Array.isArray(parent)) {
          const i = Number(last);
          if (!(i >= 0 && i < parent.length)) throw missing(path);
          parent.splice(i, 1);
        } else {
          if (!(last in parent)) throw missing(path);
          delete parent[last];
        }
        break;
      }
      case 'move':
      case 'copy': {
        const from = String(op.from ?? '');
        const v = structuredClone(get(root, from));
        if (v === undefined) throw missing(from);
        if (op.op === 'move') root = applyJsonPatch(root, [{ op: 'remove', path: from }]);
        root = applyJsonPatch(root, [{ op: 'add', path, value: v }]);
        break;
      }
      default:
        throw badRequest(
          `the server rejected our request due to an error in our request: Unexpected kind: ${String(op.op)}`,
        );
    }
  }
  return root;
}

export function applyMergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, Json> =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, Json>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, Json>)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
