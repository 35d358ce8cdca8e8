'use client';
import { Label } from '@argus/ui';
import { ClusterSelect } from '@/components/ScopeSelects';
import { KNOWN_TYPES, type NotificationFilter, SEVERITIES } from '@/lib/notifications';

const SELECT = 'h-9 w-full min-w-0 rounded-md border bg-transparent px-2 text-sm';

/** The centre's filters (kept in the query string by the page): severity, type, cluster, unread only. */
export function NotificationFilters({
  value,
  onChange,
  clusters,
  types = [],
}: {
  value: NotificationFilter;
  onChange: (patch: Record<string, string | null>) => void;
  clusters: { id: string; name: string }[];
  /** Types seen in the loaded notifications, offered besides the known ones. */
  types?: string[];
}) {
  const typeChoices = [...new Set([...KNOWN_TYPES, ...types])].sort();
  return (
    <form
      aria-label="Filter notifications"
      className="grid grid-cols-2 items-end gap-3 md:grid-cols-5"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="grid min-w-0 gap-1">
        <Label htmlFor="n-severity">Severity</Label>
        <select
          id="n-severity"
          className={SELECT}
          value={value.severity ?? ''}
          onChange={(e) => onChange({ severity: e.target.value || null })}
        >
          <option value="">Any severity</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="grid min-w-0 gap-1">
        <Label htmlFor="n-type">Type</Label>
        <select
          id="n-type"
          className={SELECT}
          value={value.type ?? ''}
          onChange={(e) => onChange({ type: e.target.value || null })}
        >
          <option value="">Any type</option>
          {typeChoices.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <ClusterSelect
        id="n-cluster"
        label="Cluster"
        clusters={clusters}
        value={value.cluster_id ?? ''}
        onChange={(v) => onChange({ cluster: v || null })}
      />
      <label className="flex h-9 items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={!!value.unread}
          onChange={(e) => onChange({ unread: e.target.checked ? 'true' : null })}
        />
        Unread only
      </label>
    </form>
  );
}
