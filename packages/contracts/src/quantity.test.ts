// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCpu,
  formatCpuQuantity,
  formatMemoryQuantity,
  parseCpuMillicores,
  parseMemoryBytes,
  parseQuantity,
  percentOf,
} from './quantity.js';

describe('Kubernetes quantities', () => {
  it('parses CPU in millicores from every notation kubectl accepts', () => {
    expect(parseCpuMillicores('250m')).toBe(250);
    expect(parseCpuMillicores('2')).toBe(2000);
    expect(parseCpuMillicores('1.5')).toBe(1500);
    expect(parseCpuMillicores('.5')).toBe(500);
    expect(parseCpuMillicores('12345678n')).toBe(12);
    expect(parseCpuMillicores('1500u')).toBe(2);
    expect(parseCpuMillicores(3)).toBe(3000);
  });

  it('parses memory in bytes, binary and decimal suffixes and exponents', () => {
    expect(parseMemoryBytes('128Mi')).toBe(128 * 1024 * 1024);
    expect(parseMemoryBytes('32763400Ki')).toBe(32763400 * 1024);
    expect(parseMemoryBytes('1G')).toBe(1e9);
    expect(parseMemoryBytes('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseMemoryBytes('1e3')).toBe(1000);
    expect(parseMemoryBytes('2E')).toBe(2e18);
    expect(parseMemoryBytes('2Ei')).toBe(2 * 2 ** 60);
    expect(parseMemoryBytes('129e6')).toBe(129_000_000);
  });

  it('refuses text that is not a quantity', () => {
    for (const bad of ['', 'abc', '1Xi', '1 Gi', '--1', '1.2.3', 'Gi', null, undefined]) {
      expect(parseQuantity(bad as string)).toBeUndefined();
    }
    expect(parseQuantity(Number.NaN)).toBeUndefined();
  });

  it('formats CPU as millicores below a core and cores above', () => {
    expect(formatCpu(0)).toBe('0m');
    expect(formatCpu(250)).toBe('250m');
    expect(formatCpu(999.6)).toBe('1 core');
    expect(formatCpu(1000)).toBe('1 core');
    expect(formatCpu(3500)).toBe('3.5 cores');
    expect(formatCpu(16_000)).toBe('16 cores');
    expect(formatCpu(1234)).toBe('1.23 cores');
    expect(formatCpu(undefined)).toBe('—');
  });

  it('formats bytes in binary units, never the raw Ki figure', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(128 * 2 ** 20)).toBe('128 MiB');
    expect(formatBytes(32763400 * 1024)).toBe('31.2 GiB');
    expect(formatBytes(2 * 2 ** 40)).toBe('2 TiB');
    expect(formatBytes(null)).toBe('—');
    expect(formatMemoryQuantity('32763400Ki')).toBe('31.2 GiB');
    expect(formatCpuQuantity('3500m')).toBe('3.5 cores');
  });

  it('keeps unparsable text visible rather than inventing a number', () => {
    expect(formatMemoryQuantity('lots')).toBe('lots');
    expect(formatCpuQuantity('')).toBe('—');
  });

  it('computes a share only when the total is known', () => {
    expect(percentOf(250, 1000)).toBe(25);
    expect(percentOf(250, 0)).toBeUndefined();
    expect(percentOf(undefined, 1000)).toBeUndefined();
  });
});
