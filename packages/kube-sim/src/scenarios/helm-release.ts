/**
 * Helm 3 release storage, as helm's `pkg/storage/driver` does it: the release JSON is gzipped
 * (best compression) and base64-encoded; that string is the Secret's `data.release` value, which
 * the Kubernetes API then base64-encodes once more on the wire (so JSON clients see double base64).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeObject } from './types.js';

export type HelmStatus =
  | 'unknown'
  | 'deployed'
  | 'uninstalled'
  | 'superseded'
  | 'failed'
  | 'uninstalling'
  | 'pending-install'
  | 'pending-upgrade'
  | 'pending-rollback';

export interface HelmChartMetadata {
  name: string;
  version: string;
  appVersion?: string;
  apiVersion: string;
  description?: string;
  type?: string;
  home?: string;
  keywords?: string[];
  [field: string]: unknown;
}

export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  info: {
    first_deployed: string;
    last_deployed: string;
    /** Helm marshals a zero time as "". */
    deleted: string;
    description: string;
    status: HelmStatus;
    notes?: string;
  };
  chart: {
    metadata: HelmChartMetadata;
    lock: unknown;
    /** `data` is base64 (Go []byte in JSON). */
    templates: { name: string; data: string }[];
    values: Record<string, unknown>;
    schema: string | null;
    files: { name: string; data: string }[] | null;
  };
  config: Record<string, unknown>;
  manifest: string;
  hooks?: unknown[];
  labels?: Record<string, string>;
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/** base64(gzip(JSON(release))): the string Helm stores as the Secret's `data.release`. */
export function encodeHelmRelease(release: HelmRelease): string {
  return gzipSync(Buffer.from(JSON.stringify(release), 'utf8'), { level: 9 }).toString('base64');
}

function isGzip(b: Buffer): boolean {
  return b.length > 3 && GZIP_MAGIC.every((v, i) => b[i] === v);
}

/**
 * Decodes a stored release. Accepts Helm's string (base64 of gzip, or of plain JSON for old releases)
 * or the Secret's `data.release` exactly as a JSON API client receives it (one more base64 layer).
 */
export function decodeHelmRelease(data: string): HelmRelease {
  let bytes = Buffer.from(data, 'base64');
  if (!isGzip(bytes) && bytes[0] !== 0x7b /* { */) {
    const inner = Buffer.from(bytes.toString('latin1'), 'base64');
    if (isGzip(inner) || inner[0] === 0x7b) bytes = inner;
  }
  const json = isGzip(bytes) ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString('utf8')) as HelmRelease;
}

export function helmSecretName(release: string, revision: number): string {
  return `sh.helm.release.v1.${release}.v${revision}`;
}

/** The storage Secret for one revision (data already in wire form: base64 of Helm's string). */
export function helmReleaseSecret(release: HelmRelease, modifiedAtUnix: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: helmSecretName(release.name, release.version),
      namespace: release.namespace,
      labels: {
        modifiedAt: String(modifiedAtUnix),
        name: release.name,
        owner: 'helm',
        status: release.info.status,
        version: String(release.version),
      },
      annotations: {},
    },
    type: 'helm.sh/release.v1',
    data: { release: Buffer.from(encodeHelmRelease(release), 'utf8').toString('base64') },
  };
}
