'use client';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@argus/ui';
import { memo, useMemo } from 'react';
import { usePermissions } from '@/hooks/use-permissions';
import { useResourceList } from '@/hooks/use-resource-list';
import { namespacesAllowed } from '@/lib/permissions';
import { WELL_KNOWN } from '@/lib/resources';

const ALL = '__all__';
const NAMESPACES = { ...WELL_KNOWN.namespaces!, verbs: ['list'] };

/**
 * The namespace filter: every namespace the user may read (a namespace-scoped user sees only theirs).
 * Memoised: the list page renders again on each filter keystroke, and the select's items (one per
 * namespace) need not.
 */
export const NamespacePicker = memo(function NamespacePicker({
  clusterId,
  value,
  onChange,
}: {
  clusterId: string;
  value: string;
  onChange: (ns: string) => void;
}) {
  const { permissions } = usePermissions();
  const allowed = namespacesAllowed(permissions, clusterId);
  const list = useResourceList(clusterId, allowed === 'all' ? NAMESPACES : undefined);
  const names = useMemo(() => {
    const fromList = (list.data?.items ?? []).map((n) => n.metadata.name);
    const base = allowed === 'all' ? fromList : allowed;
    return [...new Set([...base, ...(value ? [value] : [])])].sort();
  }, [list.data, allowed, value]);
  return (
    <Select value={value || ALL} onValueChange={(v) => onChange(v === ALL ? '' : v)}>
      <SelectTrigger className="w-56" aria-label="Namespace">
        <SelectValue placeholder="All namespaces" />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>All namespaces</SelectItem>
        {names.map((n) => (
          <SelectItem key={n} value={n}>
            {n}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
});
