/**
 * Protobuf decoding of the few object kinds kubectl creates through typed clients
 * (`kubectl create configmap|secret|namespace|serviceaccount|role|rolebinding|…`, Helm's
 * release Secrets, DeleteOptions). Other kinds get a 415.
 */
import { StoreError } from '../store/errors.js';
import { decodeEnvelope, readFields } from './protobuf.js';

type FieldType = 'string' | 'bytes' | 'int' | 'bool' | 'time' | 'map' | 'bytesmap' | 'intorstr' | { msg: string };
type Descriptor = Record<number, [name: string, type: FieldType, repeated?: boolean]>;

const MESSAGES: Record<string, Descriptor> = {
  ObjectMeta: {
    1: ['name', 'string'],
    2: ['generateName', 'string'],
    3: ['namespace', 'string'],
    5: ['uid', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['generation', 'int'],
    8: ['creationTimestamp', 'time'],
    11: ['labels', 'map'],
    12: ['annotations', 'map'],
    13: ['ownerReferences', { msg: 'OwnerReference' }, true],
    14: ['finalizers', 'string', true],
  },
  OwnerReference: {
    1: ['kind', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
    6: ['controller', 'bool'],
    7: ['blockOwnerDeletion', 'bool'],
  },
  ConfigMap: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['data', 'map'],
    3: ['binaryData', 'bytesmap'],
    4: ['immutable', 'bool'],
  },
  Secret: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['data', 'bytesmap'],
    3: ['type', 'string'],
    4: ['stringData', 'map'],
    5: ['immutable', 'bool'],
  },
  Namespace: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'NamespaceSpec' }] },
  NamespaceSpec: { 1: ['finalizers', 'string', true] },
  ServiceAccount: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['secrets', { msg: 'ObjectReference' }, true],
    3: ['imagePullSecrets', { msg: 'LocalObjectReference' }, true],
    4: ['automountServiceAccountToken', 'bool'],
  },
  ObjectReference: { 1: ['kind', 'string'], 2: ['namespace', 'string'], 3: ['name', 'string'] },
  LocalObjectReference: { 1: ['name', 'string'] },
  DeleteOptions: {
    1: ['gracePeriodSeconds', 'int'],
    2: ['preconditions', { msg: 'Preconditions' }],
    3: ['orphanDependents', 'bool'],
    4: ['propagationPolicy', 'string'],
    5: ['dryRun', 'string', true],
  },
  Preconditions: { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] },
  Role: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['rules', { msg: 'PolicyRule' }, true] },
  ClusterRole: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['rules', { msg: 'PolicyRule' }, true] },
  PolicyRule: {
    1: ['verbs', 'string', true],
    2: ['apiGroups', 'string', true],
    3: ['resources', 'string', true],
    4: ['resourceNames', 'string', true],
    5: ['nonResourceURLs', 'string', true],
  },
  RoleBinding: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['subjects', { msg: 'Subject' }, true],
    3: ['roleRef', { msg: 'RoleRef' }],
  },
  ClusterRoleBinding: {
    1: ['metadata', { msg: 'ObjectMeta' }],
    2: ['subjects', { msg: 'Subject' }, true],
    3: ['roleRef', { msg: 'RoleRef' }],
  },
  Subject: { 1: ['kind', 'string'], 2: ['apiGroup', 'string'], 3: ['name', 'string'], 4: ['namespace', 'string'] },
  RoleRef: { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] },
  Deployment: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'DeploymentSpec' }] },
  DeploymentSpec: {
    1: ['replicas', 'int'],
    2: ['selector', { msg: 'LabelSelector' }],
    3: ['template', { msg: 'PodTemplateSpec' }],
    4: ['strategy', { msg: 'Empty' }],
    5: ['minReadySeconds', 'int'],
    6: ['revisionHistoryLimit', 'int'],
    7: ['paused', 'bool'],
    9: ['progressDeadlineSeconds', 'int'],
  },
  LabelSelector: { 1: ['matchLabels', 'map'] },
  PodTemplateSpec: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'PodSpec' }] },
  PodSpec: {
    2: ['containers', { msg: 'Container' }, true],
    20: ['initContainers', { msg: 'Container' }, true],
    3: ['restartPolicy', 'string'],
    4: ['terminationGracePeriodSeconds', 'int'],
    5: ['activeDeadlineSeconds', 'int'],
    6: ['dnsPolicy', 'string'],
    7: ['nodeSelector', 'map'],
    8: ['serviceAccountName', 'string'],
    10: ['nodeName', 'string'],
    11: ['hostNetwork', 'bool'],
    19: ['schedulerName', 'string'],
  },
  Container: {
    1: ['name', 'string'],
    2: ['image', 'string'],
    3: ['command', 'string', true],
    4: ['args', 'string', true],
    5: ['workingDir', 'string'],
    6: ['ports', { msg: 'ContainerPort' }, true],
    7: ['env', { msg: 'EnvVar' }, true],
    8: ['resources', { msg: 'Empty' }],
    13: ['terminationMessagePath', 'string'],
    14: ['imagePullPolicy', 'string'],
    16: ['stdin', 'bool'],
    17: ['stdinOnce', 'bool'],
    18: ['tty', 'bool'],
    20: ['terminationMessagePolicy', 'string'],
  },
  ContainerPort: {
    1: ['name', 'string'],
    2: ['hostPort', 'int'],
    3: ['containerPort', 'int'],
    4: ['protocol', 'string'],
  },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  Empty: {},
  Service: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'ServiceSpec' }] },
  ServiceSpec: {
    1: ['ports', { msg: 'ServicePort' }, true],
    2: ['selector', 'map'],
    3: ['clusterIP', 'string'],
    4: ['type', 'string'],
    5: ['externalIPs', 'string', true],
    7: ['sessionAffinity', 'string'],
    10: ['externalName', 'string'],
  },
  ServicePort: {
    1: ['name', 'string'],
    2: ['protocol', 'string'],
    3: ['port', 'int'],
    4: ['targetPort', 'intorstr'],
    5: ['nodePort', 'int'],
  },
  Job: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'JobSpec' }] },
  JobSpec: {
    1: ['parallelism', 'int'],
    2: ['completions', 'int'],
    3: ['activeDeadlineSeconds', 'int'],
    4: ['selector', { msg: 'LabelSelector' }],
    6: ['template', { msg: 'PodTemplateSpec' }],
    7: ['backoffLimit', 'int'],
    8: ['ttlSecondsAfterFinished', 'int'],
    10: ['suspend', 'bool'],
  },
  CronJob: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'CronJobSpec' }] },
  CronJobSpec: {
    1: ['schedule', 'string'],
    3: ['concurrencyPolicy', 'string'],
    4: ['suspend', 'bool'],
    5: ['jobTemplate', { msg: 'JobTemplateSpec' }],
    6: ['successfulJobsHistoryLimit', 'int'],
    7: ['failedJobsHistoryLimit', 'int'],
    8: ['timeZone', 'string'],
  },
  JobTemplateSpec: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'JobSpec' }] },
};

const TOP_LEVEL = new Set([
  'ConfigMap',
  'Secret',
  'Namespace',
  'ServiceAccount',
  'DeleteOptions',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'Deployment',
  'Service',
  'Job',
  'CronJob',
]);

function decodeMessage(buf: Buffer, name: string): Record<string, unknown> {
  const desc = MESSAGES[name] ?? {};
  const out: Record<string, unknown> = {};
  for (const [num, values] of readFields(buf)) {
    const d = desc[num];
    if (!d) continue;
    const [field, type, repeated] = d;
    const decoded = values.map((v) => decodeValue(v, type));
    if (type === 'map' || type === 'bytesmap') out[field] = Object.assign({}, ...(decoded as object[]));
    else out[field] = repeated ? decoded : decoded[decoded.length - 1];
  }
  return out;
}

function decodeValue(v: Buffer | number, type: FieldType): unknown {
  if (typeof v === 'number') return type === 'bool' ? v !== 0 : v;
  switch (type) {
    case 'string':
      return v.toString('utf8');
    case 'bytes':
      return v.toString('base64');
    case 'intorstr': {
      const f = readFields(v);
      return Number(f.get(1)?.[0] ?? 0) === 1
        ? (decodeValue(f.get(3)?.[0] ?? Buffer.alloc(0), 'string') as string)
        : Number(f.get(2)?.[0] ?? 0);
    }
    case 'time': {
      const f = readFields(v);
      const secs = Number(f.get(1)?.[0] ?? 0);
      return `${new Date(secs * 1000).toISOString().slice(0, 19)}Z`;
    }
    case 'map':
    case 'bytesmap': {
      const f = readFields(v);
      const k = f.get(1)?.[0];
      const val = f.get(2)?.[0];
      const key = Buffer.isBuffer(k) ? k.toString('utf8') : '';
      const value = Buffer.isBuffer(val) ? (type === 'map' ? val.toString('utf8') : val.toString('base64')) : '';
      return { [key]: value };
    }
    default:
      if (typeof type === 'object') return decodeMessage(v, type.msg);
      return undefined;
  }
}

/** Decodes a protobuf-encoded object body, or throws 415 for kinds it does not know. */
export function decodeProtobufObject(buf: Buffer): Record<string, unknown> {
  const env = decodeEnvelope(buf);
  if (!TOP_LEVEL.has(env.kind)) {
    throw new StoreError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - kube-sim decodes protobuf only for ${[...TOP_LEVEL].join(', ')} (got ${env.kind}); use application/json`,
    );
  }
  return { apiVersion: env.apiVersion, kind: env.kind, ...decodeMessage(env.raw, env.kind) };
}
