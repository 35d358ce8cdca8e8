/**
 * Which IP addresses a guarded outbound request may connect to (see outbound-guard.ts): everything but
 * loopback, unspecified, private, CGNAT, link-local, cloud metadata, multicast, documentation and other
 * reserved ranges — unless an operator allowed the address with OUTBOUND_ALLOWED_CIDRS. IPv6 addresses
 * that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged
 * by that IPv4 address; any other IPv6 address outside global unicast (2000::/3) is reserved.
 */
import { BlockList, isIP } from 'node:net';

export type BlockReason =
  | 'metadata'
  | 'loopback'
  | 'unspecified'
  | 'private'
  | 'shared (CGNAT)'
  | 'link-local'
  | 'multicast'
  | 'reserved';

type Rule = [reason: BlockReason, cidr: string];

/** Most specific first: the first matching rule names the reason. */
const V4_RULES: Rule[] = [
  ['metadata', '169.254.169.254/32'], // AWS, GCP, Azure, OpenStack, DigitalOcean …
  ['metadata', '169.254.170.2/32'], // AWS ECS task metadata
  ['metadata', '100.100.100.200/32'], // Alibaba Cloud
  ['unspecified', '0.0.0.0/8'], // "this network", 0.0.0.0 included
  ['loopback', '127.0.0.0/8'],
  ['private', '10.0.0.0/8'],
  ['private', '172.16.0.0/12'],
  ['private', '192.168.0.0/16'],
  ['shared (CGNAT)', '100.64.0.0/10'],
  ['link-local', '169.254.0.0/16'],
  ['reserved', '192.0.0.0/24'], // IETF protocol assignments
  ['reserved', '192.0.2.0/24'], // TEST-NET-1
  ['reserved', '192.88.99.0/24'], // 6to4 relay anycast
  ['reserved', '198.18.0.0/15'], // benchmarking
  ['reserved', '198.51.100.0/24'], // TEST-NET-2
  ['reserved', '203.0.113.0/24'], // TEST-NET-3
  ['multicast', '224.0.0.0/4'],
  ['reserved', '240.0.0.0/4'], // future use, 255.255.255.255 included
];

const V6_RULES: Rule[] = [
  ['metadata', 'fd00:ec2::254/128'], // AWS (IPv6)
  ['unspecified', '::/128'],
  ['loopback', '::1/128'],
  ['reserved', '::/96'], // IPv4-compatible (deprecated)
  ['reserved', '64:ff9b:1::/48'], // local-use NAT64
  ['reserved', '100::/64'], // discard-only
  ['reserved', '2001::/23'], // IETF protocol assignments (Teredo, benchmarking, ORCHID …)
  ['reserved', '2001:db8::/32'], // documentation
  ['reserved', '3fff::/20'], // documentation
  ['private', 'fc00::/7'], // unique local
  ['private', 'fec0::/10'], // site-local (deprecated)
  ['link-local', 'fe80::/10'],
  ['multicast', 'ff00::/8'],
];

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** `a.b.c.d/n`, `x::y/n`, or a bare address (a /32 or /128); undefined when it is neither. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

function blockList(cidrs: Cidr[]): BlockList {
  const list = new BlockList();
  for (const c of cidrs) list.addSubnet(c.address, c.prefix, c.family);
  return list;
}

function ruleLists(rules: Rule[]): Array<[BlockReason, BlockList]> {
  return rules.map(([reason, text]) => [reason, blockList([parseCidr(text) as Cidr])]);
}

const V4 = ruleLists(V4_RULES);
const V6 = ruleLists(V6_RULES);
const GLOBAL_UNICAST = blockList([parseCidr('2000::/3') as Cidr]);

/** The 16 bytes of an IPv6 address (already validated by isIP, zone removed). */
function ipv6Bytes(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    tail.push(...dotted[1].split('.').map(Number));
    text = `${text.slice(0, -dotted[1].length)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const h = groups(head);
  const r = rest === undefined ? [] : groups(rest);
  const all = [...h, ...new Array(8 - h.length - r.length).fill(0), ...r];
  const bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** The IPv4 address an IPv6 address stands for: IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
function embeddedIpv4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12).join('.');
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return b.slice(12).join('.');
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6).join('.');
  return undefined;
}

export interface AddressPolicy {
  /** Why the address may not be reached, or undefined when it may (public, or allowed by the operator). */
  blocked(address: string): BlockReason | undefined;
}

/** `allowedCidrs` as validated by the config (OUTBOUND_ALLOWED_CIDRS); a bad entry throws. */
export function createAddressPolicy(allowedCidrs: readonly string[]): AddressPolicy {
  const parsed = allowedCidrs.map((text) => {
    const c = parseCidr(text);
    if (!c) throw new Error(`not a CIDR: ${text}`);
    return c;
  });
  const allowed = blockList(parsed);
  const match = (rules: Array<[BlockReason, BlockList]>, address: string, family: 'ipv4' | 'ipv6') =>
    rules.find(([, list]) => list.check(address, family))?.[0];

  return {
    blocked(raw) {
      // Zone ids (fe80::1%eth0) are not understood by BlockList, which would then match nothing.
      const address = raw.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
      const version = isIP(address);
      if (version === 0) return 'reserved';
      try {
        if (version === 4) {
          if (allowed.check(address, 'ipv4')) return undefined;
          return match(V4, address, 'ipv4');
        }
        const v4 = embeddedIpv4(address);
        if (allowed.check(address, 'ipv6') || (v4 !== undefined && allowed.check(v4, 'ipv4'))) return undefined;
        if (v4 !== undefined) return match(V4, v4, 'ipv4');
        return match(V6, address, 'ipv6') ?? (GLOBAL_UNICAST.check(address, 'ipv6') ? undefined : 'reserved');
      } catch {
        return 'reserved'; // fail closed on anything BlockList cannot read
      }
    },
  };
}
