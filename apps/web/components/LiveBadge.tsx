import { Badge } from '@argus/ui';
import type { WatchMode } from '@/hooks/use-watch';

export function LiveBadge({ mode }: { mode: WatchMode }) {
  if (mode === 'live')
    return (
      <Badge variant="success" title="Updates arrive over the WebSocket">
        Live
      </Badge>
    );
  if (mode === 'connecting') return <Badge variant="secondary">Connecting…</Badge>;
  return (
    <Badge variant="secondary" title="The live hub is not available; the list is refreshed every few seconds">
      Auto-refresh
    </Badge>
  );
}
