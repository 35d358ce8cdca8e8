/** Policies in evaluation order: position, health, kind, name, order, selector, types, endpoints selected. */
import { Badge, HealthBadge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@argus/ui';
import type { PolicyView } from './types';

const kindLabel = (p: PolicyView) =>
  p.plural === 'kubernetesnetworkpolicies' || p.plural === 'stagedkubernetesnetworkpolicies'
    ? 'Kubernetes'
    : p.namespace === null
      ? 'Global'
      : 'Namespaced';

export function PolicyTable({
  policies,
  label,
  numbered,
  onOpen,
}: {
  policies: Array<PolicyView & { position?: number }>;
  label: string;
  numbered?: boolean;
  onOpen?(p: PolicyView): void;
}) {
  if (!policies.length) return <p className="text-sm text-muted-foreground">No policies.</p>;
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          {numbered && <TableHead className="w-10">#</TableHead>}
          <TableHead>Health</TableHead>
          <TableHead>Policy</TableHead>
          <TableHead>Kind</TableHead>
          <TableHead className="text-right">Order</TableHead>
          <TableHead>Selector</TableHead>
          <TableHead>Types</TableHead>
          <TableHead className="text-right">Selects</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {policies.map((p) => (
          <TableRow
            key={`${p.plural}/${p.namespace ?? ''}/${p.name}`}
            data-policy={p.calicoName}
            className={onOpen ? 'cursor-pointer' : undefined}
            onClick={onOpen ? () => onOpen(p) : undefined}
          >
            {numbered && <TableCell className="tabular-nums">{p.position}</TableCell>}
            <TableCell>
              <HealthBadge health={p.health} />
            </TableCell>
            <TableCell>
              <span className="font-medium">
                {p.namespace ? <span className="text-muted-foreground">{p.namespace}/</span> : null}
                {p.calicoName}
              </span>
              {p.staged && (
                <Badge variant="outline" className="ml-2">
                  {p.stagedAction === 'Delete' ? 'staged delete' : 'staged'}
                </Badge>
              )}
            </TableCell>
            <TableCell>{kindLabel(p)}</TableCell>
            <TableCell className="text-right tabular-nums">
              {p.order ?? <span className="text-muted-foreground">unset</span>}
            </TableCell>
            <TableCell>
              <code className="text-xs">{p.selector}</code>
              {p.namespaceSelector && (
                <div className="text-xs text-muted-foreground">
                  namespaces: <code>{p.namespaceSelector}</code>
                </div>
              )}
            </TableCell>
            <TableCell>{p.types.join(', ')}</TableCell>
            <TableCell className="text-right tabular-nums">{p.selected}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
