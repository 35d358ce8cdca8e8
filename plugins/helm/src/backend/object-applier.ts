/**
 * Moves a release's objects from one rendered manifest to another, as helm's kube client does on
 * upgrade and rollback: create what is missing, patch what exists (three-way), delete what the old
 * manifest had and the new one does not. Also deletes a manifest's objects on uninstall.
 */
import type { ClusterClient, PluginLogger } from '@argus/plugin-sdk';
import { kubeRequest } from './kube-request.js';
import { createObjectLocator, type ManifestObject, objectKey, parseManifest } from './manifest-objects.js';
import { threeWayMergePatch } from './three-way-patch.js';

export interface ApplyResult {
  created: string[];
  updated: string[];
  deleted: string[];
}

export interface ObjectApplier {
  /** Brings the cluster from `fromManifest` (the deployed revision) to `toManifest`. */
  transition(namespace: string, fromManifest: string, toManifest: string): Promise<ApplyResult>;
  /** Deletes every object of the manifest (in reverse order), ignoring those already gone. */
  deleteAll(namespace: string, manifest: string): Promise<string[]>;
}

const describe = (o: ManifestObject) => `${o.kind}/${o.metadata.name}`;

export function createObjectApplier(client: ClusterClient, log: PluginLogger): ObjectApplier {
  const locator = createObjectLocator(client);

  async function remove(obj: ManifestObject, namespace: string): Promise<boolean> {
    const annotations = (obj.metadata.annotations ?? {}) as Record<string, string>;
    if (annotations['helm.sh/resource-policy'] === 'keep') return false; // helm leaves these in place
    const path = await locator.path(obj, namespace);
    const reply = await kubeRequest(
      client,
      { method: 'DELETE', path: `${path}?propagationPolicy=Background` },
      `deleting ${describe(obj)}`,
      [404],
    );
    return reply.status !== 404;
  }

  async function apply(obj: ManifestObject, before: ManifestObject | undefined, namespace: string) {
    const path = await locator.path(obj, namespace);
    const live = await kubeRequest(client, { path }, `reading ${describe(obj)}`, [404]);
    if (live.status === 404) {
      const body = { ...obj, metadata: { ...obj.metadata, namespace: obj.metadata.namespace ?? namespace } };
      await kubeRequest(
        client,
        { method: 'POST', path: await locator.path(obj, namespace, false), body },
        `creating ${describe(obj)}`,
      );
      return 'created' as const;
    }
    const patch = threeWayMergePatch(
      (before ?? {}) as Record<string, unknown>,
      obj as Record<string, unknown>,
      live.json<Record<string, unknown>>(),
    );
    if (Object.keys(patch).length === 0) return 'unchanged' as const;
    await kubeRequest(
      client,
      { method: 'PATCH', path, headers: { 'content-type': 'application/merge-patch+json' }, body: patch },
      `updating ${describe(obj)}`,
    );
    return 'updated' as const;
  }

  return {
    async transition(namespace, fromManifest, toManifest) {
      const before = new Map(parseManifest(fromManifest).map((o) => [objectKey(o, namespace), o]));
      const after = parseManifest(toManifest);
      const result: ApplyResult = { created: [], updated: [], deleted: [] };
      for (const obj of after) {
        const outcome = await apply(obj, before.get(objectKey(obj, namespace)), namespace);
        if (outcome !== 'unchanged') result[outcome].push(describe(obj));
      }
      const kept = new Set(after.map((o) => objectKey(o, namespace)));
      for (const [key, obj] of [...before].reverse()) {
        if (!kept.has(key) && (await remove(obj, namespace))) result.deleted.push(describe(obj));
      }
      log.info({ namespace, ...counts(result) }, 'helm release objects applied');
      return result;
    },
    async deleteAll(namespace, manifest) {
      const deleted: string[] = [];
      for (const obj of parseManifest(manifest).reverse()) {
        if (await remove(obj, namespace)) deleted.push(describe(obj));
      }
      return deleted;
    },
  };
}

const counts = (r: ApplyResult) => ({
  created: r.created.length,
  updated: r.updated.length,
  deleted: r.deleted.length,
});
