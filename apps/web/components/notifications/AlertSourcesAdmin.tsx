'use client';
import { Alert, AlertDescription, AlertTitle, Button, ConfirmDialog, Input, Label } from '@argus/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { SimpleTable } from '@/components/SimpleTable';
import { useAction } from '@/hooks/use-mutation-form';
import { api, describeError } from '@/lib/api';
import { type AlertSource, type CreatedAlertSource, itemsOf } from '@/lib/notifications';

const KEY = 'alert-sources';
const when = (t: string | null | undefined) => (t ? t.slice(0, 16).replace('T', ' ') : 'never');

/** The receiver's URL for Alertmanager's `webhook_configs` (this server's own origin). */
function receiverUrl(): string {
  return typeof window === 'undefined'
    ? '/api/alerts/alertmanager'
    : `${window.location.origin}/api/alerts/alertmanager`;
}

/** Admin page: Alertmanager sources, each with its own bearer token (shown once, when created). */
export function AlertSourcesAdmin() {
  const sources = useQuery({
    queryKey: [KEY],
    queryFn: async () => itemsOf(await api<AlertSource[] | { items?: AlertSource[] }>('/api/alerts/sources')),
  });
  const action = useAction([KEY]);
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedAlertSource | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const s = await action.run(() =>
      api<CreatedAlertSource>('/api/alerts/sources', { method: 'POST', body: { name: name.trim() } }),
    );
    if (s) {
      setCreated(s);
      setName('');
    }
  };
  return (
    <div className="grid gap-4">
      <h1 className="text-xl font-semibold">Alert sources</h1>
      <p className="max-w-3xl text-sm text-muted-foreground">
        Prometheus alerts flow in through Alertmanager’s webhook: add a source here, then point a receiver’s{' '}
        <code className="font-mono text-xs">webhook_configs</code> at{' '}
        <code className="font-mono text-xs">{receiverUrl()}</code> with the source’s token as bearer credentials.
      </p>
      <ErrorAlert error={sources.error} title="Could not list alert sources" />
      <ErrorAlert error={action.error} />
      {created && (
        <Alert>
          <AlertTitle>Source “{created.name}” created: copy its token now, it is shown only once</AlertTitle>
          <AlertDescription>
            <code data-testid="alert-source-token" className="break-all font-mono text-xs">
              {created.token}
            </code>
            <pre className="mt-2 overflow-auto rounded bg-muted p-2 font-mono text-xs">
              {`receivers:
  - name: argus
    webhook_configs:
      - url: ${receiverUrl()}
        send_resolved: true
        http_config:
          authorization:
            credentials: ${created.token}`}
            </pre>
          </AlertDescription>
        </Alert>
      )}
      {sources.isLoading ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <SimpleTable<AlertSource>
          label="Alert sources"
          rows={sources.data ?? []}
          rowKey={(s) => s.id}
          columns={[
            { header: 'Name', cell: (s) => s.name },
            {
              header: 'Token',
              cell: (s) => (s.token_prefix ? <code className="font-mono text-xs">{s.token_prefix}…</code> : '—'),
            },
            { header: 'Created', cell: (s) => when(s.created_at) },
            { header: 'Last used', cell: (s) => when(s.last_used_at) },
            {
              header: '',
              cell: (s) => (
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Delete ${s.name}`}>
                      Delete
                    </Button>
                  }
                  title={`Delete alert source “${s.name}”?`}
                  description="Its token stops working at once: Alertmanager's posts with it are refused."
                  confirm="Delete"
                  destructive
                  onConfirm={async () => {
                    await api(`/api/alerts/sources/${encodeURIComponent(s.id)}`, { method: 'DELETE' });
                    await qc.invalidateQueries({ queryKey: [KEY] });
                  }}
                  renderError={(err) => <p className="text-sm text-destructive">{describeError(err)}</p>}
                />
              ),
            },
          ]}
        />
      )}
      <form
        onSubmit={create}
        aria-label="Add an alert source"
        className="grid max-w-2xl grid-cols-3 items-end gap-3 rounded-md border p-4"
      >
        <div className="col-span-2 grid gap-1">
          <Label htmlFor="src-name">Name</Label>
          <Input
            id="src-name"
            required
            maxLength={100}
            placeholder="prometheus-prod"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <Button type="submit" disabled={action.busy}>
          Add source
        </Button>
      </form>
    </div>
  );
}
