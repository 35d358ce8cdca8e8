/** Seeded PRNG (mulberry32) and deterministic identifiers. Everything a scenario draws comes from here. */

const NAME_CODES = Array.from('bcdfghjklmnpqrstvwxz2456789', (c) => c.charCodeAt(0));
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Rng.pick on an empty list');
    return item;
  }

  /** Kubernetes-style random suffix (the alphabet of utilrand.String): `n` characters. */
  suffix(n: number): string {
    const codes = new Array<number>(n);
    for (let i = 0; i < n; i++) codes[i] = NAME_CODES[Math.floor(this.next() * NAME_CODES.length)] ?? 98;
    return String.fromCharCode(...codes);
  }

  /** `n` lowercase hex digits (built flat: no rope strings left in long-lived objects). */
  hex(n: number): string {
    const codes = new Array<number>(n);
    for (let i = 0; i < n; i += 8) {
      let word = (this.next() * 4294967296) >>> 0;
      for (let j = i; j < Math.min(n, i + 8); j++) {
        codes[j] = HEX_CODES[word & 15] ?? 48;
        word >>>= 4;
      }
    }
    return String.fromCharCode(...codes);
  }

  /** A version-4-shaped UUID drawn from the stream. */
  uuid(): string {
    const codes = new Array<number>(36);
    let k = 0;
    let word = 0;
    for (let i = 0; i < 36; i++) {
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        codes[i] = 45; // '-'
        continue;
      }
      if (k % 8 === 0) word = (this.next() * 4294967296) >>> 0;
      const nibble = word & 15;
      word >>>= 4;
      k++;
      codes[i] = i === 14 ? 52 /* '4' */ : i === 19 ? (HEX_CODES[8 + (nibble & 3)] ?? 56) : (HEX_CODES[nibble] ?? 48);
    }
    return String.fromCharCode(...codes);
  }

  /** A derived, independent generator (so adding draws in one area does not shift another). */
  fork(label: string): Rng {
    return new Rng(hashString(label) ^ this.int(0, 0x7fffffff));
  }
}

/** FNV-1a 32-bit hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
