'use client';
import type { ApiKey, CreatedApiKey } from '@argus/contracts';
import { Alert, AlertDescription, AlertTitle, Button, Input, Label } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { SimpleTable } from '@/components/SimpleTable';
import { useAction } from '@/hooks/use-mutation-form';
import { api } from '@/lib/api';

export default function ApiKeysPage() {
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: async () => {
      const b = await api<ApiKey[] | { api_keys?: ApiKey[]; items?: ApiKey[] }>('/api/auth/api-keys');
      return Array.isArray(b) ? b : (b.api_keys ?? b.items ?? []);
    },
  });
  const action = useAction(['api-keys']);
  const [form, setForm] = useState({ name: '', scope: 'read', days: '90' });
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name: form.name, scope: form.scope, ...(form.days ? { expires_in_days: Number(form.days) } : {}) };
    const k = await action.run(() => api<CreatedApiKey>('/api/auth/api-keys', { method: 'POST', body }));
    if (k) {
      setCreated(k);
      setForm({ ...form, name: '' });
    }
  };
  return (
    <div className="grid gap-4">
      <h1 className="text-xl font-semibold">API keys</h1>
      <ErrorAlert error={keys.error} title="Could not list API keys" />
      <ErrorAlert error={action.error} />
      {created && (
        <Alert>
          <AlertTitle>Key “{created.name}” created: copy it now, it is shown only once</AlertTitle>
          <AlertDescription>
            <code className="break-all font-mono text-xs">{created.key}</code>
          </AlertDescription>
        </Alert>
      )}
      <SimpleTable
        label="API keys"
        rows={keys.data ?? []}
        rowKey={(k) => k.id}
        columns={[
          { header: 'Name', cell: (k) => k.name },
          { header: 'Prefix', cell: (k) => <code className="font-mono text-xs">{k.prefix}…</code> },
          { header: 'Scope', cell: (k) => k.scope },
          { header: 'Expires', cell: (k) => k.expires_at?.slice(0, 10) ?? 'never' },
          { header: 'Last used', cell: (k) => k.last_used_at?.slice(0, 16).replace('T', ' ') ?? 'never' },
          { header: 'State', cell: (k) => (k.revoked_at ? 'revoked' : 'active') },
          {
            header: '',
            cell: (k) =>
              !k.revoked_at && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => void action.run(() => api(`/api/auth/api-keys/${k.id}`, { method: 'DELETE' }))}
                >
                  Revoke
                </Button>
              ),
          },
        ]}
      />
      <form
        onSubmit={create}
        className="grid max-w-2xl grid-cols-4 items-end gap-3 rounded-md border p-4"
        aria-label="Create an API key"
      >
        <div className="col-span-2 grid gap-1">
          <Label htmlFor="k-name">Name</Label>
          <Input id="k-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="k-scope">Scope</Label>
          <select
            id="k-scope"
            className="h-9 rounded-md border bg-transparent px-2 text-sm"
            value={form.scope}
            onChange={(e) => setForm({ ...form, scope: e.target.value })}
          >
            <option value="read">read</option>
            <option value="full">full</option>
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="k-days">Expires in days</Label>
          <Input
            id="k-days"
            inputMode="numeric"
            value={form.days}
            onChange={(e) => setForm({ ...form, days: e.target.value.replace(/\D/g, '') })}
          />
        </div>
        <Button type="submit" disabled={action.busy}>
          Create key
        </Button>
      </form>
    </div>
  );
}
