/**
 * Install and upgrade through the real helm binary, against the cluster through Argus's kubectl
 * gateway as the calling user (so Argus RBAC and the audit log apply to what helm does). helm always gets
 * a local archive: uploaded, or fetched by chart-repository.ts through the server's SSRF guard — never
 * `--repo`, which would let helm fetch any URL a user names (and echo what it got in its errors).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@argus/contracts';
import type { ClusterAccess, PluginPrincipal } from '@argus/plugin-sdk';
import { parse } from 'yaml';
import type { ChartRepository } from './chart-repository.js';
import type { HelmRunner } from './helm-runner.js';
import type { HelmRelease } from './release-codec.js';
import { type InstallBody, MAX_CHART_BYTES, type UpgradeBody } from './schemas.js';

export interface ChartInstaller {
  install(principal: PluginPrincipal, clusterId: string, body: InstallBody, signal?: AbortSignal): Promise<HelmRelease>;
  upgrade(
    principal: PluginPrincipal,
    clusterId: string,
    namespace: string,
    name: string,
    body: UpgradeBody,
    signal?: AbortSignal,
  ): Promise<HelmRelease>;
}

type Source = Pick<InstallBody, 'chart_archive' | 'repo_url' | 'chart' | 'version' | 'values'>;

function checkValues(text: string | undefined): void {
  if (text === undefined || text.trim() === '') return;
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (err) {
    throw new AppError('INVALID_YAML', `values: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed)))
    throw new AppError('INVALID_YAML', 'values must be a YAML map');
}

function archiveBytes(base64: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_CHART_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'chart archive larger than 4 MiB');
  if (bytes.length < 3 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new AppError('BAD_REQUEST', 'chart_archive is not a gzipped chart (.tgz)');
  return bytes;
}

/** The chart archive: the uploaded one, or the repository's (fetched through the SSRF guard). */
async function chartArchive(source: Source, repository: ChartRepository, signal?: AbortSignal): Promise<Buffer> {
  if (source.chart_archive !== undefined) return archiveBytes(source.chart_archive);
  const fetched = await repository.fetchChart(
    source.repo_url as string,
    source.chart as string,
    source.version,
    signal,
  );
  return fetched.archive;
}

interface HelmCall {
  verb: 'install' | 'upgrade';
  namespace: string;
  name: string;
  source: Source;
  flags: string[];
  signal: AbortSignal | undefined;
}

export function createChartInstaller(deps: {
  clusters: ClusterAccess;
  helm: HelmRunner;
  repository: ChartRepository;
}): ChartInstaller {
  /** `helm <verb> NAME ./chart.tgz … --output json` through the gateway as `principal`; helm's JSON is the new release. */
  async function run(principal: PluginPrincipal, clusterId: string, call: HelmCall): Promise<HelmRelease> {
    checkValues(call.source.values);
    const archive = await chartArchive(call.source, deps.repository, call.signal);
    const files = async (dir: string) => {
      await writeFile(join(dir, 'chart.tgz'), archive);
      await writeFile(join(dir, 'values.yaml'), call.source.values ?? '');
    };
    const kubeconfig = await deps.clusters.gatewayKubeconfig(principal, clusterId);
    try {
      const args = [call.verb, call.name, './chart.tgz', '--namespace', call.namespace, ...call.flags];
      const out = await deps.helm.run(
        [...args, '--values', 'values.yaml', '--kubeconfig', kubeconfig.path, '--output', 'json'],
        files,
      );
      return JSON.parse(out) as HelmRelease;
    } finally {
      await kubeconfig.dispose();
    }
  }

  return {
    install(principal, clusterId, body, signal) {
      const flags = body.create_namespace ? ['--create-namespace'] : [];
      return run(principal, clusterId, {
        verb: 'install',
        namespace: body.namespace,
        name: body.name,
        source: body,
        flags,
        signal,
      });
    },
    upgrade(principal, clusterId, namespace, name, body, signal) {
      const flags = body.reuse_values ? ['--reuse-values'] : [];
      return run(principal, clusterId, { verb: 'upgrade', namespace, name, source: body, flags, signal });
    },
  };
}
