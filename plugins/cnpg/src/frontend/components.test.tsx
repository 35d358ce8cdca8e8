// @vitest-environment jsdom
// What a user sees of the plugin: no action buttons for a viewer; for an operator the actions, with the
// replica to promote and the confirmation a switchover asks; the overview widget's clusters by health.
import '@testing-library/jest-dom/vitest';
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cluster } from '../shared/types';
import { ClusterOverview } from './ClusterOverview';
import ClustersWidget from './ClustersWidget';
import type { ActionInfo, Detail } from './types';

afterEach(cleanup);

const action = (id: string, label: string, allowed: boolean, extra: Partial<ActionInfo> = {}): ActionInfo => ({
  id,
  label,
  description: label,
  allowed,
  available: true,
  reason: null,
  confirm: null,
  params_schema: null,
  ...extra,
});

function pgMain(allowed: boolean): Detail<Cluster> {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg-main', namespace: 'payments' },
    spec: { instances: 3 },
    status: {
      phase: 'Cluster in healthy state',
      instances: 3,
      readyInstances: 3,
      currentPrimary: 'pg-main-1',
      targetPrimary: 'pg-main-1',
      timelineID: 1,
      instancesStatus: { healthy: ['pg-main-1', 'pg-main-2', 'pg-main-3'] },
      conditions: [{ type: 'ContinuousArchiving', status: 'True', reason: 'ContinuousArchivingSuccess' }],
    },
    health: { status: 'Healthy', reason: 'Cluster in healthy state (3/3 instances ready)' },
    actions: [
      action('backup-now', 'Back up now', allowed),
      action('switchover', 'Switch over', allowed, {
        confirm: 'Promote a replica?',
        params_schema: { type: 'object', required: ['target'] },
      }),
      action('hibernate', 'Hibernate', allowed, { confirm: 'Hibernate pg-main? Its pods are deleted.' }),
      action('wake', 'Wake from hibernation', allowed, { available: false, reason: 'pg-main is not hibernated' }),
    ],
  };
}

function fakeApi(routes: Record<string, unknown>) {
  const post = vi.fn(async (_path: string, _body?: unknown) => ({ result: {} }));
  const api: PluginApi = {
    get: (async (path: string) => {
      if (!(path in routes)) throw new Error(`unexpected GET ${path}`);
      return routes[path];
    }) as PluginApi['get'],
    post: post as unknown as PluginApi['post'],
    put: vi.fn() as unknown as PluginApi['put'],
    delete: vi.fn() as unknown as PluginApi['delete'],
    upload: vi.fn() as unknown as PluginApi['upload'],
    raw: vi.fn() as unknown as PluginApi['raw'],
  };
  return { api, post };
}

describe('cluster actions', () => {
  it('shows a viewer the cluster without a single action button', async () => {
    const { api } = fakeApi({ '/resources/backups': { items: [] } });
    render(<ClusterOverview api={api} clusterId="c1" cluster={pgMain(false)} reload={() => {}} />);
    expect(screen.getByRole('table', { name: 'Instances' })).toHaveTextContent('pg-main-1Primary');
    expect(screen.queryByRole('group', { name: 'Actions' })).not.toBeInTheDocument();
    expect(screen.queryAllByRole('button', { name: /Back up now|Switch over|Hibernate/ })).toEqual([]);
  });

  it('offers an operator the actions; one the state forbids is disabled with its reason', async () => {
    const { api, post } = fakeApi({ '/resources/backups': { items: [] } });
    const reload = vi.fn();
    render(<ClusterOverview api={api} clusterId="c1" cluster={pgMain(true)} reload={reload} />);
    const actions = screen.getByRole('group', { name: 'Actions' });
    expect(within(actions).getByRole('button', { name: 'Wake from hibernation' })).toBeDisabled();
    expect(within(actions).getByRole('button', { name: 'Wake from hibernation' })).toHaveAttribute(
      'title',
      'pg-main is not hibernated',
    );
    // No confirmation needed: backup now runs at once.
    fireEvent.click(within(actions).getByRole('button', { name: 'Back up now' }));
    await waitFor(() =>
      expect(post).toHaveBeenCalledWith('/resources/clusters/pg-main/actions/backup-now?namespace=payments', {}),
    );
    await waitFor(() => expect(reload).toHaveBeenCalled());
  });

  it('asks which replica to promote and says what a switchover does before doing it', async () => {
    const { api, post } = fakeApi({ '/resources/backups': { items: [] } });
    render(<ClusterOverview api={api} clusterId="c1" cluster={pgMain(true)} reload={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Switch over' }));
    const dialog = await screen.findByRole('dialog');
    const replica = within(dialog).getByLabelText('Replica to promote') as HTMLSelectElement;
    expect([...replica.options].map((o) => o.value)).toEqual(['pg-main-2', 'pg-main-3']);
    fireEvent.change(replica, { target: { value: 'pg-main-3' } });
    expect(dialog).toHaveTextContent(/Promote pg-main-3 to primary of pg-main\?.*pg-main-rw are disconnected/);
    expect(post).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Switch over' }));
    await waitFor(() =>
      expect(post).toHaveBeenCalledWith('/resources/clusters/pg-main/actions/switchover?namespace=payments', {
        params: { target: 'pg-main-3' },
      }),
    );
  });

  it('confirms hibernation with the text the server gives', async () => {
    const { api, post } = fakeApi({ '/resources/backups': { items: [] } });
    render(<ClusterOverview api={api} clusterId="c1" cluster={pgMain(true)} reload={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Hibernate' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Hibernate pg-main? Its pods are deleted.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(post).not.toHaveBeenCalled();
  });
});

describe('overview widget', () => {
  it('counts PostgreSQL clusters by health and names the ones that need a look', async () => {
    const item = (name: string, namespace: string, status: string, reason: string) => ({
      metadata: { name, namespace },
      health: { status, reason },
    });
    const { api } = fakeApi({
      '/resources/clusters': {
        items: [
          item('pg-main', 'payments', 'Healthy', 'ok'),
          item('pg-reporting', 'analytics', 'Progressing', 'Creating a new replica'),
        ],
      },
    });
    render(<ClustersWidget api={api} clusterId="c1" clusterName="demo" pluginId="cnpg" can={() => true} />);
    const counts = await screen.findByRole('list', { name: 'PostgreSQL clusters by health' });
    expect(within(counts).getByLabelText('Healthy: 1')).toBeInTheDocument();
    expect(within(counts).getByLabelText('Progressing: 1')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Clusters that need attention' })).toHaveTextContent(
      'analytics/pg-reporting',
    );
  });
});
