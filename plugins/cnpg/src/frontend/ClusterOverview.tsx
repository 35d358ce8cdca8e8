/**
 * The heart of a PostgreSQL cluster's page (also the "PostgreSQL" tab of its generic detail page): health,
 * primary and switchover, timeline, archiving and last backup, the instances, and the operator's actions.
 */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { Alert, age, HealthBadge, Skeleton } from '@argus/ui';
import type { ReactNode } from 'react';
import { archiving, backupsOfCluster, fencedInstances, instances, switchoverCandidates } from '../shared/cluster-view';
import type { Backup, Cluster } from '../shared/types';
import { ActionButtons } from './ActionButtons';
import { InstancesTable } from './InstancesTable';
import type { Detail, Item } from './types';
import { runAction, useCnpgList, useCnpgObject } from './use-cnpg';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs uppercase text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function LastBackup({ cluster, backups }: { cluster: Cluster; backups: Item<Backup>[] | undefined }) {
  const last = backups ? (backupsOfCluster(cluster, backups)[0] as Item<Backup> | undefined) : undefined;
  const cond = cluster.status?.conditions?.find((c) => c.type === 'LastBackupSucceeded');
  if (!last)
    return (
      <span className="text-muted-foreground">
        {cluster.status?.lastSuccessfulBackup ? `Succeeded ${age(cluster.status.lastSuccessfulBackup)} ago` : 'None'}
      </span>
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {last.metadata.name} <HealthBadge health={last.health} />
      {last.status?.stoppedAt && <span className="text-muted-foreground">{age(last.status.stoppedAt)} ago</span>}
      {cond?.status === 'False' && <span className="text-destructive">{cond.message || cond.reason}</span>}
    </span>
  );
}

export function ClusterFacts({ cluster, backups }: { cluster: Detail<Cluster>; backups?: Item<Backup>[] }) {
  const s = cluster.status;
  const arch = archiving(cluster);
  const switching = s?.targetPrimary && s.currentPrimary && s.targetPrimary !== s.currentPrimary;
  const fenced = fencedInstances(cluster);
  return (
    <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
      <Fact label="Health">
        <HealthBadge health={cluster.health} />
      </Fact>
      <Fact label="Phase">{s?.phase ?? '—'}</Fact>
      <Fact label="Instances ready">
        {s?.readyInstances ?? 0}/{s?.instances ?? cluster.spec?.instances ?? 0}
      </Fact>
      <Fact label="Timeline">{s?.timelineID ?? '—'}</Fact>
      <Fact label="Current primary">{s?.currentPrimary ?? '—'}</Fact>
      <Fact label="Target primary">
        {s?.targetPrimary ?? '—'}
        {switching && <span className="ml-2 text-muted-foreground">(switchover in progress)</span>}
      </Fact>
      <Fact label="Continuous archiving">
        {arch.state === 'ok' ? 'Working' : arch.state === 'failing' ? `Failing: ${arch.message ?? ''}` : 'Not reported'}
      </Fact>
      <Fact label="Last backup">
        <LastBackup cluster={cluster} backups={backups} />
      </Fact>
      {fenced.length > 0 && <Fact label="Fenced">{fenced.join(', ')}</Fact>}
      {cluster.metadata.annotations?.['cnpg.io/hibernation'] === 'on' && <Fact label="Hibernation">On</Fact>}
    </dl>
  );
}

export interface ClusterOverviewProps {
  api: PluginApi;
  clusterId: string;
  /** The cluster as the detail route answers it (with its actions). */
  cluster: Detail<Cluster>;
  /** Reads the cluster again (after an action). */
  reload(): void;
}

export function ClusterOverview({ api, clusterId, cluster, reload }: ClusterOverviewProps) {
  const namespace = cluster.metadata.namespace ?? '';
  const name = cluster.metadata.name;
  const backups = useCnpgList<Backup>(api, clusterId, 'backups', namespace);
  const all = instances(cluster);
  return (
    <div className="grid gap-6">
      <ActionButtons
        subject={name}
        actions={cluster.actions}
        choices={{
          replicas: switchoverCandidates(cluster),
          unfenced: all.filter((i) => !i.fenced).map((i) => i.name),
          fenced: fencedInstances(cluster),
          instances: cluster.spec?.instances ?? all.length,
        }}
        run={async (action, params) => {
          await runAction(api, 'clusters', namespace, name, action, params);
          reload();
        }}
      />
      <ClusterFacts cluster={cluster} backups={backups.items} />
      <section className="grid gap-2" aria-label="Instances">
        <h3 className="text-sm font-semibold">Instances</h3>
        <InstancesTable cluster={cluster} />
      </section>
    </div>
  );
}

/** The cluster read by name (with its actions), then drawn by ClusterOverview. */
export function useCluster(api: PluginApi, clusterId: string, namespace: string, name: string) {
  return useCnpgObject<Cluster>(api, clusterId, 'clusters', namespace, name);
}

export function ClusterLoading({ error }: { error?: string | undefined }) {
  return error ? <Alert variant="destructive">{error}</Alert> : <Skeleton className="h-40 w-full" />;
}
