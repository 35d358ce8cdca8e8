import { Badge } from '@argus/ui';

const VARIANT: Record<string, 'success' | 'warning' | 'destructive' | 'secondary' | 'outline'> = {
  deployed: 'success',
  failed: 'destructive',
  superseded: 'secondary',
  uninstalled: 'outline',
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge variant={VARIANT[status] ?? 'warning'}>{status}</Badge>;
}
