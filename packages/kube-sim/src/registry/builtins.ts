/** The built-in kinds the sim serves, as an API server 1.32 describes them in discovery. */
import { BUILTIN_PRINTERS } from './printers.js';
import type { ResourceDef, Verb } from './types.js';

const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface Spec {
  g: string;
  v: string;
  r: string;
  k: string;
  ns: boolean;
  short?: string[];
  all?: boolean;
  sub?: string[];
  verbs?: Verb[];
  fields?: string[];
  schemaPkg: string;
  computed?: boolean;
}

const SPECS: Spec[] = [
  { g: '', v: 'v1', r: 'bindings', k: 'Binding', ns: true, verbs: ['create'], schemaPkg: 'io.k8s.api.core.v1' },
  { g: '', v: 'v1', r: 'configmaps', k: 'ConfigMap', ns: true, short: ['cm'], schemaPkg: 'io.k8s.api.core.v1' },
  { g: '', v: 'v1', r: 'endpoints', k: 'Endpoints', ns: true, short: ['ep'], schemaPkg: 'io.k8s.api.core.v1' },
  { g: '', v: 'v1', r: 'events', k: 'Event', ns: true, short: ['ev'], schemaPkg: 'io.k8s.api.core.v1', fields: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'] },
  { g: '', v: 'v1', r: 'namespaces', k: 'Namespace', ns: false, short: ['ns'], sub: ['status', 'finalize'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], schemaPkg: 'io.k8s.api.core.v1', fields: ['status.phase'] },
  { g: '', v: 'v1', r: 'nodes', k: 'Node', ns: false, short: ['no'], sub: ['status', 'proxy'], schemaPkg: 'io.k8s.api.core.v1', fields: ['spec.unschedulable'] },
  { g: '', v: 'v1', r: 'persistentvolumeclaims', k: 'PersistentVolumeClaim', ns: true, short: ['pvc'], sub: ['status'], schemaPkg: 'io.k8s.api.core.v1', fields: ['status.phase'] },
  { g: '', v: 'v1', r: 'persistentvolumes', k: 'PersistentVolume', ns: false, short: ['pv'], sub: ['status'], schemaPkg: 'io.k8s.api.core.v1', fields: ['status.phase'] },
  { g: '', v: 'v1', r: 'pods', k: 'Pod', ns: true, short: ['po'], all: true, sub: ['attach', 'binding', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status'], schemaPkg: 'io.k8s.api.core.v1', fields: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'] },
  { g: '', v: 'v1', r: 'secrets', k: 'Secret', ns: true, schemaPkg: 'io.k8s.api.core.v1', fields: ['type'] },
  { g: '', v: 'v1', r: 'serviceaccounts', k: 'ServiceAccount', ns: true, short: ['sa'], sub: ['token'], schemaPkg: 'io.k8s.api.core.v1' },
  { g: '', v: 'v1', r: 'services', k: 'Service', ns: true, short: ['svc'], all: true, sub: ['proxy', 'status'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], schemaPkg: 'io.k8s.api.core.v1' },
  { g: 'apiextensions.k8s.io', v: 'v1', r: 'customresourcedefinitions', k: 'CustomResourceDefinition', ns: false, short: ['crd', 'crds'], sub: ['status'], schemaPkg: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1' },
  { g: 'apps', v: 'v1', r: 'daemonsets', k: 'DaemonSet', ns: true, short: ['ds'], all: true, sub: ['status'], schemaPkg: 'io.k8s.api.apps.v1' },
  { g: 'apps', v: 'v1', r: 'deployments', k: 'Deployment', ns: true, short: ['deploy'], all: true, sub: ['scale', 'status'], schemaPkg: 'io.k8s.api.apps.v1' },
  { g: 'apps', v: 'v1', r: 'replicasets', k: 'ReplicaSet', ns: true, short: ['rs'], all: true, sub: ['scale', 'status'], schemaPkg: 'io.k8s.api.apps.v1' },
  { g: 'apps', v: 'v1', r: 'statefulsets', k: 'StatefulSet', ns: true, short: ['sts'], all: true, sub: ['scale', 'status'], schemaPkg: 'io.k8s.api.apps.v1' },
  { g: 'authorization.k8s.io', v: 'v1', r: 'selfsubjectaccessreviews', k: 'SelfSubjectAccessReview', ns: false, verbs: ['create'], schemaPkg: 'io.k8s.api.authorization.v1' },
  { g: 'autoscaling', v: 'v2', r: 'horizontalpodautoscalers', k: 'HorizontalPodAutoscaler', ns: true, short: ['hpa'], all: true, sub: ['status'], schemaPkg: 'io.k8s.api.autoscaling.v2' },
  { g: 'batch', v: 'v1', r: 'cronjobs', k: 'CronJob', ns: true, short: ['cj'], all: true, sub: ['status'], schemaPkg: 'io.k8s.api.batch.v1' },
  { g: 'batch', v: 'v1', r: 'jobs', k: 'Job', ns: true, all: true, sub: ['status'], schemaPkg: 'io.k8s.api.batch.v1', fields: ['status.successful'] },
  { g: 'networking.k8s.io', v: 'v1', r: 'ingresses', k: 'Ingress', ns: true, short: ['ing'], sub: ['status'], schemaPkg: 'io.k8s.api.networking.v1' },
  { g: 'networking.k8s.io', v: 'v1', r: 'networkpolicies', k: 'NetworkPolicy', ns: true, short: ['netpol'], schemaPkg: 'io.k8s.api.networking.v1' },
  { g: 'rbac.authorization.k8s.io', v: 'v1', r: 'clusterrolebindings', k: 'ClusterRoleBinding', ns: false, schemaPkg: 'io.k8s.api.rbac.v1' },
  { g: 'rbac.authorization.k8s.io', v: 'v1', r: 'clusterroles', k: 'ClusterRole', ns: false, schemaPkg: 'io.k8s.api.rbac.v1' },
  { g: 'rbac.authorization.k8s.io', v: 'v1', r: 'rolebindings', k: 'RoleBinding', ns: true, schemaPkg: 'io.k8s.api.rbac.v1' },
  { g: 'rbac.authorization.k8s.io', v: 'v1', r: 'roles', k: 'Role', ns: true, schemaPkg: 'io.k8s.api.rbac.v1' },
  { g: 'storage.k8s.io', v: 'v1', r: 'storageclasses', k: 'StorageClass', ns: false, short: ['sc'], schemaPkg: 'io.k8s.api.storage.v1' },
  { g: 'metrics.k8s.io', v: 'v1beta1', r: 'nodes', k: 'NodeMetrics', ns: false, verbs: ['get', 'list'], computed: true, schemaPkg: 'io.k8s.metrics.pkg.apis.metrics.v1beta1' },
  { g: 'metrics.k8s.io', v: 'v1beta1', r: 'pods', k: 'PodMetrics', ns: true, verbs: ['get', 'list'], computed: true, schemaPkg: 'io.k8s.metrics.pkg.apis.metrics.v1beta1' },
];

/** Discovery order of groups (as a 1.32 API server lists them). */
export const GROUP_ORDER = ['', 'apps', 'authorization.k8s.io', 'autoscaling', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'apiextensions.k8s.io', 'metrics.k8s.io'];

export function builtinResources(): ResourceDef[] {
  return SPECS.map((sp) => {
    const sub = sp.sub ?? [];
    const def: ResourceDef = {
      group: sp.g,
      version: sp.v,
      resource: sp.r,
      kind: sp.k,
      namespaced: sp.ns,
      singularName: sp.k.toLowerCase(),
      listKind: `${sp.k}List`,
      shortNames: sp.short ?? [],
      categories: sp.all ? ['all'] : [],
      verbs: sp.verbs ?? ALL_VERBS,
      subresources: sub,
      hasStatus: sub.includes('status'),
      fieldLabels: sp.fields ?? [],
      schemaName: `${sp.schemaPkg}.${sp.k}`,
    };
    if (sp.computed) def.computed = true;
    const printer = BUILTIN_PRINTERS[sp.r];
    if (printer && !sp.computed) def.printer = printer;
    return def;
  });
}
