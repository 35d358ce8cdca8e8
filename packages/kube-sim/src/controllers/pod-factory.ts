/** Creating pods from a workload's template, as the workload controllers do. */
import type { KubeObject, OwnerReference } from '../store/types.js';
import { type Json, PODS } from './refs.js';
import type { ControllerContext } from './runtime.js';

export interface NewPod {
  name: string;
  namespace: string;
  template: Json;
  owner: OwnerReference;
  extraLabels?: Record<string, string>;
  extraSpec?: Json;
}

/** Creates a pod from a template; returns it, or undefined when the name is taken. */
export function createPodFromTemplate(ctx: ControllerContext, p: NewPod): KubeObject | undefined {
  const template = structuredClone(p.template);
  const meta = (template.metadata as Json | undefined) ?? {};
  const spec = (template.spec as Json | undefined) ?? {};
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      labels: { ...((meta.labels as Record<string, string>) ?? {}), ...(p.extraLabels ?? {}) },
      ownerReferences: [p.owner],
    },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      securityContext: {},
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      ...spec,
      ...(p.extraSpec ?? {}),
    },
  };
  const annotations = meta.annotations as Record<string, string> | undefined;
  if (annotations && Object.keys(annotations).length > 0) pod.metadata.annotations = { ...annotations };
  try {
    return ctx.store.create(PODS, pod);
  } catch {
    return undefined;
  }
}
