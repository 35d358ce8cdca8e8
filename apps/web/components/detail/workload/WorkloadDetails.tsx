'use client';
import type { KubeObject } from '@/lib/kube';
import type { KindDetailsProps } from '../KindDetails';
import { PodTable } from '../pod/PodTable';
import { arr, Fields, KeyValues, MUTED, type Rec, rec, Section, selectorString, str } from '../shared';
import { RevisionHistory } from './RevisionHistory';

const n = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Desired/current/ready/updated/available as each workload kind reports them. */
export function replicaCounts(kind: string | undefined, o: KubeObject): Array<[string, number]> {
  const s = rec(o.status);
  const desired = n(o.spec?.replicas ?? (kind === 'DaemonSet' ? undefined : 1));
  if (kind === 'DaemonSet')
    return [
      ['Desired', n(s.desiredNumberScheduled)],
      ['Current', n(s.currentNumberScheduled)],
      ['Ready', n(s.numberReady)],
      ['Updated', n(s.updatedNumberScheduled)],
      ['Available', n(s.numberAvailable)],
    ];
  return [
    ['Desired', desired],
    ['Current', n(kind === 'StatefulSet' ? (s.currentReplicas ?? s.replicas) : s.replicas)],
    ['Ready', n(s.readyReplicas)],
    ...(kind === 'ReplicaSet' ? [] : ([['Updated', n(s.updatedReplicas)]] as Array<[string, number]>)),
    ['Available', n(s.availableReplicas)],
  ];
}

/** `RollingUpdate (max surge 25%, max unavailable 25%)`. */
export function strategyText(o: KubeObject): string | undefined {
  const spec = rec(o.spec);
  const st = rec(spec.strategy ?? spec.updateStrategy);
  const type = str(st.type);
  if (!type) return undefined;
  const ru = rec(st.rollingUpdate);
  const parts = [
    ru.maxSurge !== undefined ? `max surge ${str(ru.maxSurge)}` : '',
    ru.maxUnavailable !== undefined ? `max unavailable ${str(ru.maxUnavailable)}` : '',
    ru.partition !== undefined ? `partition ${str(ru.partition)}` : '',
  ].filter(Boolean);
  return parts.length ? `${type} (${parts.join(', ')})` : type;
}

function expressions(sel: Rec): string[] {
  return arr(sel.matchExpressions).map(
    (e) =>
      `${str(e.key)} ${str(e.operator)}${arr<string>(e.values).length ? ` (${arr<string>(e.values).join(', ')})` : ''}`,
  );
}

/** A label selector as a query string (`a=b,k in (x,y)`), matchExpressions included. */
export function selectorQuery(sel: Rec): string {
  const exprs = arr(sel.matchExpressions).map((e) => {
    const key = str(e.key);
    const values = arr<string>(e.values).join(',');
    switch (str(e.operator)) {
      case 'In':
        return `${key} in (${values})`;
      case 'NotIn':
        return `${key} notin (${values})`;
      case 'Exists':
        return `${key}`;
      case 'DoesNotExist':
        return `!${key}`;
      default:
        return '';
    }
  });
  return [selectorString(sel.matchLabels as Record<string, string>), ...exprs].filter(Boolean).join(',');
}

/** Deployment, StatefulSet, DaemonSet, ReplicaSet: replica counts, strategy, selector, pods and revisions. */
export function WorkloadDetails({ clusterId, resource, object, can, onChanged }: KindDetailsProps) {
  const kind = object.kind ?? resource.kind;
  const spec = rec(object.spec);
  const sel = rec(spec.selector);
  const ns = object.metadata.namespace;
  const containers = arr(rec(rec(spec.template).spec).containers);
  const query = selectorQuery(sel);
  const revisions = kind !== 'ReplicaSet';
  return (
    <div className="grid gap-6">
      <Section title={kind}>
        <div className="flex flex-wrap gap-3" role="list" aria-label="Replicas">
          {replicaCounts(kind, object).map(([k, v]) => (
            <div key={k} role="listitem" className="min-w-24 rounded-md border px-3 py-2">
              <div className="text-xs text-muted-foreground">{k}</div>
              <div className="text-lg font-semibold tabular-nums">{v}</div>
            </div>
          ))}
        </div>
        <Fields
          rows={{
            Strategy: strategyText(object),
            'Service name': str(spec.serviceName),
            'Pod management': str(spec.podManagementPolicy),
            'Min ready': spec.minReadySeconds !== undefined ? `${str(spec.minReadySeconds)}s` : undefined,
            Paused: spec.paused ? 'yes' : undefined,
            Selector: (
              <span className="grid gap-1">
                <KeyValues values={sel.matchLabels as Record<string, string>} />
                {expressions(sel).map((e) => (
                  <span key={e} className="font-mono text-xs">
                    {e}
                  </span>
                ))}
              </span>
            ),
            Images: containers.length > 0 && (
              <span className="grid font-mono text-xs">
                {containers.map((c) => (
                  <span key={str(c.name)}>
                    <span className={MUTED}>{str(c.name)}: </span>
                    {str(c.image)}
                  </span>
                ))}
              </span>
            ),
          }}
        />
      </Section>
      <Section title="Pods">
        {query ? (
          <PodTable
            clusterId={clusterId}
            namespace={ns}
            labelSelector={query}
            label={`Pods of ${object.metadata.name}`}
          />
        ) : (
          <p className="text-sm text-muted-foreground">No selector.</p>
        )}
      </Section>
      {revisions && (
        <Section title="Revision history">
          <RevisionHistory
            clusterId={clusterId}
            resource={resource}
            name={object.metadata.name}
            namespace={ns}
            canRollback={can('resources', 'write')}
            onChanged={onChanged}
          />
        </Section>
      )}
    </div>
  );
}
