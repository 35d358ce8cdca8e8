import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeHelmRelease, encodeHelmRelease, type HelmRelease, helmReleaseSecret } from './helm-release.js';

const release: HelmRelease = {
  name: 'web',
  namespace: 'default',
  version: 2,
  info: {
    first_deployed: '2026-08-01T10:00:00Z',
    last_deployed: '2026-08-20T10:00:00Z',
    deleted: '',
    description: 'Upgrade complete',
    status: 'deployed',
    notes: 'hi',
  },
  chart: {
    metadata: { name: 'web', version: '1.0.0', appVersion: '2.0.0', apiVersion: 'v2' },
    lock: null,
    templates: [{ name: 'templates/cm.yaml', data: Buffer.from('kind: ConfigMap').toString('base64') }],
    values: { a: 1 },
    schema: null,
    files: null,
  },
  config: { a: 2 },
  manifest: '---\n# Source: web/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n',
};

describe('Helm release encoding', () => {
  it('encodes as base64(gzip(json)) and round-trips', () => {
    const s = encodeHelmRelease(release);
    expect(Buffer.from(s, 'base64').subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 0x08]));
    expect(decodeHelmRelease(s)).toEqual(release);
  });

  it('decodes the Secret data as a JSON client sees it (double base64)', () => {
    const secret = helmReleaseSecret(release, 1_787_220_000);
    const wire = (secret.data as { release: string }).release;
    expect(wire.startsWith('SDRzSU')).toBe(true); // base64("H4sI…")
    expect(decodeHelmRelease(wire)).toEqual(release);
    expect(secret.metadata.name).toBe('sh.helm.release.v1.web.v2');
    expect(secret.type).toBe('helm.sh/release.v1');
    expect(secret.metadata.labels).toEqual({
      modifiedAt: '1787220000',
      name: 'web',
      owner: 'helm',
      status: 'deployed',
      version: '2',
    });
  });

  it('accepts uncompressed legacy payloads', () => {
    expect(decodeHelmRelease(Buffer.from(JSON.stringify(release)).toString('base64'))).toEqual(release);
    expect(decodeHelmRelease(gzipSync(JSON.stringify(release)).toString('base64')).name).toBe('web');
  });
});
