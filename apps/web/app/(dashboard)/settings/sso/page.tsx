'use client';
import type { OidcRoleMapping, OidcSettings, OidcTestResponse, Role } from '@argus/contracts';
import { Badge, Button, Input, Label } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ClusterSelect, RoleSelect } from '@/components/ScopeSelects';
import { SimpleTable } from '@/components/SimpleTable';
import { useClusters } from '@/hooks/use-clusters';
import { useAction } from '@/hooks/use-mutation-form';
import { usePermissions } from '@/hooks/use-permissions';
import { api } from '@/lib/api';

interface Form {
  enabled: boolean;
  name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  scopes: string;
  groups_claim: string;
  default_role: string;
  redirect_uri: string;
}

const formOf = (s: OidcSettings): Form => ({
  enabled: s.enabled,
  name: s.name,
  issuer: s.issuer,
  client_id: s.client_id,
  client_secret: '',
  scopes: s.scopes.join(' '),
  groups_claim: s.groups_claim,
  default_role: s.default_role ?? '',
  redirect_uri: s.redirect_uri ?? '',
});

function Field(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <div className="grid min-w-0 gap-1">
      <Label htmlFor={props.id}>{props.label}</Label>
      <Input
        id={props.id}
        type={props.type ?? 'text'}
        required={props.required}
        placeholder={props.placeholder}
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && <p className="text-xs text-muted-foreground">{props.hint}</p>}
    </div>
  );
}

/** Single sign-on (OpenID Connect): the provider, the group → role mappings, and a connection test. */
export default function SsoSettingsPage() {
  const { can } = usePermissions();
  const writable = can('settings', 'write');
  const settings = useQuery({ queryKey: ['oidc-settings'], queryFn: () => api<OidcSettings>('/api/settings/oidc') });
  const mappings = useQuery({
    queryKey: ['oidc-mappings'],
    queryFn: async () => (await api<{ items: OidcRoleMapping[] }>('/api/settings/oidc/mappings')).items,
  });
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: async () => (await api<{ items: Role[] }>('/api/roles')).items,
    enabled: can('roles', 'read'),
  });
  const clusters = useClusters();
  const clusterName = (id: string | null) => (id ? (clusters.data?.find((c) => c.id === id)?.name ?? id) : 'all');
  const action = useAction(['oidc-settings', 'oidc-mappings', 'oidc-info']);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  const [test, setTest] = useState<{ result?: OidcTestResponse; error?: unknown; busy?: boolean }>({});
  const [m, setM] = useState({ group: '', role: 'viewer', cluster_id: '', namespace: '' });

  useEffect(() => {
    if (settings.data && !form) setForm(formOf(settings.data));
  }, [settings.data, form]);

  const set = (patch: Partial<Form>) => {
    setSaved(false);
    setForm((f) => (f ? { ...f, ...patch } : f));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    const out = await action.run(() =>
      api<OidcSettings>('/api/settings/oidc', {
        method: 'PUT',
        body: {
          enabled: form.enabled,
          name: form.name || 'SSO',
          issuer: form.issuer,
          client_id: form.client_id,
          // Empty: the stored secret is kept (it is never sent back).
          ...(form.client_secret ? { client_secret: form.client_secret } : {}),
          scopes: form.scopes,
          groups_claim: form.groups_claim || 'groups',
          default_role: form.default_role || null,
          redirect_uri: form.redirect_uri || null,
        },
      }),
    );
    if (out) {
      setForm(formOf(out));
      setSaved(true);
    }
  };

  const runTest = async () => {
    setTest({ busy: true });
    try {
      const body = form?.issuer
        ? { issuer: form.issuer, ...(form.client_id ? { client_id: form.client_id } : {}) }
        : {};
      setTest({ result: await api<OidcTestResponse>('/api/settings/oidc/test', { method: 'POST', body }) });
    } catch (error) {
      setTest({ error });
    }
  };

  const addMapping = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(() =>
        api('/api/settings/oidc/mappings', {
          method: 'POST',
          body: {
            group: m.group,
            role: m.role,
            cluster_id: m.cluster_id || undefined,
            namespace: m.namespace || undefined,
          },
        }),
      )
      .then((out) => {
        if (out) setM({ ...m, group: '', namespace: '' });
      });
  };

  return (
    <div className="grid max-w-4xl gap-6">
      <div>
        <h1 className="text-xl font-semibold">Single sign-on</h1>
        <p className="text-sm text-muted-foreground">
          Users sign in with your OpenID Connect provider; their groups decide their roles at each sign-in. Register
          Argus at the provider with the callback URL{' '}
          <code className="font-mono">{settings.data?.redirect_uri || '<this address>/api/auth/oidc/callback'}</code>.
        </p>
      </div>
      <ErrorAlert error={settings.error} title="Could not load the SSO settings" />
      <ErrorAlert error={action.error} />

      {form && (
        <form onSubmit={save} className="grid gap-4 rounded-md border p-4" aria-label="SSO settings">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={form.enabled}
              disabled={!writable}
              onChange={(e) => set({ enabled: e.target.checked })}
            />
            Enable “Login with SSO” on the sign-in page
          </label>
          <div className="grid grid-cols-2 gap-4">
            <Field
              id="sso-issuer"
              label="Issuer URL"
              required
              placeholder="https://id.example.com/realms/main"
              value={form.issuer}
              onChange={(v) => set({ issuer: v })}
            />
            <Field id="sso-name" label="Button label" value={form.name} onChange={(v) => set({ name: v })} />
            <Field
              id="sso-client-id"
              label="Client ID"
              required
              value={form.client_id}
              onChange={(v) => set({ client_id: v })}
            />
            <Field
              id="sso-client-secret"
              label="Client secret"
              type="password"
              hint={
                settings.data?.client_secret_set ? 'A secret is stored; leave empty to keep it.' : 'No secret stored.'
              }
              value={form.client_secret}
              onChange={(v) => set({ client_secret: v })}
            />
            <Field
              id="sso-scopes"
              label="Scopes"
              hint="Space-separated; openid is always requested."
              value={form.scopes}
              onChange={(v) => set({ scopes: v })}
            />
            <Field
              id="sso-groups-claim"
              label="Groups claim"
              hint="A claim name or a dotted path, e.g. realm_access.roles."
              value={form.groups_claim}
              onChange={(v) => set({ groups_claim: v })}
            />
            <RoleSelect
              id="sso-default-role"
              label="Default role (every SSO user, globally)"
              none="None"
              roles={roles.data ?? []}
              value={form.default_role}
              onChange={(v) => set({ default_role: v })}
            />
            <Field
              id="sso-redirect-uri"
              label="Callback URL (optional)"
              hint="Set it behind a proxy; empty: derived from the request."
              value={form.redirect_uri}
              onChange={(v) => set({ redirect_uri: v })}
            />
          </div>
          <div className="flex items-center gap-3">
            {writable && (
              <Button type="submit" disabled={action.busy}>
                Save
              </Button>
            )}
            {writable && (
              <Button type="button" variant="outline" disabled={test.busy} onClick={() => void runTest()}>
                {test.busy ? 'Testing…' : 'Test connection'}
              </Button>
            )}
            {saved && <span className="text-sm text-muted-foreground">Saved.</span>}
          </div>
          <ErrorAlert error={test.error} title="Connection test failed" />
          {test.result && (
            <div className="grid gap-1 rounded-md border p-3 text-sm" role="status" aria-label="Connection test result">
              <p className="font-medium">Discovery succeeded: {test.result.issuer}</p>
              <p>Authorization endpoint: {test.result.authorization_endpoint}</p>
              <p>Token endpoint: {test.result.token_endpoint ?? '—'}</p>
              <p>Userinfo endpoint: {test.result.userinfo_endpoint ?? '—'}</p>
              {test.result.scopes_supported && <p>Scopes: {test.result.scopes_supported.join(' ')}</p>}
              {test.result.warnings.map((w) => (
                <p key={w} className="text-amber-600 dark:text-amber-400">
                  {w}
                </p>
              ))}
            </div>
          )}
        </form>
      )}

      <div className="grid gap-2">
        <h2 className="font-medium">Group mappings</h2>
        <p className="text-sm text-muted-foreground">
          At each sign-in, a user’s roles from these mappings are replaced by what their groups map to now. Roles an
          admin assigned by hand are kept.
        </p>
        <ErrorAlert error={mappings.error} title="Could not list the group mappings" />
        <SimpleTable
          label="Group mappings"
          rows={mappings.data ?? []}
          rowKey={(r) => r.id}
          columns={[
            { header: 'Group', cell: (r) => <span className="font-mono">{r.group}</span> },
            { header: 'Role', cell: (r) => <Badge variant="outline">{r.role}</Badge> },
            { header: 'Cluster', cell: (r) => clusterName(r.cluster_id) },
            { header: 'Namespace', cell: (r) => r.namespace ?? 'all' },
            {
              header: '',
              cell: (r) =>
                writable && (
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() =>
                      void action.run(() => api(`/api/settings/oidc/mappings/${r.id}`, { method: 'DELETE' }))
                    }
                  >
                    Remove
                  </Button>
                ),
            },
          ]}
        />
        {writable && (
          <form
            onSubmit={addMapping}
            className="grid grid-cols-5 items-end gap-3 rounded-md border p-4"
            aria-label="Add a group mapping"
          >
            <Field id="m-group" label="Group" required value={m.group} onChange={(v) => setM({ ...m, group: v })} />
            <RoleSelect
              id="m-role"
              label="Role"
              roles={roles.data ?? []}
              value={m.role}
              onChange={(v) => setM({ ...m, role: v })}
            />
            <ClusterSelect
              id="m-cluster"
              label="Cluster"
              clusters={clusters.data ?? []}
              value={m.cluster_id}
              onChange={(v) => setM({ ...m, cluster_id: v })}
            />
            <Field
              id="m-ns"
              label="Namespace (optional)"
              value={m.namespace}
              onChange={(v) => setM({ ...m, namespace: v })}
            />
            <Button type="submit" disabled={action.busy}>
              Add mapping
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
