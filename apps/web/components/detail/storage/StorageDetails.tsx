'use client';
import { formatMemoryQuantity } from '@argus/contracts/quantity';
import { StatusBadge } from '@argus/ui';
import type { KindDetailsProps } from '../KindDetails';
import { arr, DetailTable, Fields, KeyValues, MUTED, ObjectLink, rec, Section, str, useKubeList } from '../shared';

const PVS = { group: '', version: 'v1', resource: 'persistentvolumes', namespaced: false };

function PvcDetails({ clusterId, object }: KindDetailsProps) {
  const spec = rec(object.spec);
  const status = rec(object.status);
  const volume = str(spec.volumeName);
  const sc = str(spec.storageClassName);
  return (
    <Section title="PersistentVolumeClaim">
      <Fields
        rows={{
          Status: <StatusBadge status={str(status.phase)} />,
          Volume: volume ? (
            <ObjectLink clusterId={clusterId} kind={PVS} name={volume} />
          ) : (
            <span className={MUTED}>not bound</span>
          ),
          'Storage class': sc && (
            <ObjectLink
              clusterId={clusterId}
              kind={{ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' }}
              name={sc}
            />
          ),
          Requested: formatMemoryQuantity(str(rec(rec(spec.resources).requests).storage)),
          Capacity: status.capacity ? formatMemoryQuantity(str(rec(status.capacity).storage)) : undefined,
          'Access modes': arr<string>(status.accessModes ?? spec.accessModes).join(', '),
          'Volume mode': str(spec.volumeMode),
        }}
      />
    </Section>
  );
}

function PvDetails({ clusterId, object }: KindDetailsProps) {
  const spec = rec(object.spec);
  const claim = rec(spec.claimRef);
  const source = Object.keys(spec).find((k) =>
    [
      'csi',
      'hostPath',
      'nfs',
      'local',
      'awsElasticBlockStore',
      'gcePersistentDisk',
      'azureDisk',
      'cephfs',
      'rbd',
      'iscsi',
      'fc',
    ].includes(k),
  );
  const sc = str(spec.storageClassName);
  return (
    <Section title="PersistentVolume">
      <Fields
        rows={{
          Status: <StatusBadge status={str(rec(object.status).phase)} />,
          Claim: claim.name ? (
            <ObjectLink
              clusterId={clusterId}
              kind="persistentvolumeclaims"
              name={str(claim.name) ?? ''}
              namespace={str(claim.namespace)}
            >
              {str(claim.namespace)}/{str(claim.name)}
            </ObjectLink>
          ) : (
            <span className={MUTED}>available</span>
          ),
          Capacity: formatMemoryQuantity(str(rec(spec.capacity).storage)),
          'Access modes': arr<string>(spec.accessModes).join(', '),
          'Reclaim policy': str(spec.persistentVolumeReclaimPolicy),
          'Storage class': sc && (
            <ObjectLink
              clusterId={clusterId}
              kind={{ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' }}
              name={sc}
            />
          ),
          'Volume mode': str(spec.volumeMode),
          Source: source && `${source}${rec(spec[source]).driver ? ` (${str(rec(spec[source]).driver)})` : ''}`,
        }}
      />
    </Section>
  );
}

function StorageClassDetails({ clusterId, object }: KindDetailsProps) {
  const o = object as unknown as Record<string, unknown>;
  const pvs = useKubeList(clusterId, PVS, {});
  const bound = (pvs.data?.items ?? []).filter((p) => str(rec(p.spec).storageClassName) === object.metadata.name);
  const isDefault = object.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
  return (
    <div className="grid gap-6">
      <Section title="StorageClass">
        <Fields
          rows={{
            Provisioner: str(o.provisioner),
            Default: isDefault ? 'yes' : 'no',
            'Reclaim policy': str(o.reclaimPolicy) ?? 'Delete',
            'Binding mode': str(o.volumeBindingMode) ?? 'Immediate',
            Expansion: o.allowVolumeExpansion ? 'allowed' : 'not allowed',
            Parameters: o.parameters ? <KeyValues values={o.parameters as Record<string, string>} /> : undefined,
          }}
        />
      </Section>
      <Section title="Volumes">
        <DetailTable
          label={`Volumes of ${object.metadata.name}`}
          rows={bound}
          rowKey={(p) => p.metadata.name}
          empty={pvs.isLoading ? 'Loading…' : 'No volumes of this class.'}
          columns={[
            { header: 'Volume', cell: (p) => <ObjectLink clusterId={clusterId} kind={PVS} name={p.metadata.name} /> },
            { header: 'Status', cell: (p) => <StatusBadge status={str(rec(p.status).phase)} /> },
            {
              header: 'Claim',
              cell: (p) => {
                const c = rec(rec(p.spec).claimRef);
                return c.name ? `${str(c.namespace)}/${str(c.name)}` : '—';
              },
            },
            { header: 'Capacity', cell: (p) => formatMemoryQuantity(str(rec(rec(p.spec).capacity).storage)) },
          ]}
        />
      </Section>
    </div>
  );
}

/** PVC, PV and StorageClass: binding, capacity, class. */
export function StorageDetails(p: KindDetailsProps) {
  if (p.resource.resource === 'persistentvolumeclaims') return <PvcDetails {...p} />;
  if (p.resource.resource === 'persistentvolumes') return <PvDetails {...p} />;
  return <StorageClassDetails {...p} />;
}
