'use client';
import type { Role, User } from '@argus/contracts';
import { Badge, Button, Input, Label } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ClusterSelect, RoleSelect } from '@/components/ScopeSelects';
import { SimpleTable } from '@/components/SimpleTable';
import { useClusters } from '@/hooks/use-clusters';
import { useAction } from '@/hooks/use-mutation-form';
import { usePermissions } from '@/hooks/use-permissions';
import { api } from '@/lib/api';
import { useAuthStore } from '@/stores/auth-store';

const listOf = <T,>(b: T[] | Record<string, T[] | undefined>, key: string) =>
  Array.isArray(b) ? b : (b[key] ?? b.items ?? []);

export default function RolesPage() {
  const { can } = usePermissions();
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: async () => listOf(await api<Role[]>('/api/roles'), 'roles'),
  });
  const users = useQuery({
    queryKey: ['users'],
    queryFn: async () => listOf(await api<User[]>('/api/users'), 'users'),
    enabled: can('users', 'read'),
  });
  const clusters = useClusters();
  const clusterName = (id: string | null) => (id ? (clusters.data?.find((c) => c.id === id)?.name ?? id) : 'all');
  const selfId = useAuthStore((s) => s.user?.id);
  const action = useAction(['roles', 'users']);
  const [a, setA] = useState({ user_id: '', role: 'viewer', cluster_id: '', namespace: '' });
  const assign = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() =>
      api('/api/roles/assign', {
        method: 'POST',
        body: {
          user_id: a.user_id,
          role: a.role,
          cluster_id: a.cluster_id || undefined,
          namespace: a.namespace || undefined,
        },
      }),
    );
  };
  const assignments = (users.data ?? []).flatMap((u) =>
    u.roles.map((r) => ({ ...r, email: u.email, self: u.id === selfId })),
  );
  return (
    <div className="grid gap-4">
      <h1 className="text-xl font-semibold">Roles and assignments</h1>
      <ErrorAlert error={roles.error} title="Could not list roles" />
      <ErrorAlert error={action.error} />
      <SimpleTable
        label="Roles"
        rows={roles.data ?? []}
        rowKey={(r) => r.id}
        columns={[
          {
            header: 'Role',
            cell: (r) => (
              <span className="font-medium">
                {r.name}
                {r.is_builtin && (
                  <Badge variant="secondary" className="ml-2">
                    built-in
                  </Badge>
                )}
              </span>
            ),
          },
          { header: 'Description', cell: (r) => r.description },
          {
            header: 'Permissions',
            cell: (r) => (
              <div className="flex flex-wrap gap-1">
                {r.permissions.map((p) => (
                  <Badge key={`${p.resource}:${p.action}`} variant="outline" className="font-mono">
                    {p.resource}:{p.action}
                  </Badge>
                ))}
              </div>
            ),
          },
        ]}
      />
      <h2 className="font-medium">Assignments</h2>
      <SimpleTable
        label="Assignments"
        rows={assignments}
        rowKey={(r) => r.id}
        columns={[
          { header: 'User', cell: (r) => r.email },
          { header: 'Role', cell: (r) => r.role },
          { header: 'Cluster', cell: (r) => clusterName(r.cluster_id) },
          { header: 'Namespace', cell: (r) => r.namespace ?? 'all' },
          {
            header: '',
            // Not one's own assignments: removing them could lock the admin out.
            cell: (r) =>
              can('roles', 'write') &&
              !r.self && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => void action.run(() => api(`/api/roles/assignments/${r.id}`, { method: 'DELETE' }))}
                >
                  Remove
                </Button>
              ),
          },
        ]}
      />
      {can('roles', 'write') && (
        <form
          onSubmit={assign}
          className="grid max-w-3xl grid-cols-4 items-end gap-3 rounded-md border p-4"
          aria-label="Assign a role"
        >
          <div className="grid min-w-0 gap-1">
            <Label htmlFor="a-user">User</Label>
            <select
              id="a-user"
              required
              className="h-9 w-full min-w-0 rounded-md border bg-transparent px-2 text-sm"
              value={a.user_id}
              onChange={(e) => setA({ ...a, user_id: e.target.value })}
            >
              <option value="">Choose…</option>
              {(users.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.email}
                </option>
              ))}
            </select>
          </div>
          <RoleSelect
            id="a-role"
            label="Role"
            roles={roles.data ?? []}
            value={a.role}
            onChange={(v) => setA({ ...a, role: v })}
          />
          <ClusterSelect
            id="a-cluster"
            label="Cluster"
            clusters={clusters.data ?? []}
            value={a.cluster_id}
            onChange={(v) => setA({ ...a, cluster_id: v })}
          />
          <div className="grid min-w-0 gap-1">
            <Label htmlFor="a-ns">Namespace (optional)</Label>
            <Input id="a-ns" value={a.namespace} onChange={(e) => setA({ ...a, namespace: e.target.value })} />
          </div>
          <Button type="submit" disabled={action.busy}>
            Assign
          </Button>
        </form>
      )}
    </div>
  );
}
