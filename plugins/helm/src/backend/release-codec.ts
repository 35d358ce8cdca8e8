/**
 * Helm 3 release storage (helm's pkg/storage/driver, Secrets backend): the release JSON is gzipped and
 * base64-encoded; that string is the Secret's `data.release` value, which the Kubernetes API encodes
 * once more as base64 (so a JSON client reads base64(base64(gzip(JSON)))).
 */
import { gunzipSync, gzipSync } from 'node:zlib';

export type ReleaseStatus =
  | 'unknown'
  | 'deployed'
  | 'uninstalled'
  | 'superseded'
  | 'failed'
  | 'uninstalling'
  | 'pending-install'
  | 'pending-upgrade'
  | 'pending-rollback';

export interface ChartMetadata {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  [field: string]: unknown;
}

export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  info: {
    first_deployed?: string;
    last_deployed?: string;
    deleted?: string;
    description?: string;
    status: ReleaseStatus;
    notes?: string;
    [field: string]: unknown;
  };
  chart: {
    metadata: ChartMetadata;
    values?: Record<string, unknown> | null;
    [field: string]: unknown;
  };
  config?: Record<string, unknown> | null;
  manifest?: string;
  hooks?: unknown[];
  [field: string]: unknown;
}

export const RELEASE_SECRET_TYPE = 'helm.sh/release.v1';
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

function isGzip(b: Buffer): boolean {
  return b.length > 3 && GZIP_MAGIC.every((v, i) => b[i] === v);
}

/** Helm's stored string: base64(gzip(JSON)). */
export function encodeRelease(release: HelmRelease): string {
  return gzipSync(Buffer.from(JSON.stringify(release), 'utf8'), { level: 9 }).toString('base64');
}

/** The value of the Secret's `data.release` as sent to the Kubernetes API (one more base64 layer). */
export function encodeReleaseSecretData(release: HelmRelease): string {
  return Buffer.from(encodeRelease(release), 'utf8').toString('base64');
}

/**
 * Decodes `data.release` as a JSON API client receives it (base64 of Helm's string) or Helm's string
 * itself; Helm also reads releases stored as plain JSON (not gzipped), so this does too.
 */
export function decodeRelease(data: string): HelmRelease {
  let bytes = Buffer.from(data, 'base64');
  if (!isGzip(bytes) && bytes[0] !== 0x7b) {
    const inner = Buffer.from(bytes.toString('latin1'), 'base64');
    if (isGzip(inner) || inner[0] === 0x7b) bytes = inner;
  }
  const json = isGzip(bytes) ? gunzipSync(bytes, { maxOutputLength: 64 * 1024 * 1024 }) : bytes;
  return JSON.parse(json.toString('utf8')) as HelmRelease;
}

export function releaseSecretName(name: string, revision: number): string {
  return `sh.helm.release.v1.${name}.v${revision}`;
}

/** The storage Secret of one revision, labelled as Helm labels it. */
export function releaseSecret(release: HelmRelease, now: Date): Record<string, unknown> {
  const unix = String(Math.floor(now.getTime() / 1000));
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: releaseSecretName(release.name, release.version),
      namespace: release.namespace,
      labels: {
        createdAt: unix,
        name: release.name,
        owner: 'helm',
        status: release.info.status,
        version: String(release.version),
      },
    },
    type: RELEASE_SECRET_TYPE,
    data: { release: encodeReleaseSecretData(release) },
  };
}
