/**
 * Editing one object's YAML as Headlamp and Lens do: the edited object is sent as an update (PUT) carrying
 * the resourceVersion the editor loaded, so fields other managers own (kubectl, controllers) change without
 * a server-side apply conflict, and a change someone made since the editor opened is refused (409) instead
 * of overwritten.
 */
import { parse, stringify } from 'yaml';
import type { KubeObject } from '@/lib/kube';

/** The draft cannot be sent (not YAML, several documents, another object): said in words. */
export class DraftError extends Error {}

const NOISE = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp'] as const;

/** The YAML a person compares: no server bookkeeping (as the server's apply diffs). */
export function readableYaml(o: KubeObject | undefined): string {
  if (!o) return '';
  const metadata: Record<string, unknown> = { ...o.metadata };
  for (const k of NOISE) delete metadata[k];
  const annotations = { ...((metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  return stringify({ ...o, metadata }, { lineWidth: 0 });
}

/**
 * The object to PUT: the draft, checked to be the same object, with the resourceVersion the editor loaded
 * (whatever the draft says) and the loaded status when the draft has none (a kind without a status
 * subresource would otherwise lose it).
 */
export function updateFromDraft(text: string, loaded: KubeObject): KubeObject {
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new DraftError(`The YAML does not parse: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new DraftError('The YAML must be one object (a mapping with apiVersion, kind and metadata).');
  const draft = value as KubeObject;
  const same = (what: string, a: unknown, b: unknown) => {
    if ((a ?? '') !== (b ?? ''))
      throw new DraftError(
        `${what} changed from "${String(b ?? '')}" to "${String(a ?? '')}": this editor saves this object only.`,
      );
  };
  same('apiVersion', draft.apiVersion, loaded.apiVersion);
  same('kind', draft.kind, loaded.kind);
  same('metadata.name', draft.metadata?.name, loaded.metadata.name);
  same('metadata.namespace', draft.metadata?.namespace, loaded.metadata.namespace);
  const out: KubeObject = {
    ...draft,
    metadata: { ...draft.metadata, resourceVersion: loaded.metadata.resourceVersion },
  };
  if (out.status === undefined && loaded.status !== undefined) out.status = loaded.status;
  return out;
}
