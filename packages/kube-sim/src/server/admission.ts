/** Defaults and validation applied on create/update, as the API server's strategies do. */

import type { ResourceDef } from '../registry/types.js';
import { invalid } from '../store/errors.js';
import type { KubeObject } from '../store/types.js';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export interface Admission {
  /** mutates `obj` in place before it is stored */
  onCreate(def: ResourceDef, obj: KubeObject): void;
  onUpdate(def: ResourceDef, obj: KubeObject, prev: KubeObject): void;
}

function defaultPodSpec(spec: Obj): void {
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const c of [
    ...((spec.containers as Obj[] | undefined) ?? []),
    ...((spec.initContainers as Obj[] | undefined) ?? []),
  ]) {
    if (!c || typeof c !== 'object') continue;
    const image = String(c.image ?? '');
    c.imagePullPolicy ??= image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
    for (const p of (c.ports as Obj[] | undefined) ?? []) if (p && typeof p === 'object') p.protocol ??= 'TCP';
  }
}

function requireField(def: ResourceDef, obj: KubeObject, ok: boolean, field: string): void {
  if (!ok)
    throw invalid(def.kind, def.group, String(obj.metadata.name ?? ''), [
      { field, reason: 'FieldValueRequired', message: 'Required value' },
    ]);
}

export function createAdmission(): Admission {
  let nextIp = 10;
  const allocateIp = (): string => {
    const n = nextIp++;
    return `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  };

  return {
    onCreate(def, obj) {
      const spec = o(obj.spec);
      switch (
        def.group === '' || def.group === 'apps' || def.group === 'batch' || def.group === 'apiextensions.k8s.io'
          ? def.kind
          : ''
      ) {
        case 'Namespace':
          obj.spec = { finalizers: ['kubernetes'], ...spec };
          obj.status = { phase: 'Active' };
          obj.metadata.labels = {
            ...(obj.metadata.labels ?? {}),
            'kubernetes.io/metadata.name': String(obj.metadata.name ?? ''),
          };
          break;
        case 'Pod':
          requireField(def, obj, Array.isArray(spec.containers) && spec.containers.length > 0, 'spec.containers');
          defaultPodSpec(spec);
          spec.serviceAccountName ??= 'default';
          obj.spec = spec;
          obj.status = { phase: 'Pending', qosClass: 'BestEffort', ...o(obj.status) };
          break;
        case 'Service': {
          spec.type ??= 'ClusterIP';
          if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) spec.clusterIP = allocateIp();
          if (spec.clusterIP && spec.clusterIP !== 'None') spec.clusterIPs ??= [spec.clusterIP];
          spec.sessionAffinity ??= 'None';
          spec.ipFamilies ??= ['IPv4'];
          spec.ipFamilyPolicy ??= 'SingleStack';
          spec.internalTrafficPolicy ??= 'Cluster';
          for (const p of (spec.ports as Obj[] | undefined) ?? []) {
            p.protocol ??= 'TCP';
            p.targetPort ??= p.port;
          }
          obj.spec = spec;
          obj.status ??= { loadBalancer: {} };
          break;
        }
        case 'Deployment':
        case 'ReplicaSet':
        case 'StatefulSet':
        case 'DaemonSet':
          requireField(def, obj, Object.keys(o(spec.selector)).length > 0, 'spec.selector');
          if (def.kind !== 'DaemonSet') spec.replicas ??= 1;
          if (def.kind === 'Deployment') {
            spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
            spec.revisionHistoryLimit ??= 10;
            spec.progressDeadlineSeconds ??= 600;
          }
          defaultPodSpec(o(o(spec.template).spec));
          obj.spec = spec;
          break;
        case 'Job':
          spec.parallelism ??= 1;
          spec.completions ??= 1;
          spec.backoffLimit ??= 6;
          defaultPodSpec(o(o(spec.template).spec));
          obj.spec = spec;
          break;
        case 'Secret':
          obj.type ??= 'Opaque';
          if (obj.stringData && typeof obj.stringData === 'object') {
            const data = { ...o(obj.data) };
            for (const [k, v] of Object.entries(o(obj.stringData))) data[k] = Buffer.from(String(v)).toString('base64');
            obj.data = data;
            delete obj.stringData;
          }
          break;
        case 'CustomResourceDefinition': {
          const names = o(spec.names);
          requireField(
            def,
            obj,
            typeof spec.group === 'string' && typeof names.plural === 'string' && typeof names.kind === 'string',
            'spec.names',
          );
          const expected = `${String(names.plural)}.${String(spec.group)}`;
          if (obj.metadata.name !== expected) {
            throw invalid(def.kind, def.group, String(obj.metadata.name ?? ''), [
              {
                field: 'metadata.name',
                message: `Invalid value: "${String(obj.metadata.name)}": must be spec.names.plural+"."+spec.group`,
              },
            ]);
          }
          names.singular ??= String(names.kind).toLowerCase();
          names.listKind ??= `${String(names.kind)}List`;
          spec.names = names;
          spec.conversion ??= { strategy: 'None' };
          obj.spec = spec;
          obj.status = {
            acceptedNames: names,
            conditions: [
              {
                type: 'NamesAccepted',
                status: 'True',
                reason: 'NoConflicts',
                message: 'no conflicts found',
                lastTransitionTime: obj.metadata.creationTimestamp ?? new Date().toISOString(),
              },
              {
                type: 'Established',
                status: 'True',
                reason: 'InitialNamesAccepted',
                message: 'the initial names have been accepted',
                lastTransitionTime: obj.metadata.creationTimestamp ?? new Date().toISOString(),
              },
            ],
            storedVersions: ((spec.versions as Obj[] | undefined) ?? [])
              .filter((v) => v.storage === true)
              .map((v) => String(v.name)),
          };
          break;
        }
        default:
          break;
      }
    },
    onUpdate(def, obj, prev) {
      if (def.kind === 'Service' && def.group === '') {
        const spec = o(obj.spec);
        const ps = o(prev.spec);
        if (spec.clusterIP === undefined && ps.clusterIP !== undefined) spec.clusterIP = ps.clusterIP;
        if (spec.clusterIPs === undefined && ps.clusterIPs !== undefined) spec.clusterIPs = ps.clusterIPs;
        obj.spec = spec;
      }
      if (def.kind === 'CustomResourceDefinition' && obj.status === undefined) obj.status = prev.status;
    },
  };
}
