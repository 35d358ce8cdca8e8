/**
 * Which StorageClasses, PVCs and bucket claims use which pool: Rook's StorageClasses with their `pool`,
 * `dataPool`, `fsName`, `clusterID` and object store, and every claim on one of them (PVC → StorageClass →
 * pool). A row of the first table filters the second by that StorageClass (`?class=`).
 */
import { objectHref, type PluginPageProps, useArgusHost, useLiveReload } from '@argus/plugin-sdk/frontend';
import { Alert, DataTable, StatusBadge } from '@argus/ui';
import { useMemo } from 'react';
import { CephNav } from './CephNav';
import { type Columns, nodeColumn, textColumn } from './columns';
import { ListToolbar, setQuery } from './ListToolbar';
import type { ClaimView, Storage, StorageClassView } from './types';
import { useCephData } from './use-ceph';

const target = (c: StorageClassView) =>
  c.type === 'filesystem'
    ? `filesystem ${c.fsName ?? '—'} · pool ${c.dataPool ?? c.pool ?? '—'}`
    : c.type === 'bucket'
      ? `object store ${c.objectStoreName ?? '—'}`
      : `pool ${c.dataPool ? `${c.pool} (data ${c.dataPool})` : (c.pool ?? '—')}`;

const CLASSES: Columns<StorageClassView> = [
  textColumn<StorageClassView>(
    'name',
    'StorageClass',
    (c) => `${c.name}${c.isDefault ? ' (default)' : ''}`,
    'minmax(10rem, 1fr)',
  ),
  textColumn<StorageClassView>('type', 'Type', (c) => c.type, '6rem'),
  textColumn<StorageClassView>('target', 'Uses', target, 'minmax(14rem, 2fr)'),
  textColumn<StorageClassView>('clusterID', 'Ceph cluster', (c) => c.clusterID, '8rem'),
  textColumn<StorageClassView>('claims', 'Claims', (c) => c.claims, '5rem'),
];

const claimKey = (c: ClaimView) => `${c.kind}/${c.namespace}/${c.name}`;
const uses = (c: ClaimView) =>
  c.type === 'filesystem'
    ? `${c.fsName ?? '—'} / ${c.pool ?? '—'}`
    : c.type === 'bucket'
      ? (c.objectStoreName ?? '—')
      : (c.pool ?? '—');

export default function StoragePage({ api, clusterId, searchParams, navigate }: PluginPageProps) {
  const { Link } = useArgusHost();
  const namespace = searchParams.get('namespace') ?? undefined;
  const only = searchParams.get('class');
  const data = useCephData<Storage>(
    api,
    '/storage',
    { namespace },
    {
      cluster: clusterId,
      group: 'core',
      version: 'v1',
      resource: 'persistentvolumeclaims',
      ...(namespace ? { namespace } : {}),
    },
  );
  useLiveReload(
    { cluster: clusterId, group: 'objectbucket.io', version: 'v1alpha1', resource: 'objectbucketclaims' },
    data.reload,
  );
  const claimColumns = useMemo<Columns<ClaimView>>(
    () => [
      textColumn<ClaimView>('namespace', 'Namespace', (c) => c.namespace, 'minmax(7rem, 1fr)'),
      nodeColumn<ClaimView>(
        'name',
        'Claim',
        (c) => c.name,
        (c) => (
          <Link
            className="underline-offset-2 hover:underline"
            href={
              c.kind === 'PersistentVolumeClaim'
                ? objectHref(
                    clusterId,
                    { group: 'core', version: 'v1', resource: 'persistentvolumeclaims' },
                    c.name,
                    c.namespace,
                  )
                : objectHref(
                    clusterId,
                    { group: 'objectbucket.io', version: 'v1alpha1', resource: 'objectbucketclaims' },
                    c.name,
                    c.namespace,
                  )
            }
          >
            {c.name}
          </Link>
        ),
        'minmax(10rem, 2fr)',
      ),
      textColumn<ClaimView>(
        'kind',
        'Kind',
        (c) => (c.kind === 'PersistentVolumeClaim' ? 'PVC' : 'Bucket claim'),
        '7rem',
      ),
      nodeColumn<ClaimView>(
        'phase',
        'Phase',
        (c) => c.phase ?? '',
        (c) => (c.phase ? <StatusBadge status={c.phase} /> : '—'),
        '6rem',
      ),
      textColumn<ClaimView>('size', 'Size', (c) => c.capacity ?? c.requested, '5rem'),
      textColumn<ClaimView>('storageClass', 'StorageClass', (c) => c.storageClass, 'minmax(9rem, 1fr)'),
      textColumn<ClaimView>('uses', 'Pool / filesystem / store', uses, 'minmax(10rem, 1fr)'),
    ],
    [Link, clusterId],
  );
  const claims = (data.data?.claims ?? []).filter((c) => !only || c.storageClass === only);
  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <h1 className="text-xl font-semibold">Rook Ceph</h1>
      <CephNav current="/storage" navigate={navigate} />
      <ListToolbar path="/storage" searchParams={searchParams} navigate={navigate} />
      {data.error && <Alert variant="destructive">{data.error}</Alert>}
      <h2 className="text-base font-medium">StorageClasses</h2>
      <DataTable
        className="min-h-32"
        label="Rook StorageClasses"
        data={data.data?.classes ?? []}
        columns={CLASSES}
        getRowId={(c) => c.name}
        onRowActivate={(c) => navigate(setQuery('/storage', searchParams, { class: only === c.name ? null : c.name }))}
        emptyText={
          data.data ? 'No Rook StorageClass you may see (cluster-scoped: every namespace needed).' : 'Loading…'
        }
      />
      <h2 className="text-base font-medium">
        Claims{only ? ` on ${only}` : ''}
        {only && (
          <button
            type="button"
            className="ml-2 text-sm font-normal text-muted-foreground hover:underline"
            onClick={() => navigate(setQuery('/storage', searchParams, { class: null }))}
          >
            (show all)
          </button>
        )}
      </h2>
      <DataTable
        className="min-h-64 flex-1"
        label="Claims on Rook storage"
        data={claims}
        columns={claimColumns}
        getRowId={claimKey}
        filter={searchParams.get('q') ?? ''}
        emptyText={data.data ? 'No claims on Rook storage.' : 'Loading…'}
      />
    </div>
  );
}
