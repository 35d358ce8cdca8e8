import { meta, ownerRef, type ScenarioBuilder } from '../builder.js';
import type { KubeObject } from '../types.js';

export interface StorageClassOptions {
  name: string;
  provisioner: string;
  parameters?: Record<string, string>;
  isDefault?: boolean;
  reclaimPolicy?: 'Delete' | 'Retain';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowVolumeExpansion?: boolean;
  labels?: Record<string, string>;
}

export function addStorageClass(b: ScenarioBuilder, o: StorageClassOptions): KubeObject {
  const annotations: Record<string, string> = o.isDefault
    ? { 'storageclass.kubernetes.io/is-default-class': 'true' }
    : {};
  return b.add({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta(o.name, undefined, o.labels ?? {}, annotations),
    provisioner: o.provisioner,
    parameters: o.parameters ?? {},
    reclaimPolicy: o.reclaimPolicy ?? 'Delete',
    volumeBindingMode: o.volumeBindingMode ?? 'Immediate',
    allowVolumeExpansion: o.allowVolumeExpansion ?? true,
  });
}

export interface PvcOptions {
  name: string;
  namespace: string;
  size: string;
  storageClass: string;
  labels?: Record<string, string>;
  owner?: KubeObject;
  ageSeconds?: number;
  /** Unbound claims stay Pending with no PV. */
  bound?: boolean;
}

/** A PersistentVolumeClaim and, when bound, its dynamically provisioned PersistentVolume. */
export function addPvc(b: ScenarioBuilder, o: PvcOptions): KubeObject {
  const age = o.ageSeconds ?? 30 * 86400;
  const bound = o.bound ?? true;
  const uid = b.uidFor('PersistentVolumeClaim', o.namespace, o.name);
  const pvName = `pvc-${uid}`;
  const sc = b.get('StorageClass', undefined, o.storageClass);
  const provisioner = typeof sc?.provisioner === 'string' ? sc.provisioner : 'kubernetes.io/no-provisioner';
  const annotations: Record<string, string> = {
    'volume.beta.kubernetes.io/storage-provisioner': provisioner,
    'volume.kubernetes.io/storage-provisioner': provisioner,
  };
  if (bound) {
    annotations['pv.kubernetes.io/bind-completed'] = 'yes';
    annotations['pv.kubernetes.io/bound-by-controller'] = 'yes';
  }
  if (bound) {
    b.add(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: meta(pvName, undefined, {}, { 'pv.kubernetes.io/provisioned-by': provisioner }),
        spec: {
          accessModes: ['ReadWriteOnce'],
          capacity: { storage: o.size },
          claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: o.name, namespace: o.namespace, uid },
          csi: { driver: provisioner, fsType: 'ext4', volumeHandle: `0001-0009-${b.rng.hex(16)}` },
          persistentVolumeReclaimPolicy: typeof sc?.reclaimPolicy === 'string' ? sc.reclaimPolicy : 'Delete',
          storageClassName: o.storageClass,
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound', lastPhaseTransitionTime: b.ago(age - 5) },
      },
      age - 5,
    );
  }
  const m = meta(o.name, o.namespace, o.labels ?? {}, annotations);
  m.uid = uid;
  if (o.owner) m.ownerReferences = [ownerRef(o.owner)];
  return b.add(
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: m,
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: o.size } },
        storageClassName: o.storageClass,
        volumeMode: 'Filesystem',
        ...(bound ? { volumeName: pvName } : {}),
      },
      status: bound
        ? { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: o.size } }
        : { phase: 'Pending' },
    },
    age,
  );
}
