/**
 * Template revisions for StatefulSets and DaemonSets (controller-revision-hash). The first
 * template seen keeps the revision the object already reports (scenario objects load with one);
 * a later template change gets a new hash.
 */
import type { KubeObject } from '../store/types.js';
import { canonicalJson, templateHash } from './names.js';
import { specOf } from './refs.js';

export interface RevisionTracker {
  /** the revision name for the object's current template */
  revision(obj: KubeObject, reported: unknown): string;
}

export function createRevisionTracker(): RevisionTracker {
  const seen = new Map<string, { template: string; revision: string }>();
  return {
    revision(obj, reported) {
      const uid = obj.metadata.uid as string;
      const template = canonicalJson(specOf(obj).template ?? {});
      const known = seen.get(uid);
      if (known && known.template === template) return known.revision;
      const fallback = `${obj.metadata.name}-${templateHash(specOf(obj).template ?? {})}`;
      const revision = !known && typeof reported === 'string' && reported ? reported : fallback;
      seen.set(uid, { template, revision });
      return revision;
    },
  };
}
