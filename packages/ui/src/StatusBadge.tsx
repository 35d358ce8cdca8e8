import { Badge, type BadgeProps } from './Badge';

export type StatusVariant = 'success' | 'warning' | 'destructive' | 'secondary';

const GOOD =
  /^(running|ready|true|active|bound|succeeded|complete|completed|available|connected|normal|healthy|deployed|up|ok)$/i;
const WARN =
  /^(pending|pending-.+|progressing|containercreating|terminating|unknown|warning|suspended|scaling|paused|uninstalling)$/i;
const BAD =
  /fail|error|crash|backoff|notready|false|disconnected|evicted|oomkilled|lost|^down$|^err$|^firing$|^degraded$/i;

/**
 * The colour of a status word as Kubernetes and its tools write it (pod phases and reasons, condition
 * statuses, event types, Helm release states, Prometheus target health): green for good, amber for in
 * between, red for broken, grey for anything else.
 */
export function statusVariant(status: string): StatusVariant {
  if (GOOD.test(status)) return 'success';
  if (WARN.test(status)) return 'warning';
  if (BAD.test(status)) return 'destructive';
  return 'secondary';
}

export interface StatusBadgeProps {
  status: string | undefined | null;
  /** Overrides the colour `statusVariant` picks. */
  variant?: BadgeProps['variant'];
  className?: string;
}

/** A status word in its colour; a dash when there is none. */
export function StatusBadge({ status, variant, className }: StatusBadgeProps) {
  if (!status) return <span className="text-muted-foreground">—</span>;
  return (
    <Badge variant={variant ?? statusVariant(status)} className={className}>
      {status}
    </Badge>
  );
}
