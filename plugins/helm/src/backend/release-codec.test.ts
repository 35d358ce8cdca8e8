import { gzipSync } from 'node:zlib';
import { type SimFixture, startSimFixture } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HelmCli, helmCli } from '../test-support/helm-cli.js';
import { writeTinyChart } from '../test-support/tiny-chart.js';
import {
  decodeRelease,
  encodeRelease,
  encodeReleaseSecretData,
  type HelmRelease,
  releaseSecret,
} from './release-codec.js';

const sample: HelmRelease = {
  name: 'web',
  namespace: 'default',
  version: 2,
  info: { status: 'deployed', description: 'Upgrade complete', notes: 'hi' },
  chart: { metadata: { name: 'tiny', version: '0.1.0' }, values: { a: 1 } },
  config: { a: 2 },
  manifest: '---\n# Source: tiny/templates/x.yaml\n',
};

describe('release codec', () => {
  it("round-trips through helm's string and the Secret wire form", () => {
    expect(decodeRelease(encodeRelease(sample))).toEqual(sample);
    expect(decodeRelease(encodeReleaseSecretData(sample))).toEqual(sample);
    expect(gzipSync(Buffer.from('x'))[0]).toBe(Buffer.from(encodeRelease(sample), 'base64')[0]);
  });

  it('reads releases stored as plain JSON (old helm)', () => {
    expect(decodeRelease(Buffer.from(JSON.stringify(sample)).toString('base64'))).toEqual(sample);
  });

  it('labels the Secret as helm does', () => {
    const s = releaseSecret(sample, new Date(1_700_000_000_000)) as {
      metadata: { name: string; labels: object };
      type: string;
    };
    expect(s.metadata.name).toBe('sh.helm.release.v1.web.v2');
    expect(s.type).toBe('helm.sh/release.v1');
    expect(s.metadata.labels).toEqual({
      createdAt: '1700000000',
      name: 'web',
      owner: 'helm',
      status: 'deployed',
      version: '2',
    });
  });
});

describe('release codec against the real helm', () => {
  let sim: SimFixture;
  let helm: HelmCli;
  beforeAll(async () => {
    sim = await startSimFixture({ tls: true });
    helm = helmCli(sim);
  });
  afterAll(async () => sim?.close());
  const secretPath = 'secret/sh.helm.release.v1.codec.v1';

  it('decodes the Secret written by `helm install`, and helm reads a record this codec wrote', async () => {
    const chart = writeTinyChart(sim.dir);
    const res = await helm(['install', 'codec', chart, '-n', 'default', '--set', 'greeting=bonjour']);
    expect(res.stderr).toBe('');
    const got = await sim.kubectl.run(['get', secretPath, '-n', 'default', '-o', 'json']);
    const secret = JSON.parse(got.stdout) as {
      data: { release: string };
      metadata: { labels: Record<string, string> };
    };
    expect(secret.metadata.labels).toMatchObject({ owner: 'helm', name: 'codec', status: 'deployed', version: '1' });
    const release = decodeRelease(secret.data.release);
    expect(release).toMatchObject({ name: 'codec', namespace: 'default', version: 1, config: { greeting: 'bonjour' } });
    expect(release.info.status).toBe('deployed');
    expect(release.chart.metadata).toMatchObject({ name: 'tiny', version: '0.1.0' });
    expect(release.manifest).toContain('name: codec-config');
    expect(release.info.notes).toContain('greeting bonjour');

    // re-encode it under a new description: helm itself must read it back
    const edited = { ...release, info: { ...release.info, description: 'written by argus' } };
    const put = await sim.kubectl.run(['replace', '-f', '-'], {
      input: JSON.stringify({ ...secret, data: { release: encodeReleaseSecretData(edited) } }),
    });
    expect(put.code, put.stderr).toBe(0);
    const history = await helm(['history', 'codec', '-n', 'default', '-o', 'json']);
    expect(JSON.parse(history.stdout)[0]).toMatchObject({
      revision: 1,
      status: 'deployed',
      description: 'written by argus',
    });
  });
});
