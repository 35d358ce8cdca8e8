import { Badge } from '@argus/ui';

const GOOD = /^(running|ready|true|active|bound|succeeded|complete|completed|available|connected|normal|healthy)$/i;
const WARN = /^(pending|progressing|containercreating|terminating|unknown|warning|suspended|scaling)$/i;

export function statusVariant(status: string): 'success' | 'warning' | 'destructive' | 'secondary' {
  if (GOOD.test(status)) return 'success';
  if (WARN.test(status)) return 'warning';
  if (/fail|error|crash|backoff|notready|false|disconnected|evicted|oomkilled|lost/i.test(status)) return 'destructive';
  return 'secondary';
}

export function StatusBadge({ status }: { status: string | undefined | null }) {
  if (!status) return <span className="text-muted-foreground">—</span>;
  return <Badge variant={statusVariant(status)}>{status}</Badge>;
}
