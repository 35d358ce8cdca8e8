import { describe, expect, it } from 'vitest';
import { RowKeys } from './row-keys.js';

describe('RowKeys', () => {
  it('keeps the key of a row that stays in view, wherever it moves', () => {
    const keys = new RowKeys();
    const [a, b, c] = keys.assign(['a', 'b', 'c']);
    expect(new Set([a, b, c]).size).toBe(3);
    // "x" is inserted above: a, b and c keep theirs, x gets a new one
    const next = keys.assign(['x', 'a', 'b', 'c']);
    expect(next.slice(1)).toEqual([a, b, c]);
    expect([a, b, c]).not.toContain(next[0]);
  });

  it('gives rows coming into view the keys of rows that left it, in the order they were shown', () => {
    const keys = new RowKeys();
    const first = keys.assign(['a', 'b', 'c', 'd']);
    // a filter keeps c; the rest are new rows
    const next = keys.assign(['c', 'p', 'q', 'r']);
    expect(next[0]).toBe(first[2]);
    expect(next.slice(1)).toEqual([first[0], first[1], first[3]]);
    // never more keys than rows ever shown at once
    const more = keys.assign(['s', 't', 'u', 'v', 'w']);
    expect(new Set(more).size).toBe(5);
    expect(Math.max(...more)).toBe(4);
  });

  it('gives unique keys when every row is new', () => {
    const keys = new RowKeys();
    keys.assign(['a', 'b']);
    const next = keys.assign(['c', 'd', 'e']);
    expect(new Set(next).size).toBe(3);
  });

  it("never gives the held (focused) row's key to another row", () => {
    const keys = new RowKeys();
    const [a, b] = keys.assign(['a', 'b']);
    // a is focused and leaves the view: its key is not reused, b's is
    const next = keys.assign(['c', 'd'], a);
    expect(next).not.toContain(a);
    expect(next).toContain(b);
    expect(new Set(next).size).toBe(2);
    // while it stays in view it keeps its key
    const again = new RowKeys();
    const [x] = again.assign(['x', 'y']);
    expect(again.assign(['z', 'x'], x)[1]).toBe(x);
  });
});
