'use client';
import type { Role, User } from '@argus/contracts';
import { Badge, Button, Input, Label } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { SimpleTable } from '@/components/SimpleTable';
import { useClusters } from '@/hooks/use-clusters';
import { useAction } from '@/hooks/use-mutation-form';
import { usePermissions } from '@/hooks/use-permissions';
import { api } from '@/lib/api';
import { useAuthStore } from '@/stores/auth-store';

const listOf = <T,>(b: T[] | { users?: T[]; items?: T[] }) => (Array.isArray(b) ? b : (b.users ?? b.items ?? []));

export default function UsersPage() {
  const { can } = usePermissions();
  const selfId = useAuthStore((s) => s.user?.id);
  const users = useQuery({
    queryKey: ['users'],
    queryFn: async () => listOf(await api<User[] | { users: User[] }>('/api/users')),
  });
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: async () => {
      const b = await api<Role[] | { items?: Role[] }>('/api/roles');
      return Array.isArray(b) ? b : (b.items ?? []);
    },
    enabled: can('roles', 'read'),
  });
  const clusters = useClusters();
  const action = useAction(['users']);
  const [form, setForm] = useState({ email: '', name: '', password: '', role: 'viewer' });
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(() => api('/api/users', { method: 'POST', body: form }));
    if (ok) setForm({ email: '', name: '', password: '', role: 'viewer' });
  };
  const canWrite = can('users', 'write');
  return (
    <div className="grid gap-4">
      <h1 className="text-xl font-semibold">Users</h1>
      <ErrorAlert error={users.error} title="Could not list users" />
      <ErrorAlert error={action.error} />
      <SimpleTable
        label="Users"
        rows={users.data ?? []}
        rowKey={(u) => u.id}
        columns={[
          { header: 'Name', cell: (u) => u.name },
          { header: 'Email', cell: (u) => u.email },
          { header: 'Provider', cell: (u) => u.auth_provider },
          {
            header: 'Roles',
            cell: (u) => (
              <div className="flex flex-wrap gap-1">
                {u.roles.map((r) => (
                  <Badge key={r.id} variant="secondary">
                    {r.role}
                    {r.cluster_id
                      ? ` @${clusters.data?.find((c) => c.id === r.cluster_id)?.name ?? r.cluster_id.slice(0, 8)}`
                      : ''}
                    {r.namespace ? `/${r.namespace}` : ''}
                  </Badge>
                ))}
              </div>
            ),
          },
          { header: 'Active', cell: (u) => (u.is_active ? 'yes' : 'no') },
          {
            header: '',
            // No Delete on one's own account: it would lock the admin out.
            cell: (u) =>
              can('users', 'delete') &&
              selfId !== undefined &&
              u.id !== selfId && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() =>
                    confirm(`Delete ${u.email}?`) &&
                    void action.run(() => api(`/api/users/${u.id}`, { method: 'DELETE' }))
                  }
                >
                  Delete
                </Button>
              ),
          },
        ]}
      />
      {canWrite && (
        <form
          onSubmit={create}
          className="grid max-w-2xl grid-cols-2 gap-3 rounded-md border p-4"
          aria-label="Create a user"
        >
          <h2 className="col-span-2 font-medium">New user</h2>
          <div className="grid gap-1">
            <Label htmlFor="u-name">Name</Label>
            <Input
              id="u-name"
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="u-email">Email</Label>
            <Input
              id="u-email"
              type="email"
              required
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="u-password">Password</Label>
            <Input
              id="u-password"
              type="password"
              minLength={8}
              required
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="u-role">Global role</Label>
            <select
              id="u-role"
              className="h-9 rounded-md border bg-transparent px-2 text-sm"
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value })}
            >
              {(roles.data?.length ? roles.data.map((r) => r.name) : [form.role]).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" className="col-span-2 justify-self-start" disabled={action.busy}>
            Create user
          </Button>
        </form>
      )}
    </div>
  );
}
