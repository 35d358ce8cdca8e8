/**
 * A list's search index: every object's search text (table-rows.ts) in one string, rows one after another,
 * with where each row starts. A filter keystroke is then a few `indexOf` calls over one flat string instead
 * of one `includes` per row (10,000 WeakMap look-ups and 10,000 strings visited, most of them still
 * concatenation trees that V8 flattens on first search): it is fast enough to run in the keystroke's own
 * render, so the filtered rows are drawn in the same frame, with no second render.
 */
import type { SearchText } from './table-rows.js';

/** The separator after each column's text (table-rows.ts): no match spans it, so none spans two rows. */
const SEP = '\u0000';

/** Rows per string of the index: joining one is a few ms, so no task grows with the list. */
const CHUNK = 8192;

/** Rows base … base + starts.length - 2: row base + i's text is all.slice(starts[i], starts[i + 1]). */
interface Chunk {
  base: number;
  all: string;
  starts: Int32Array;
}

export interface SearchIndex<T> {
  /** the list and search text it was built from: any other pair must not use it */
  data: T[];
  text: SearchText<T>;
  chunks: Chunk[];
}

/** One chunk of the index from the texts of rows base … base + texts.length - 1. */
function chunkOf(base: number, texts: string[]): Chunk {
  const starts = new Int32Array(texts.length + 1);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    starts[i] = at;
    at += (texts[i] as string).length;
  }
  starts[texts.length] = at;
  // join: one flat string (a `+=` chain would be a tree that every search walks)
  return { base, all: texts.join(''), starts };
}

/** Builds the index at once (tests; prebuildSearchIndex builds it in slices). */
export function buildSearchIndex<T>(data: T[], text: SearchText<T>): SearchIndex<T> {
  const chunks: Chunk[] = [];
  for (let base = 0; base < data.length; base += CHUNK) {
    const texts: string[] = [];
    for (let i = base; i < Math.min(data.length, base + CHUNK); i++) texts.push(text(data[i] as T, i));
    chunks.push(chunkOf(base, texts));
  }
  return { data, text, chunks };
}

/** Pushes the rows of `chunk` whose text contains `query` to `hits`, in order. */
function searchChunk({ base, all, starts }: Chunk, query: string, hits: number[]): void {
  const rows = starts.length - 1;
  let row = 0;
  for (let pos = all.indexOf(query); pos !== -1; ) {
    // the last row starting at or before pos (rows with no text start where the next one does)
    let lo = row;
    let hi = rows - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    hits.push(base + lo);
    row = lo + 1;
    if (row >= rows) break;
    pos = all.indexOf(query, starts[row] as number);
  }
}

/**
 * The indices (into the index's data) of the rows whose text contains `query` (already lowercase), in
 * display `order` (null: data order); null when the query cannot be searched this way (it contains the
 * separator, which would let a match span columns and rows).
 */
export function searchIndex<T>(index: SearchIndex<T>, query: string, order: number[] | null): number[] | null {
  if (query.includes(SEP)) return null;
  const rows = index.data.length;
  if (!query) return order ?? Array.from({ length: rows }, (_, i) => i);
  const hits: number[] = [];
  for (const chunk of index.chunks) searchChunk(chunk, query, hits);
  if (!order) return hits;
  const hit = new Uint8Array(rows);
  for (const i of hits) hit[i] = 1;
  const out: number[] = [];
  for (const i of order) if (hit[i]) out.push(i);
  return out;
}

const macrotask = (fn: () => void): (() => void) => {
  const t = setTimeout(fn, 0);
  return () => clearTimeout(t);
};

/**
 * Builds every object's search text ahead of the first keystroke in idle time (slices of a few ms), then
 * the index, which `done` gets. Returns a cancel function.
 */
export function prebuildSearchIndex<T>(
  data: T[],
  text: SearchText<T>,
  done: (index: SearchIndex<T>) => void,
  sliceMs = 8,
): () => void {
  const idle = (globalThis as { requestIdleCallback?: (fn: () => void, o?: { timeout: number }) => number })
    .requestIdleCallback;
  const cancelIdle = (globalThis as { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback;
  const chunks: Chunk[] = [];
  let parts: string[] = [];
  let k = 0;
  let cancelled = false;
  let cancel: () => void = () => {};
  const later = (fn: () => void) => {
    if (idle && cancelIdle) {
      // (at the latest 200 ms later: a page that never idles still gets its index)
      const id = idle(fn, { timeout: 200 });
      cancel = () => cancelIdle(id);
    } else cancel = macrotask(fn);
  };
  const step = () => {
    if (cancelled) return;
    const until = performance.now() + sliceMs;
    // (at least one batch per slice: a slice always moves on)
    do {
      const end = Math.min(data.length, k + 256);
      for (; k < end; k++) {
        parts.push(text(data[k] as T, k));
        if (parts.length === CHUNK || k === data.length - 1) {
          chunks.push(chunkOf(k + 1 - parts.length, parts));
          parts = [];
        }
      }
    } while (k < data.length && performance.now() < until);
    if (k < data.length) later(step);
    else done({ data, text, chunks });
  };
  later(step);
  return () => {
    cancelled = true;
    cancel();
  };
}
