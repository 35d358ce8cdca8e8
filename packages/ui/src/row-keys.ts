/**
 * React keys for the rows a virtualised table has in view. A row keeps its key while it stays in view (its
 * DOM node, focus and hover stay with its object, as with keys by id), and a row coming into view takes
 * the key of a row that left it: React then updates that row's cells in place (a few text nodes and
 * attributes) instead of removing some thirty DOM nodes and creating as many again. A filter keystroke
 * replaces most rows in view, a scroll step some of them.
 */
export class RowKeys {
  private byId = new Map<string, number>();
  private next = 0;

  /**
   * The keys of `ids` (the rows in view, in order; no duplicates), in the same order. `held` (the focused
   * row's key) is never given to another row: a focused row that leaves the view is removed, as with keys
   * by id, rather than showing another object under the keyboard focus.
   */
  assign(ids: readonly string[], held?: number): number[] {
    const prev = this.byId;
    const byId = new Map<string, number>();
    const keys: number[] = new Array(ids.length);
    const taken = new Set<number>();
    ids.forEach((id, i) => {
      const k = prev.get(id);
      if (k !== undefined) {
        keys[i] = k;
        byId.set(id, k);
        taken.add(k);
      }
    });
    const free: number[] = [];
    for (const k of prev.values()) if (!taken.has(k) && k !== held) free.push(k);
    // (taken in the order they were shown: a new row takes the key of a row that was where it is)
    free.reverse();
    ids.forEach((id, i) => {
      if (keys[i] !== undefined) return;
      let k = free.pop() ?? this.next++;
      if (k === held) k = this.next++;
      keys[i] = k;
      byId.set(id, k);
    });
    this.byId = byId;
    return keys;
  }
}
