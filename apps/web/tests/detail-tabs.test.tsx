// @vitest-environment jsdom
// The detail page's tab slot: a plugin's manifest names a tab for a kind it owns (`detail_tabs`), its
// frontend draws it (`defineFrontend({ detailTabs })`) with the object, the cluster and its API client —
// only on clusters where the plugin is enabled and available.
import '@testing-library/jest-dom/vitest';
import type { PluginInfo } from '@argus/contracts';
import { defineFrontend, type PluginDetailTabProps } from '@argus/plugin-sdk/frontend';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResourceDetailView } from '@/components/ResourceDetailView';
import { PLUGIN_FRONTENDS } from '@/lib/plugins';
import { useAuthStore } from '@/stores/auth-store';

// Only the test's plugin frontend (not the built-in plugins' packages).
vi.mock('@/lib/plugin-frontends.generated', () => ({ PLUGIN_FRONTENDS: {} }));

vi.mock('next/link', () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

// The query string as Next's router follows it: history.replaceState updates useSearchParams.
vi.mock('next/navigation', async () => {
  const { useMemo, useSyncExternalStore } = await import('react');
  const listeners = new Set<() => void>();
  const replace = window.history.replaceState.bind(window.history);
  window.history.replaceState = (...args: Parameters<History['replaceState']>) => {
    replace(...args);
    for (const l of listeners) l();
  };
  return {
    useRouter: () => ({ push: () => {}, replace: () => {} }),
    usePathname: () => window.location.pathname,
    useSearchParams: () => {
      const search = useSyncExternalStore(
        (cb) => {
          listeners.add(cb);
          return () => listeners.delete(cb);
        },
        () => window.location.search,
      );
      return useMemo(() => new URLSearchParams(search), [search]);
    },
  };
});

function PostgresTab({ object, clusterName, resource, api, reload }: PluginDetailTabProps) {
  const status = object.status as { currentPrimary: string };
  return (
    <section aria-label="PostgreSQL tab">
      <p>
        {resource.kind} {object.metadata.name} on {clusterName}: primary {status.currentPrimary}
      </p>
      <button type="button" onClick={() => void api.post('/resources/clusters/pg-main/actions/backup-now')}>
        Backup now
      </button>
      <button type="button" onClick={reload}>
        Reload
      </button>
    </section>
  );
}

PLUGIN_FRONTENDS['test-operator'] = async () => ({
  default: defineFrontend({
    id: 'test-operator',
    pages: {},
    widgets: {},
    detailTabs: { postgresql: async () => ({ default: PostgresTab }) },
  }),
});

const plugin = (clusters: PluginInfo['clusters']): PluginInfo => ({
  id: 'test-operator',
  name: 'Test operator',
  version: '1.0.0',
  description: '',
  status: 'active',
  error: null,
  failures: { count: 0, last: null },
  manifest: {
    pages: [],
    detail_tabs: [{ id: 'postgresql', title: 'PostgreSQL', group: 'postgresql.cnpg.io', resource: 'clusters' }],
  },
  clusters,
});

const RESOURCES = [
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['get'] },
  {
    group: 'postgresql.cnpg.io',
    version: 'v1',
    resource: 'clusters',
    kind: 'Cluster',
    namespaced: true,
    verbs: ['get'],
  },
];
const PG_MAIN = {
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'pg-main', namespace: 'db', uid: 'u1' },
  status: { currentPrimary: 'pg-main-1' },
};

let requests: { method: string; url: string }[];

beforeEach(() => {
  requests = [];
  useAuthStore.getState().setSession('token', { id: 'u', email: 'ada@example.com', name: 'Ada' });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({ method: init?.method ?? 'GET', url });
      const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
      if (url === '/api/plugins')
        return answer({
          plugins: [
            plugin([
              { id: 'east', name: 'east', enabled: true, available: true, watchers: 0 },
              { id: 'bare', name: 'bare', enabled: true, available: false, watchers: 0 },
            ]),
          ],
        });
      if (url === '/api/auth/permissions') return answer({ user_id: 'u', is_admin: true, permissions: [] });
      if (url === '/api/clusters') return answer([{ id: 'east', name: 'east' }]);
      if (url.endsWith('/api-resources')) return answer(RESOURCES);
      if (url.includes('/postgresql.cnpg.io/v1/clusters/pg-main')) return answer(PG_MAIN);
      if (url.includes('/apps/v1/deployments/web'))
        return answer({ kind: 'Deployment', metadata: { name: 'web', namespace: 'db' } });
      if (url.includes('/actions/backup-now')) return answer({ result: { backup: 'pg-main-20250601' } });
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: url } }), { status: 404 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

function show(clusterId: string, segment: string, name: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ResourceDetailView clusterId={clusterId} segment={segment} namespace="db" name={name} />
    </QueryClientProvider>,
  );
}

describe('plugin tabs on the generic detail page', () => {
  it('adds the plugin’s tab to the kind it owns and draws it with the object, cluster and API client', async () => {
    window.history.replaceState(null, '', '/clusters/east/postgresql.cnpg.io~v1~clusters/db/pg-main');
    show('east', 'postgresql.cnpg.io~v1~clusters', 'pg-main');
    const tab = await screen.findByRole('tab', { name: 'PostgreSQL' });
    expect(screen.getByRole('tab', { name: 'Summary' })).toHaveAttribute('aria-selected', 'true');
    fireEvent.mouseDown(tab);
    await waitFor(() => expect(window.location.search).toBe('?tab=test-operator.postgresql'));
    const drawn = await screen.findByRole('region', { name: 'PostgreSQL tab' });
    expect(drawn).toHaveTextContent('Cluster pg-main on east: primary pg-main-1');
    fireEvent.click(screen.getByRole('button', { name: 'Backup now' }));
    await waitFor(() =>
      expect(requests).toContainEqual({
        method: 'POST',
        url: '/api/plugins/test-operator/clusters/east/resources/clusters/pg-main/actions/backup-now',
      }),
    );
  });

  it('opens on the plugin’s tab from a shared link (?tab=)', async () => {
    window.history.replaceState(
      null,
      '',
      '/clusters/east/postgresql.cnpg.io~v1~clusters/db/pg-main?tab=test-operator.postgresql',
    );
    show('east', 'postgresql.cnpg.io~v1~clusters', 'pg-main');
    expect(await screen.findByRole('region', { name: 'PostgreSQL tab' })).toBeInTheDocument();
  });

  it('offers no tab on other kinds, nor on a cluster without the plugin’s CRDs', async () => {
    show('east', 'deployments', 'web');
    await screen.findByRole('tab', { name: 'YAML' });
    await waitFor(() => expect(requests.some((r) => r.url === '/api/plugins')).toBe(true));
    expect(screen.queryByRole('tab', { name: 'PostgreSQL' })).toBeNull();
    cleanup();

    show('bare', 'postgresql.cnpg.io~v1~clusters', 'pg-main');
    await screen.findByRole('tab', { name: 'YAML' });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('tab', { name: 'PostgreSQL' })).toBeNull();
  });
});
