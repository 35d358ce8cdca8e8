/**
 * Embedders turn text into vectors for the similarity half of retrieval. The default one works offline with
 * nothing downloaded: feature hashing ("the hashing trick") of words, word pairs and character trigrams into a
 * fixed number of dimensions, signed so that collisions cancel out on average, with sublinear term weights and
 * unit length (cosine similarity is then a dot product). It is deterministic — the same text gives the same
 * vector on every replica and after every restart — and it captures what full-text search misses: spelling
 * variants and compounds ("crashlooping", "CrashLoopBackOff", "crash loop"), error-message fragments and
 * identifiers that the English stemmer splits or drops.
 */

export interface Embedder {
  /** Stored with every vector: rows made by another embedder (or version) are never compared with this one's. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** Dimensions of the default embedder (the HNSW index of migration 101 is built for this size). */
export const HASH_EMBEDDER_DIMENSIONS = 512;

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have how i if in into is it ' +
    'its me my no not of on or our so than that the their them then there these they this to too was we were what ' +
    'when where which while who why will with would you your after before about again all am any because being both ' +
    'each few further here just more most nor only other own same should some such up down out off over under very'
  ).split(' '),
);

/** FNV-1a, 32 bit. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower-cased words of letters and digits; CamelCase and snake/kebab parts are split as well as kept whole. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.match(/[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z0-9]/g) ?? []) {
    const whole = raw.toLowerCase();
    const parts = raw
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .split(/[\s_.-]+/)
      .map((p) => p.toLowerCase())
      .filter(Boolean);
    if (parts.length > 1) out.push(...parts);
    out.push(whole);
  }
  return out;
}

/** A light English suffix stripper: enough for "restarting"/"restarts"/"restarted" to meet. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

function addFeature(vector: Float64Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  const index = h % vector.length;
  const sign = (h >>> 31) & 1 ? -1 : 1;
  vector[index] = (vector[index] ?? 0) + sign * weight;
}

export interface HashingEmbedderOptions {
  dimensions?: number;
  /** Weight of word pairs and of character trigrams relative to a word. */
  bigramWeight?: number;
  trigramWeight?: number;
}

/** Feature → its kind's weight and how often it occurs. */
type Features = Map<string, { weight: number; count: number }>;

function features(text: string, bigramWeight: number, trigramWeight: number): Features {
  const counts: Features = new Map();
  const add = (feature: string, weight: number) => {
    const entry = counts.get(feature);
    if (entry) entry.count++;
    else counts.set(feature, { weight, count: 1 });
  };
  const words = tokenize(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    add(`w:${w}`, 1);
    const next = words[i + 1];
    if (next !== undefined && bigramWeight > 0) add(`b:${w} ${next}`, bigramWeight);
    if (trigramWeight > 0) {
      const padded = `<${w}>`;
      for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, trigramWeight);
    }
  }
  return counts;
}

/** The deterministic offline embedder (see the file comment). */
export function createHashingEmbedder(options: HashingEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? HASH_EMBEDDER_DIMENSIONS;
  const bigramWeight = options.bigramWeight ?? 0.5;
  const trigramWeight = options.trigramWeight ?? 0.25;
  const embedOne = (text: string): number[] => {
    const vector = new Float64Array(dimensions);
    for (const [feature, { weight, count }] of features(text, bigramWeight, trigramWeight)) {
      addFeature(vector, feature, weight * (1 + Math.log(count)));
    }
    let norm = 0;
    for (const v of vector) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (v) => Math.round((v / norm) * 1e6) / 1e6);
  };
  return {
    id: `argus-hash-v1-${dimensions}-${bigramWeight}-${trigramWeight}`,
    dimensions,
    embed: async (texts) => texts.map(embedOne),
  };
}

/** pgvector's text form of a vector: `[0.1,0.2,…]`. */
export const toVectorLiteral = (vector: readonly number[]): string => `[${vector.join(',')}]`;
