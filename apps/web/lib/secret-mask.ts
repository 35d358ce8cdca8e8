import type { KubeObject } from './kube';

export const MASK = '••••••••';

/** A Secret with every `data`/`stringData` value replaced by a mask (keys stay, so the shape is visible). */
export function maskSecret(o: KubeObject): KubeObject {
  const out: KubeObject = { ...o };
  for (const field of ['data', 'stringData'] as const) {
    const values = o[field] as Record<string, unknown> | undefined;
    if (values && typeof values === 'object')
      out[field] = Object.fromEntries(Object.keys(values).map((k) => [k, MASK]));
  }
  // kubectl apply keeps the whole object, values included, in this annotation.
  const annotations = o.metadata.annotations as Record<string, string> | undefined;
  const last = 'kubectl.kubernetes.io/last-applied-configuration';
  if (annotations?.[last]) out.metadata = { ...o.metadata, annotations: { ...annotations, [last]: MASK } };
  return out;
}
