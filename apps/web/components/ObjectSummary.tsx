import { Badge, ConditionsTable, conditionsOf, StatusBadge } from '@argus/ui';
import { age } from '@/lib/format';
import type { KubeObject } from '@/lib/kube';

function Labels({ labels }: { labels?: Record<string, string> }) {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <div className="flex flex-wrap gap-1">
      {entries.map(([k, v]) => (
        <Badge key={k} variant="outline" className="max-w-full truncate font-mono font-normal" title={`${k}=${v}`}>
          {k}={v}
        </Badge>
      ))}
    </div>
  );
}

/**
 * Metadata and the conditions of any object; the top-level status fields too unless the kind has a page of
 * its own (`showStatus={false}`: `detail/KindDetails` draws them in words).
 */
export function ObjectSummary({ object, showStatus = true }: { object: KubeObject; showStatus?: boolean }) {
  const m = object.metadata;
  const scalars = showStatus
    ? Object.entries(object.status ?? {}).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
    : [];
  const conditions = conditionsOf(object);
  return (
    <div className="grid gap-4">
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted-foreground">Kind</dt>
        <dd>
          {object.kind} <span className="text-muted-foreground">({object.apiVersion})</span>
        </dd>
        {m.namespace && (
          <>
            <dt className="text-muted-foreground">Namespace</dt>
            <dd>{m.namespace}</dd>
          </>
        )}
        <dt className="text-muted-foreground">Created</dt>
        <dd>{m.creationTimestamp ? `${age(m.creationTimestamp)} ago (${m.creationTimestamp})` : '—'}</dd>
        <dt className="text-muted-foreground">UID</dt>
        <dd className="font-mono text-xs">{m.uid}</dd>
        <dt className="text-muted-foreground">Labels</dt>
        <dd>
          <Labels labels={m.labels} />
        </dd>
        <dt className="text-muted-foreground">Annotations</dt>
        <dd>
          <Labels
            labels={Object.fromEntries(
              Object.entries(m.annotations ?? {}).filter(
                ([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration',
              ),
            )}
          />
        </dd>
        {scalars.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted-foreground">{k}</dt>
            <dd>{k === 'phase' ? <StatusBadge status={String(v)} /> : String(v)}</dd>
          </div>
        ))}
      </dl>
      {conditions.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-medium">Conditions</h3>
          <ConditionsTable conditions={conditions} />
        </div>
      )}
    </div>
  );
}
