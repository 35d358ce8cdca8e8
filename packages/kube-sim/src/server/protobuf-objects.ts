/**
 * Protobuf decoding of the few object kinds kubectl creates through typed clients
 * (`kubectl create configmap|secret|namespace|serviceaccount|role|rolebinding|…`, Helm's
 * release Secrets, DeleteOptions). Other kinds get a 415.
 */
import { StoreError } from '../store/errors.js';
import { decodeEnvelope, readFields } from './protobuf.js';

type FieldType = 'string' | 'bytes' | 'int' | 'bool' | 'time' | 'map' | 'bytesmap' | { msg: string };
type Descriptor = Record<number, [name: string, type: FieldType, repeated?: boolean]>;

const MESSAGES: Record<string, Descriptor> = {
  ObjectMeta: { 1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'], 5: ['uid', 'string'], 6: ['resourceVersion', 'string'], 7: ['generation', 'int'], 8: ['creationTimestamp', 'time'], 11: ['labels', 'map'], 12: ['annotations', 'map'], 13: ['ownerReferences', { msg: 'OwnerReference' }, true], 14: ['finalizers', 'string', true] },
  OwnerReference: { 1: ['kind', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'], 6: ['controller', 'bool'], 7: ['blockOwnerDeletion', 'bool'] },
  ConfigMap: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['data', 'map'], 3: ['binaryData', 'bytesmap'], 4: ['immutable', 'bool'] },
  Secret: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['data', 'bytesmap'], 3: ['type', 'string'], 4: ['stringData', 'map'], 5: ['immutable', 'bool'] },
  Namespace: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['spec', { msg: 'NamespaceSpec' }] },
  NamespaceSpec: { 1: ['finalizers', 'string', true] },
  ServiceAccount: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['secrets', { msg: 'ObjectReference' }, true], 3: ['imagePullSecrets', { msg: 'LocalObjectReference' }, true], 4: ['automountServiceAccountToken', 'bool'] },
  ObjectReference: { 1: ['kind', 'string'], 2: ['namespace', 'string'], 3: ['name', 'string'] },
  LocalObjectReference: { 1: ['name', 'string'] },
  DeleteOptions: { 1: ['gracePeriodSeconds', 'int'], 2: ['preconditions', { msg: 'Preconditions' }], 3: ['orphanDependents', 'bool'], 4: ['propagationPolicy', 'string'], 5: ['dryRun', 'string', true] },
  Preconditions: { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] },
  Role: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['rules', { msg: 'PolicyRule' }, true] },
  ClusterRole: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['rules', { msg: 'PolicyRule' }, true] },
  PolicyRule: { 1: ['verbs', 'string', true], 2: ['apiGroups', 'string', true], 3: ['resources', 'string', true], 4: ['resourceNames', 'string', true], 5: ['nonResourceURLs', 'string', true] },
  RoleBinding: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['subjects', { msg: 'Subject' }, true], 3: ['roleRef', { msg: 'RoleRef' }] },
  ClusterRoleBinding: { 1: ['metadata', { msg: 'ObjectMeta' }], 2: ['subjects', { msg: 'Subject' }, true], 3: ['roleRef', { msg: 'RoleRef' }] },
  Subject: { 1: ['kind', 'string'], 2: ['apiGroup', 'string'], 3: ['name', 'string'], 4: ['namespace', 'string'] },
  RoleRef: { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] },
};

const TOP_LEVEL = new Set(['ConfigMap', 'Secret', 'Namespace', 'ServiceAccount', 'DeleteOptions', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

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
    throw new StoreError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - kube-sim decodes protobuf only for ${[...TOP_LEVEL].join(', ')} (got ${env.kind}); use application/json`);
  }
  return { apiVersion: env.apiVersion, kind: env.kind, ...decodeMessage(env.raw, env.kind) };
}
