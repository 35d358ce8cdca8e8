// @vitest-environment jsdom
// What a user sees of a MariaDB: no action buttons for a viewer; for an operator the switchover dialog offers
// the other pods — or, while a switchover runs (the demo's Galera cluster), only the current primary, which
// cancels it — and sends the chosen pod; the replication threads per pod.
import '@testing-library/jest-dom/vitest';
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MariaDB } from '../shared/types';
import { MariadbOverview } from './MariadbOverview';
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

function mariadb(name: string, allowed: boolean, galeraSwitching = false): Detail<MariaDB> {
  return {
    metadata: { name, namespace: 'shop' },
    spec: galeraSwitching
      ? { replicas: 3, galera: { enabled: true, primary: { podIndex: 1 } } }
      : { replicas: 3, replication: { enabled: true, primary: { podIndex: 0 } } },
    status: {
      replicas: 3,
      currentPrimary: `${name}-0`,
      currentPrimaryPodIndex: 0,
      conditions: [
        galeraSwitching
          ? { type: 'Ready', status: 'False', reason: 'SwitchPrimary', message: `Switching primary to '${name}-1'` }
          : { type: 'Ready', status: 'True', reason: 'StatefulSetReady', message: 'Running' },
      ],
      replication: galeraSwitching
        ? undefined
        : {
            roles: { [`${name}-0`]: 'Primary', [`${name}-1`]: 'Replica', [`${name}-2`]: 'Replica' },
            replicas: {
              [`${name}-1`]: { slaveIORunning: true, slaveSQLRunning: true, secondsBehindMaster: 0 },
              [`${name}-2`]: { slaveIORunning: false, slaveSQLRunning: true, lastIOError: 'connection refused' },
            },
          },
    },
    health: galeraSwitching
      ? { status: 'Progressing', reason: `Switching primary to '${name}-1'` }
      : { status: 'Healthy', reason: 'Running' },
    actions: [
      action('switchover', 'Switch primary', allowed, { params_schema: { type: 'object', required: ['target'] } }),
      action('backup-now', 'Back up now', allowed),
      action('suspend', 'Suspend reconciliation', allowed, { confirm: 'Suspend the reconciliation?' }),
    ],
  };
}

function fakeApi() {
  const post = vi.fn(async (_path: string, _body?: unknown) => ({ result: {} }));
  const api = {
    get: vi.fn(),
    post,
    put: vi.fn(),
    delete: vi.fn(),
    upload: vi.fn(),
    raw: vi.fn(),
  } as unknown as PluginApi;
  return { api, post };
}

describe('MariadbOverview', () => {
  it('offers a viewer no action, and shows the replication threads', () => {
    const { api } = fakeApi();
    render(<MariadbOverview api={api} mariadb={mariadb('mariadb-repl', false)} reload={() => undefined} />);
    expect(screen.queryByRole('group', { name: 'Actions' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Switch primary' })).toBeNull();
    const pods = screen.getByRole('table', { name: 'Pods' });
    const row2 = within(pods).getByText('mariadb-repl-2').closest('tr') as HTMLElement;
    expect(row2).toHaveTextContent('Replica');
    expect(row2).toHaveTextContent('connection refused');
  });

  it('asks which pod becomes primary and sends it', async () => {
    const { api, post } = fakeApi();
    const reload = vi.fn();
    render(<MariadbOverview api={api} mariadb={mariadb('mariadb-repl', true)} reload={reload} />);
    fireEvent.click(screen.getByRole('button', { name: 'Switch primary' }));
    const dialog = await screen.findByRole('dialog');
    const select = within(dialog).getByLabelText('New primary') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['mariadb-repl-1', 'mariadb-repl-2']);
    fireEvent.change(select, { target: { value: 'mariadb-repl-2' } });
    expect(dialog).toHaveTextContent('Make mariadb-repl-2 the primary of mariadb-repl?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Switch primary' }));
    await waitFor(() => expect(post).toHaveBeenCalled());
    expect(post).toHaveBeenCalledWith('/resources/mariadbs/mariadb-repl/actions/switchover?namespace=shop', {
      params: { target: 'mariadb-repl-2' },
    });
    await waitFor(() => expect(reload).toHaveBeenCalled());
  });

  it('offers only the current primary while a switchover runs (choosing it cancels the switchover)', async () => {
    const { api } = fakeApi();
    render(<MariadbOverview api={api} mariadb={mariadb('mariadb-galera', true, true)} reload={() => undefined} />);
    expect(screen.getByText('mariadb-galera-1', { selector: 'dd' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Switch primary' }));
    const dialog = await screen.findByRole('dialog');
    const select = within(dialog).getByLabelText('New primary') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['mariadb-galera-0']);
    expect(dialog).toHaveTextContent(
      'Cancel the switchover of mariadb-galera to mariadb-galera-1? mariadb-galera-0 stays the primary.',
    );
  });
});
