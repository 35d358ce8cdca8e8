/** Where the cluster's Prometheus is and whether it answers; admins set the URL or discovery here. */
import type { PluginApi, PluginData } from '@argus/plugin-sdk/frontend';
import {
  Alert,
  AlertDescription,
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  Input,
  Label,
} from '@argus/ui';
import { useState } from 'react';
import type { StatusAnswer } from './types';

function where(s: StatusAnswer): string {
  if (s.source === 'configured') return `configured URL ${s.url ?? ''}`;
  if (s.source === 'discovered' && s.service)
    return `service ${s.service.namespace}/${s.service.name}:${s.service.port} (found by ${s.selector ?? 'discovery'}), through the API server's service proxy`;
  return s.reason ?? 'not found';
}

export function StatusCard({
  status,
  api,
  canConfigure,
}: {
  status: PluginData<StatusAnswer>;
  api: PluginApi;
  canConfigure: boolean;
}) {
  const s = status.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Prometheus
          {s && (
            <Badge variant={s.reachable ? 'success' : 'destructive'}>{s.reachable ? 'reachable' : 'unreachable'}</Badge>
          )}
          {s?.version && <Badge variant="secondary">v{s.version}</Badge>}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        {status.error && (
          <Alert variant="destructive">
            <AlertDescription>{status.error}</AlertDescription>
          </Alert>
        )}
        {s && <p className="text-muted-foreground">{where(s)}</p>}
        {s?.error && (
          <Alert variant="destructive">
            <AlertDescription>{s.error.message}</AlertDescription>
          </Alert>
        )}
        {canConfigure && <ConfigForm api={api} onSaved={status.reload} />}
      </CardContent>
    </Card>
  );
}

function ConfigForm({ api, onSaved }: { api: PluginApi; onSaved(): void }) {
  const [url, setUrl] = useState('');
  const [discovery, setDiscovery] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const save = async () => {
    setError(undefined);
    try {
      await api.put('/config', { ...(url.trim() ? { url: url.trim() } : {}), discovery });
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="flex flex-wrap items-end gap-3 border-t pt-3">
      <div className="flex flex-col gap-1">
        <Label htmlFor="prometheus-url">Prometheus URL (empty: discover in the cluster)</Label>
        <Input
          id="prometheus-url"
          className="h-8 w-80"
          placeholder="http://prometheus.example:9090"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={discovery} onChange={(e) => setDiscovery(e.currentTarget.checked)} />
        Discover a Prometheus Service
      </label>
      <Button size="sm" variant="outline" onClick={() => void save()}>
        Save
      </Button>
      {error && <span className="text-destructive text-xs">{error}</span>}
    </div>
  );
}
