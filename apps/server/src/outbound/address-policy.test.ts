import { describe, expect, it } from 'vitest';
import { createAddressPolicy, parseCidr } from './address-policy.js';

const strict = createAddressPolicy([]);

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fec0::1', 'private'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.255', 'shared (CGNAT)'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'reserved'], // Teredo
    ['100::1', 'reserved'],
    ['::7f00:1', 'reserved'], // IPv4-compatible ::127.0.0.1
    ['::ffff:0:7f00:1', 'reserved'], // IPv4-translated
    ['not-an-address', 'reserved'],
  ])('refuses %s as %s', (address, reason) => {
    expect(strict.blocked(address)).toBe(reason);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['64:ff9b::7f00:1', 'loopback'], // NAT64 of 127.0.0.1
    ['64:ff9b::a9fe:a9fe', 'metadata'], // NAT64 of 169.254.169.254
    ['2002:7f00:1::1', 'loopback'], // 6to4 of 127.0.0.1
    ['2002:c0a8:101::', 'private'], // 6to4 of 192.168.1.1
  ])('judges the IPv4 address inside %s (%s)', (address, reason) => {
    expect(strict.blocked(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('lets the public address %s through', (address) => {
    expect(strict.blocked(address)).toBeUndefined();
  });

  it('lets OUTBOUND_ALLOWED_CIDRS open blocked ranges, and only those', () => {
    const policy = createAddressPolicy(['127.0.0.0/8', '10.1.0.0/16', 'fd00::/8', '169.254.169.254']);
    expect(policy.blocked('127.0.0.1')).toBeUndefined();
    expect(policy.blocked('::ffff:127.0.0.1')).toBeUndefined();
    expect(policy.blocked('10.1.2.3')).toBeUndefined();
    expect(policy.blocked('10.2.0.1')).toBe('private');
    expect(policy.blocked('fd12::1')).toBeUndefined();
    expect(policy.blocked('fc00::1')).toBe('private');
    expect(policy.blocked('169.254.169.254')).toBeUndefined();
    expect(policy.blocked('169.254.169.253')).toBe('link-local');
    expect(policy.blocked('::1')).toBe('loopback');
    expect(() => createAddressPolicy(['10.0.0.0/33'])).toThrow(/not a CIDR/);
  });

  it('parses CIDRs and bare addresses, and nothing else', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('fd00::/8')).toEqual({ address: 'fd00::', prefix: 8, family: 'ipv6' });
    expect(parseCidr('192.168.1.5')).toEqual({ address: '192.168.1.5', prefix: 32, family: 'ipv4' });
    expect(parseCidr('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' });
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0/8', 'localhost', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8x', ''])
      expect(parseCidr(bad), bad).toBeUndefined();
  });
});
