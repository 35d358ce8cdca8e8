import { Badge } from '@argus/ui';

const VARIANT = { critical: 'destructive', warning: 'warning', info: 'info' } as const;

/** critical (red), warning (amber), info (blue): the theme's tokens, so light and dark both read. */
export function SeverityBadge({ severity }: { severity: string }) {
  const variant = VARIANT[severity as keyof typeof VARIANT] ?? 'secondary';
  return <Badge variant={variant}>{severity}</Badge>;
}
