import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.GRPC_PORT).toBe(9090);
    expect(config.ARGUS_DATA_DIR).toBe('./data');
    expect(config.ARGUS_DEMO).toBe(true);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('accepts true/false and 1/0 for booleans', () => {
    expect(loadConfig({ ARGUS_DEMO: 'false' }).ARGUS_DEMO).toBe(false);
    expect(loadConfig({ ARGUS_DEMO: '0' }).ARGUS_DEMO).toBe(false);
    expect(loadConfig({ ARGUS_DEMO: '1' }).ARGUS_DEMO).toBe(true);
  });

  it('splits lists', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).ALLOWED_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('reports every problem at once without echoing secrets', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:hunter2@db/argus',
        ARGUS_DEMO: 'maybe',
        JWT_SECRET: 'short',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems.join('\n')).toMatch(/PORT: must be a number \(got "eighty"\)/);
      expect(problems.join('\n')).toMatch(/DATABASE_URL: must be a postgres/);
      expect((err as Error).message).not.toMatch(/hunter2/);
    }
  });

  it('does not echo a METRICS_TOKEN that is too short', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'tiny-secret' })).toThrow(/METRICS_TOKEN: must be at least 16/);
    expect(() => loadConfig({ METRICS_TOKEN: 'tiny-secret' })).not.toThrow(/tiny-secret/);
  });

  it('rejects out-of-range ports', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be between 0 and 65535/);
  });

  it('takes OUTBOUND_ALLOWED_CIDRS as CIDRs or addresses and names a bad one at start', () => {
    expect(loadConfig({}).OUTBOUND_ALLOWED_CIDRS).toEqual([]);
    expect(loadConfig({ OUTBOUND_ALLOWED_CIDRS: '10.1.0.0/16, fd00::/8,192.168.1.5' }).OUTBOUND_ALLOWED_CIDRS).toEqual([
      '10.1.0.0/16',
      'fd00::/8',
      '192.168.1.5',
    ]);
    expect(() => loadConfig({ OUTBOUND_ALLOWED_CIDRS: '10.0.0.0/8,10.0.0.0/33,intranet' })).toThrow(
      /OUTBOUND_ALLOWED_CIDRS: not a CIDR or address: 10\.0\.0\.0\/33, intranet/,
    );
  });
});
