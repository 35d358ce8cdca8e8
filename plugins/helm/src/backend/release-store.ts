/**
 * Reads and writes Helm's release records (one Secret per revision) through a cluster client, as
 * helm's Secrets storage driver does: labels owner=helm, name, status, version; data.release encoded.
 */
import { AppError } from '@argus/contracts';
import type { ClusterClient } from '@argus/plugin-sdk';
import { kubeRequest } from './kube-request.js';
import {
  decodeRelease,
  encodeReleaseSecretData,
  type HelmRelease,
  RELEASE_SECRET_TYPE,
  releaseSecret,
  releaseSecretName,
} from './release-codec.js';

interface SecretObject {
  metadata: { name: string; namespace: string; labels?: Record<string, string>; resourceVersion?: string };
  type?: string;
  data?: Record<string, string>;
}

export interface ReleaseStore {
  /** The latest revision of every release, in one namespace or (namespace undefined) in all. */
  listLatest(namespace?: string): Promise<HelmRelease[]>;
  /** Every stored revision of a release, oldest first; HELM_RELEASE_NOT_FOUND when there is none. */
  history(namespace: string, name: string): Promise<HelmRelease[]>;
  /** One revision, or the latest when `revision` is undefined. */
  get(namespace: string, name: string, revision?: number): Promise<HelmRelease>;
  create(release: HelmRelease): Promise<void>;
  /** Rewrites a stored revision (status label and data), as helm's driver Update does. */
  update(release: HelmRelease): Promise<void>;
  remove(namespace: string, name: string, revision: number): Promise<void>;
}

const selector = (extra = '') => `labelSelector=${encodeURIComponent(`owner=helm${extra}`)}`;

function secretsPath(namespace?: string): string {
  return namespace === undefined ? '/api/v1/secrets' : `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`;
}

function decodeSecret(secret: SecretObject): HelmRelease {
  const data = secret.data?.release;
  if (!data) throw new AppError('HELM_RELEASE_UNREADABLE', `secret ${secret.metadata.name} has no release data`);
  try {
    return decodeRelease(data);
  } catch (err) {
    throw new AppError('HELM_RELEASE_UNREADABLE', `secret ${secret.metadata.name} does not hold a readable release`, {
      cause: err,
    });
  }
}

const revisionOf = (s: SecretObject) => Number(s.metadata.labels?.version ?? 0);

export function createReleaseStore(client: ClusterClient, now: () => Date = () => new Date()): ReleaseStore {
  async function listSecrets(namespace: string | undefined, extra = ''): Promise<SecretObject[]> {
    const reply = await kubeRequest(
      client,
      { path: `${secretsPath(namespace)}?${selector(extra)}` },
      'listing Helm release secrets',
    );
    return reply.json<{ items: SecretObject[] }>().items.filter((s) => s.type === RELEASE_SECRET_TYPE);
  }

  const store: ReleaseStore = {
    async listLatest(namespace) {
      const latest = new Map<string, SecretObject>();
      for (const s of await listSecrets(namespace)) {
        const key = `${s.metadata.namespace}/${s.metadata.labels?.name ?? ''}`;
        const seen = latest.get(key);
        if (!seen || revisionOf(s) > revisionOf(seen)) latest.set(key, s);
      }
      return [...latest.values()]
        .map(decodeSecret)
        .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    },
    async history(namespace, name) {
      const secrets = await listSecrets(namespace, `,name=${name}`);
      if (secrets.length === 0) throw new AppError('HELM_RELEASE_NOT_FOUND', `release ${namespace}/${name} not found`);
      return secrets.map(decodeSecret).sort((a, b) => a.version - b.version);
    },
    async get(namespace, name, revision) {
      if (revision === undefined) {
        const all = await store.history(namespace, name);
        return all[all.length - 1] as HelmRelease;
      }
      const reply = await kubeRequest(
        client,
        { path: `${secretsPath(namespace)}/${encodeURIComponent(releaseSecretName(name, revision))}` },
        'reading a Helm release secret',
        [404],
      );
      if (reply.status === 404) {
        await store.history(namespace, name); // a missing release is reported as such
        throw new AppError('HELM_REVISION_NOT_FOUND', `release ${namespace}/${name} has no revision ${revision}`);
      }
      return decodeSecret(reply.json<SecretObject>());
    },
    async create(release) {
      await kubeRequest(
        client,
        { method: 'POST', path: secretsPath(release.namespace), body: releaseSecret(release, now()) },
        'writing a Helm release secret',
      );
    },
    async update(release) {
      const path = `${secretsPath(release.namespace)}/${encodeURIComponent(releaseSecretName(release.name, release.version))}`;
      const current = (await kubeRequest(client, { path }, 'reading a Helm release secret')).json<SecretObject>();
      const labels = {
        ...current.metadata.labels,
        status: release.info.status,
        modifiedAt: String(Math.floor(now().getTime() / 1000)),
      };
      const body = {
        ...current,
        metadata: { ...current.metadata, labels },
        data: { ...current.data, release: encodeReleaseSecretData(release) },
      };
      await kubeRequest(client, { method: 'PUT', path, body }, 'updating a Helm release secret');
    },
    async remove(namespace, name, revision) {
      await kubeRequest(
        client,
        {
          method: 'DELETE',
          path: `${secretsPath(namespace)}/${encodeURIComponent(releaseSecretName(name, revision))}`,
        },
        'deleting a Helm release secret',
        [404],
      );
    },
  };
  return store;
}
