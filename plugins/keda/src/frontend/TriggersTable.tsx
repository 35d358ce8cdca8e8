/** A scaler's triggers: type, what it watches (metadata without credentials) and the authentication it uses. */
import { Badge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@argus/ui';
import type { TriggerHealthView, TriggerView } from './types';

export function TriggersTable({
  triggers,
  health = [],
  onAuthentication,
}: {
  triggers: TriggerView[];
  /** KEDA's per-trigger health (`s0-prometheus` …), matched by position. */
  health?: TriggerHealthView[];
  onAuthentication?(auth: NonNullable<TriggerView['authentication']>): void;
}) {
  if (triggers.length === 0) return <p className="text-sm text-muted-foreground">No triggers.</p>;
  return (
    <Table aria-label="Triggers">
      <TableHeader>
        <TableRow>
          <TableHead>Type</TableHead>
          <TableHead>Metadata</TableHead>
          <TableHead>Authentication</TableHead>
          <TableHead>Health</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {triggers.map((t, i) => {
          const h = health.find((x) => x.metric.startsWith(`s${i}-`));
          return (
            <TableRow key={`${t.type}:${t.name ?? ''}:${JSON.stringify(t.metadata)}`}>
              <TableCell className="font-medium">
                {t.type}
                {t.name && <span className="ml-1 text-muted-foreground">({t.name})</span>}
              </TableCell>
              <TableCell>
                <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
                  {Object.entries(t.metadata).map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="text-muted-foreground">{k}</dt>
                      <dd className="break-all font-mono">{v}</dd>
                    </div>
                  ))}
                </dl>
              </TableCell>
              <TableCell>
                {t.authentication ? (
                  <button
                    type="button"
                    className="text-left underline-offset-2 hover:underline"
                    onClick={() => t.authentication && onAuthentication?.(t.authentication)}
                  >
                    {t.authentication.name}
                    {t.authentication.kind === 'ClusterTriggerAuthentication' && (
                      <span className="ml-1 text-muted-foreground">(cluster)</span>
                    )}
                  </button>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
              <TableCell>
                {h ? (
                  <Badge
                    variant={h.status === 'Failing' ? 'destructive' : h.status === 'Happy' ? 'success' : 'outline'}
                  >
                    {h.status}
                    {h.failures > 0 ? ` · ${h.failures} failures` : ''}
                  </Badge>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
