import {
  CircleCheckIcon,
  CirclePauseIcon,
  CircleQuestionMarkIcon,
  CircleXIcon,
  LoaderCircleIcon,
  TriangleAlertIcon,
} from 'lucide-react';
import type { ComponentType } from 'react';
import { Badge, type BadgeProps } from './Badge';
import { cn } from './cn';
import { Tooltip, TooltipContent, TooltipProvider, TooltipTrigger } from './Tooltip';

/** The health an operator plugin evaluates for each of its objects (the SDK's backend health rules). */
export const HEALTH_STATUSES = ['Healthy', 'Progressing', 'Degraded', 'Failed', 'Paused', 'Unknown'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** `{status, reason}` as operator plugins answer it next to each object (`item.health`). */
export interface Health {
  status: HealthStatus;
  /** Why: shown in the badge's tooltip (and read by screen readers). */
  reason?: string | null;
}

const LOOK: Record<HealthStatus, { variant: BadgeProps['variant']; Icon: ComponentType<{ className?: string }> }> = {
  Healthy: { variant: 'success', Icon: CircleCheckIcon },
  Progressing: { variant: 'info', Icon: LoaderCircleIcon },
  Degraded: { variant: 'warning', Icon: TriangleAlertIcon },
  Failed: { variant: 'destructive', Icon: CircleXIcon },
  Paused: { variant: 'secondary', Icon: CirclePauseIcon },
  Unknown: { variant: 'outline', Icon: CircleQuestionMarkIcon },
};

/** A health status from anything (a missing or unexpected value is `Unknown`). */
export function healthStatusOf(value: unknown): HealthStatus {
  return HEALTH_STATUSES.includes(value as HealthStatus) ? (value as HealthStatus) : 'Unknown';
}

export interface HealthBadgeProps {
  /** `item.health` as the plugin's backend answers it, or a bare status. */
  health: Health | HealthStatus | null | undefined;
  className?: string;
}

/** The health of an object with its own colour and icon; the reason in a tooltip (on hover and focus). */
export function HealthBadge({ health, className }: HealthBadgeProps) {
  const h: Health = typeof health === 'string' ? { status: health } : (health ?? { status: 'Unknown' });
  const status = healthStatusOf(h.status);
  const { variant, Icon } = LOOK[status];
  const badge = (
    <Badge variant={variant} className={className} data-health={status}>
      <Icon className="size-3" aria-hidden="true" />
      <span>{status}</span>
      {h.reason && <span className="sr-only">: {h.reason}</span>}
    </Badge>
  );
  if (!h.reason) return badge;
  return (
    <TooltipProvider delayDuration={200}>
      <Tooltip>
        <TooltipTrigger asChild>
          <button
            type="button"
            className="inline-flex cursor-help rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {badge}
          </button>
        </TooltipTrigger>
        <TooltipContent className="max-w-sm whitespace-normal">{h.reason}</TooltipContent>
      </Tooltip>
    </TooltipProvider>
  );
}

/** How many objects are in each health (widgets: "clusters by health"); statuses with none are left out. */
export function HealthCounts({
  items,
  label,
  className,
}: {
  items: ReadonlyArray<{ health?: Health | null } | Health | HealthStatus>;
  label?: string;
  className?: string;
}) {
  const counts = new Map<HealthStatus, number>();
  for (const item of items) {
    const raw = typeof item === 'string' ? item : 'health' in item ? item.health?.status : (item as Health).status;
    const s = healthStatusOf(raw);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return (
    <ul aria-label={label ?? 'By health'} className={cn('flex flex-wrap gap-2', className)}>
      {HEALTH_STATUSES.filter((s) => counts.has(s)).map((s) => (
        <li key={s} className="flex items-center gap-1 text-sm" aria-label={`${s}: ${counts.get(s)}`}>
          <HealthBadge health={s} /> {counts.get(s)}
        </li>
      ))}
    </ul>
  );
}
