/**
 * The heart of a MariaDB's page (also the "MariaDB" tab of its generic detail page): health, topology,
 * primary and a switchover under way, ready pods, the replication threads per replica, and the operator's
 * actions.
 */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { Alert, ConditionsTable, conditionsOf, HealthBadge, Skeleton } from '@argus/ui';
import type { ReactNode } from 'react';
import { conditionOf, type MariaDB, podNames, switchingTo, topologyOf } from '../shared/types';
import { ActionButtons } from './ActionButtons';
import type { Detail } from './types';
import { runAction, useMariadbObject } from './use-mariadb';

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs uppercase text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

const yesNo = (v: boolean | undefined) => (v === undefined ? '—' : v ? 'Yes' : 'No');

function Replication({ mariadb }: { mariadb: MariaDB }) {
  const roles = mariadb.status?.replication?.roles ?? {};
  const threads = mariadb.status?.replication?.replicas ?? {};
  const primary = mariadb.status?.currentPrimary;
  return (
    <table className="w-full text-sm" aria-label="Pods">
      <thead className="text-left text-xs uppercase text-muted-foreground">
        <tr>
          <th className="py-1">Pod</th>
          <th>Role</th>
          <th>I/O thread</th>
          <th>SQL thread</th>
          <th>Behind (s)</th>
          <th>Last I/O error</th>
        </tr>
      </thead>
      <tbody>
        {podNames(mariadb).map((pod) => {
          const t = threads[pod];
          return (
            <tr key={pod} className="border-t">
              <td className="py-1 font-mono">{pod}</td>
              <td>{roles[pod] ?? (pod === primary ? 'Primary' : '—')}</td>
              <td>{yesNo(t?.slaveIORunning)}</td>
              <td>{yesNo(t?.slaveSQLRunning)}</td>
              <td className="tabular-nums">{t?.secondsBehindMaster ?? '—'}</td>
              <td className="text-destructive">{t?.lastIOError ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function MariadbFacts({ mariadb }: { mariadb: Detail<MariaDB> }) {
  const s = mariadb.status;
  const ready = conditionOf(mariadb, 'Ready');
  const moving = switchingTo(mariadb);
  return (
    <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
      <Fact label="Health">
        <HealthBadge health={mariadb.health} />
      </Fact>
      <Fact label="Status">{ready ? `${ready.message || ready.reason} (${ready.status})` : '—'}</Fact>
      <Fact label="Topology">{topologyOf(mariadb)}</Fact>
      <Fact label="Ready pods">
        {s?.replicas ?? 0}/{mariadb.spec?.replicas ?? 1}
      </Fact>
      <Fact label="Current primary">{s?.currentPrimary ?? '—'}</Fact>
      <Fact label="Switching to">{moving ?? '—'}</Fact>
      <Fact label="Reconciliation">{mariadb.spec?.suspend ? 'Suspended' : 'Active'}</Fact>
      {mariadb.spec?.maxScaleRef?.name && <Fact label="MaxScale">{mariadb.spec.maxScaleRef.name}</Fact>}
    </dl>
  );
}

/** Who may become primary: any other pod; while a switchover runs, only the current primary (to cancel). */
function targets(m: MariaDB): string[] {
  const current = m.status?.currentPrimary;
  if (switchingTo(m)) return current ? [current] : [];
  return podNames(m).filter((p) => p !== current);
}

export function MariadbOverview({
  api,
  mariadb,
  reload,
}: {
  api: PluginApi;
  mariadb: Detail<MariaDB>;
  reload(): void;
}) {
  const namespace = mariadb.metadata.namespace ?? '';
  const name = mariadb.metadata.name;
  return (
    <div className="grid gap-6">
      <ActionButtons
        subject={name}
        actions={mariadb.actions}
        targets={targets(mariadb)}
        switching={switchingTo(mariadb)}
        run={async (action, params) => {
          await runAction(api, 'mariadbs', namespace, name, action, params);
          reload();
        }}
      />
      <MariadbFacts mariadb={mariadb} />
      <section className="grid gap-2" aria-label="Replication">
        <h3 className="text-sm font-semibold">Pods and replication</h3>
        <Replication mariadb={mariadb} />
      </section>
      <section className="grid gap-2" aria-label="Conditions">
        <h3 className="text-sm font-semibold">Conditions</h3>
        <ConditionsTable conditions={conditionsOf(mariadb)} />
      </section>
    </div>
  );
}

export function useMariadb(api: PluginApi, clusterId: string, namespace: string, name: string) {
  return useMariadbObject<MariaDB>(api, clusterId, 'mariadbs', namespace, name);
}

export function Loading({ error }: { error?: string | undefined }) {
  return error ? <Alert variant="destructive">{error}</Alert> : <Skeleton className="h-40 w-full" />;
}
