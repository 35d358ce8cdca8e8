/**
 * IP pool utilisation from Calico's IPAM blocks (crd.projectcalico.org/v1 `ipamblocks`, read-only): a pool is
 * carved into blocks of `blockSize`; each node claims blocks (`affinity: host:<node>`) and allocates addresses
 * from them (`allocations[i]` non-null = in use). A pool is exhausted when every block is claimed.
 */
import type { IPAMBlock, IPPool } from './types.js';

export interface Cidr {
  family: 4 | 6;
  /** The network address as a number (IPv6 as bigint). */
  base: bigint;
  prefix: number;
}

function parseV4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseV6(s: string): bigint | null {
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string | undefined) => (h ? h.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return n;
}

export function parseCidr(text: string | undefined): Cidr | null {
  if (!text) return null;
  const [addr, len] = text.split('/');
  if (!addr || len === undefined || !/^\d{1,3}$/.test(len)) return null;
  const family = addr.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  const prefix = Number(len);
  const n = family === 4 ? parseV4(addr) : parseV6(addr);
  if (n === null || prefix > bits) return null;
  const host = BigInt(bits - prefix);
  return { family, base: (n >> host) << host, prefix };
}

const bitsOf = (c: Cidr) => (c.family === 4 ? 32 : 128);

/** Whether `inner` lies inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const host = BigInt(bitsOf(outer) - outer.prefix);
  return inner.base >> host === outer.base >> host;
}

/** 2^n as a number (exact up to 2^53; a ratio is all that is taken of larger ones). */
const pow2 = (n: number) => 2 ** n;

export interface PoolUsage {
  /** Blocks the pool can hold, and those claimed by a node. */
  blocks: number;
  blocksClaimed: number;
  /** Addresses in the claimed blocks, and those allocated. */
  addressesInBlocks: number;
  addressesUsed: number;
  /** Addresses the pool holds. */
  capacity: number;
  /** Claimed blocks / blocks, in percent (one decimal). */
  blockPercent: number;
  /** Allocated addresses / capacity, in percent (one decimal). */
  addressPercent: number;
  /** Per node: claimed blocks and allocated addresses. */
  nodes: Array<{ node: string; blocks: number; addressesUsed: number }>;
}

const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : 0);

/** The usage of one pool from the IPAM blocks inside its CIDR (null when the pool's CIDR is invalid). */
export function poolUsage(pool: IPPool, blocks: readonly IPAMBlock[]): PoolUsage | null {
  const cidr = parseCidr(pool.spec?.cidr);
  if (!cidr) return null;
  const bits = bitsOf(cidr);
  const blockSize = pool.spec?.blockSize ?? (cidr.family === 4 ? 26 : 122);
  const total = blockSize >= cidr.prefix ? pow2(blockSize - cidr.prefix) : 1;
  const perNode = new Map<string, { blocks: number; addressesUsed: number }>();
  let claimed = 0;
  let inBlocks = 0;
  let used = 0;
  for (const b of blocks) {
    const bc = parseCidr(b.spec?.cidr);
    if (!bc || b.spec?.deleted || !contains(cidr, bc)) continue;
    claimed++;
    inBlocks += pow2(bitsOf(bc) - bc.prefix);
    const n = (b.spec?.allocations ?? []).filter((a) => a !== null && a !== undefined).length;
    used += n;
    const node = b.spec?.affinity?.startsWith('host:') ? b.spec.affinity.slice(5) : '(no affinity)';
    const entry = perNode.get(node) ?? { blocks: 0, addressesUsed: 0 };
    entry.blocks++;
    entry.addressesUsed += n;
    perNode.set(node, entry);
  }
  const capacity = pow2(bits - cidr.prefix);
  return {
    blocks: total,
    blocksClaimed: claimed,
    addressesInBlocks: inBlocks,
    addressesUsed: used,
    capacity,
    blockPercent: pct(claimed, total),
    addressPercent: pct(used, capacity),
    nodes: [...perNode].map(([node, v]) => ({ node, ...v })).sort((a, b) => (a.node < b.node ? -1 : 1)),
  };
}
