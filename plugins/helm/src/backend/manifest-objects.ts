/** The Kubernetes objects of a rendered release manifest, and where each lives in the API. */
import { AppError } from '@argus/contracts';
import type { ClusterClient } from '@argus/plugin-sdk';
import { parseAllDocuments } from 'yaml';
import { kubeRequest } from './kube-request.js';

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** Parses helm's multi-document manifest (documents may be empty or comments only). */
export function parseManifest(manifest: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length > 0) throw new AppError('HELM_RELEASE_UNREADABLE', `manifest: ${doc.errors[0]?.message}`);
    const obj = doc.toJS() as ManifestObject | null;
    if (!obj || typeof obj !== 'object') continue;
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name)
      throw new AppError('HELM_RELEASE_UNREADABLE', 'manifest holds an object without apiVersion, kind or name');
    out.push(obj);
  }
  return out;
}

export const objectKey = (o: ManifestObject, namespace: string) =>
  `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? namespace}/${o.metadata.name}`;

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

export interface ObjectLocator {
  /** The object's API path (without name when `withName` is false), in `namespace` unless it names its own. */
  path(obj: ManifestObject, namespace: string, withName?: boolean): Promise<string>;
}

/** Maps apiVersion+kind to the resource's path through API discovery (one call per group version). */
export function createObjectLocator(client: ClusterClient): ObjectLocator {
  const lists = new Map<string, Promise<ApiResource[]>>();
  function resources(apiVersion: string): Promise<ApiResource[]> {
    let list = lists.get(apiVersion);
    if (!list) {
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      list = kubeRequest(client, { path: base }, `discovering ${apiVersion}`).then(
        (r) => r.json<{ resources: ApiResource[] }>().resources,
      );
      lists.set(apiVersion, list);
    }
    return list;
  }
  return {
    async path(obj, namespace, withName = true) {
      const found = (await resources(obj.apiVersion)).find((r) => r.kind === obj.kind && !r.name.includes('/'));
      if (!found) throw new AppError('UNKNOWN_KIND', `the cluster has no ${obj.kind} in ${obj.apiVersion}`);
      const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
      const ns = found.namespaced ? `/namespaces/${encodeURIComponent(obj.metadata.namespace ?? namespace)}` : '';
      const name = withName ? `/${encodeURIComponent(obj.metadata.name)}` : '';
      return `${base}${ns}/${found.name}${name}`;
    },
  };
}
