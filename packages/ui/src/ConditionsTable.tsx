import { age } from './format';
import { StatusBadge } from './StatusBadge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './Table';

/** A Kubernetes status condition (`status.conditions[]`). */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** `status.conditions` of any object, or none. */
export function conditionsOf(object: { status?: unknown } | null | undefined): Condition[] {
  const c = (object?.status as { conditions?: unknown } | undefined)?.conditions;
  return Array.isArray(c) ? (c as Condition[]) : [];
}

/** An object's conditions: type, status in its colour, reason, message and how long ago it changed. */
export function ConditionsTable({
  conditions,
  emptyText = 'No conditions.',
  label = 'Conditions',
  now,
}: {
  conditions: readonly Condition[];
  emptyText?: string;
  label?: string;
  /** The clock for "since" (tests). */
  now?: number;
}) {
  if (conditions.length === 0) return <p className="text-sm text-muted-foreground">{emptyText}</p>;
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead>Type</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Reason</TableHead>
          <TableHead>Message</TableHead>
          <TableHead>Since</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {conditions.map((c) => (
          <TableRow key={c.type}>
            <TableCell>{c.type}</TableCell>
            <TableCell>
              <StatusBadge status={c.status} />
            </TableCell>
            <TableCell>{c.reason || '—'}</TableCell>
            <TableCell className="max-w-md whitespace-normal">{c.message || '—'}</TableCell>
            <TableCell title={c.lastTransitionTime}>{age(c.lastTransitionTime, now)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
