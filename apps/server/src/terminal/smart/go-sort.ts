/**
 * Go's `sort.Sort` (pdqsort, zsortinterface.go), step for step: it is not stable, so kubectl's order of equal
 * keys (events within the same second) is only reproduced by running the very same algorithm. Deterministic:
 * its pattern breaking seeds xorshift with the length.
 */
type Less = (a: number, b: number) => boolean;

export function goSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const d = items;
  const lt: Less = (i, j) => less(d[i]!, d[j]!);
  const swap = (i: number, j: number) => {
    const t = d[i]!;
    d[i] = d[j]!;
    d[j] = t;
  };
  const n = d.length;
  if (n <= 1) return d;
  pdqsort(lt, swap, 0, n, Math.floor(Math.log2(n)) + 1);
  return d;
}

type Swap = (i: number, j: number) => void;

function insertionSort(lt: Less, swap: Swap, a: number, b: number) {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && lt(j, j - 1); j--) swap(j, j - 1);
}

function siftDown(lt: Less, swap: Swap, lo: number, hi: number, first: number) {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && lt(first + child, first + child + 1)) child++;
    if (!lt(first + root, first + child)) return;
    swap(first + root, first + child);
    root = child;
  }
}

function heapSort(lt: Less, swap: Swap, a: number, b: number) {
  const first = a;
  const hi = b - a;
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(lt, swap, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    swap(first, first + i);
    siftDown(lt, swap, 0, i, first);
  }
}

const INCREASING = 1;
const DECREASING = 2;

function pdqsort(lt: Less, swap: Swap, a: number, b: number, limit: number) {
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= 12) {
      insertionSort(lt, swap, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(lt, swap, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(swap, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(lt, a, b);
    if (hint === DECREASING) {
      reverseRange(swap, a, b);
      pivot = b - 1 - (pivot - a);
      hint = INCREASING;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING && partialInsertionSort(lt, swap, a, b)) return;
    if (a > 0 && !lt(a - 1, pivot)) {
      a = partitionEqual(lt, swap, a, b, pivot);
      continue;
    }
    const [mid, already] = partition(lt, swap, a, b, pivot);
    wasPartitioned = already;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.floor(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(lt, swap, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(lt, swap, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(lt: Less, swap: Swap, a: number, b: number, pivot: number): [number, boolean] {
  swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && lt(i, a)) i++;
  while (i <= j && !lt(j, a)) j--;
  if (i > j) {
    swap(j, a);
    return [j, true];
  }
  swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && lt(i, a)) i++;
    while (i <= j && !lt(j, a)) j--;
    if (i > j) break;
    swap(i, j);
    i++;
    j--;
  }
  swap(j, a);
  return [j, false];
}

function partitionEqual(lt: Less, swap: Swap, a: number, b: number, pivot: number): number {
  swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !lt(a, i)) i++;
    while (i <= j && lt(a, j)) j--;
    if (i > j) break;
    swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort(lt: Less, swap: Swap, a: number, b: number): boolean {
  let i = a + 1;
  for (let step = 0; step < 5; step++) {
    while (i < b && !lt(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < 50) return false;
    swap(i, i - 1);
    if (i - a >= 2)
      for (let j = i - 1; j >= 1; j--) {
        if (!lt(j, j - 1)) break;
        swap(j, j - 1);
      }
    if (b - i >= 2)
      for (let j = i + 1; j < b; j++) {
        if (!lt(j, j - 1)) break;
        swap(j, j - 1);
      }
  }
  return false;
}

function breakPatterns(swap: Swap, a: number, b: number) {
  const length = b - a;
  if (length < 8) return;
  const mask = (1n << 64n) - 1n;
  let r = BigInt(length);
  const next = () => {
    r ^= (r << 13n) & mask;
    r ^= r >> 7n;
    r ^= (r << 17n) & mask;
    return r;
  };
  const modulus = 2 ** (Math.floor(Math.log2(length)) + 1);
  const idx = a + Math.floor(length / 4) * 2 - 1;
  for (let i = 0; i < 3; i++) {
    let other = Number(next() & BigInt(modulus - 1));
    if (other >= length) other -= length;
    swap(idx - 1 + i, a + other);
  }
}

function choosePivot(lt: Less, a: number, b: number): [number, number] {
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.floor(l / 4);
  let j = a + Math.floor(l / 4) * 2;
  let k = a + Math.floor(l / 4) * 3;
  if (l >= 8) {
    if (l >= 50) {
      i = median(lt, i - 1, i, i + 1, swaps);
      j = median(lt, j - 1, j, j + 1, swaps);
      k = median(lt, k - 1, k, k + 1, swaps);
    }
    j = median(lt, i, j, k, swaps);
  }
  return [j, swaps.n === 0 ? INCREASING : swaps.n === 12 ? DECREASING : 0];
}

function median(lt: Less, a: number, b: number, c: number, swaps: { n: number }): number {
  const order = (x: number, y: number): [number, number] => {
    if (lt(y, x)) {
      swaps.n++;
      return [y, x];
    }
    return [x, y];
  };
  [a, b] = order(a, b);
  [b, c] = order(b, c);
  [a, b] = order(a, b);
  return b;
}

function reverseRange(swap: Swap, a: number, b: number) {
  for (let i = a, j = b - 1; i < j; i++, j--) swap(i, j);
}
