// @vitest-environment jsdom
// The notification centre and the firing-alerts view against the notification routes (fake-argus.tsx):
// filters kept in the query string and sent to the API, links to the objects' pages, marking read.
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertsView } from '@/components/notifications/AlertsView';
import { NotificationCentre } from '@/components/notifications/NotificationCentre';
import type { Alert } from '@/lib/notifications';
import { fakeArgus, note, renderApp } from './fake-argus';

vi.mock('next/link', () => import('../detail/next-mocks'));
vi.mock('next/navigation', () => import('../detail/next-mocks'));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const NOTES = [
  note({ id: 'n1' }),
  note({
    id: 'n2',
    type: 'NodeNotReady',
    severity: 'warning',
    title: 'Node worker-2 is NotReady',
    cluster_id: 'c2',
    resource_ref: { cluster_id: 'c2', group: '', version: 'v1', kind: 'Node', resource: 'nodes', name: 'worker-2' },
  }),
  note({
    id: 'n3',
    type: 'audit.role_changed',
    severity: 'info',
    title: 'Role operator given to bob',
    cluster_id: null,
    resource_ref: null,
    read_at: '2026-12-06T10:00:00Z',
  }),
];

const items = () => within(screen.getByRole('list', { name: 'Notification list' })).queryAllByRole('listitem');

describe('the notification centre', () => {
  beforeEach(() => window.history.replaceState(null, '', '/notifications'));

  it('lists notifications with links to their objects and marks one read', async () => {
    const { state, calls } = fakeArgus({ notifications: structuredClone(NOTES) });
    renderApp(<NotificationCentre />);
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(screen.getByText('2 unread')).toBeInTheDocument();
    const [first, second, third] = items();
    expect(within(first as HTMLElement).getByRole('link', { name: 'Open Deployment shop/web' })).toHaveAttribute(
      'href',
      '/clusters/c1/deployments/shop/web',
    );
    // A cluster-scoped object: `_` as namespace; the cluster by its name.
    expect(within(second as HTMLElement).getByRole('link', { name: 'Open Node worker-2' })).toHaveAttribute(
      'href',
      '/clusters/c2/nodes/_/worker-2',
    );
    expect(second).toHaveTextContent('cluster west');
    // Server-level events have nothing to open, and a read one no "Mark read".
    expect(within(third as HTMLElement).queryByRole('link')).toBeNull();
    expect(within(third as HTMLElement).queryByRole('button')).toBeNull();
    expect(third).toHaveAttribute('data-unread', 'false');

    fireEvent.click(within(first as HTMLElement).getByRole('button', { name: /Mark .* read/ }));
    await waitFor(() => expect(items()[0]).toHaveAttribute('data-unread', 'false'));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/notifications/n1/read']);
    expect(state.notifications[0]?.read_at).toBeTruthy();
    expect(screen.getByText('1 unread')).toBeInTheDocument();
  });

  it('filters by severity, type, cluster and unread, in the query string and the API request', async () => {
    const { calls } = fakeArgus({ notifications: structuredClone(NOTES) });
    renderApp(<NotificationCentre />);
    await waitFor(() => expect(items()).toHaveLength(3));

    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'warning' } });
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(items()[0]).toHaveTextContent('Node worker-2 is NotReady');
    expect(window.location.search).toBe('?severity=warning');
    expect(calls.at(-1)?.query.get('severity')).toBe('warning');

    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Cluster'), { target: { value: 'c1' } });
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(items()[0]).toHaveTextContent('crash-looping');
    expect(calls.at(-1)?.query.get('cluster_id')).toBe('c1');

    fireEvent.change(screen.getByLabelText('Cluster'), { target: { value: '' } });
    // Types seen in the list are offered besides the known ones.
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'audit.role_changed' } });
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(items()[0]).toHaveTextContent('Role operator given to bob');

    fireEvent.change(screen.getByLabelText('Type'), { target: { value: '' } });
    fireEvent.click(screen.getByLabelText('Unread only'));
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(window.location.search).toBe('?unread=true');
    expect(calls.at(-1)?.query.get('unread')).toBe('true');
  });

  it('opens with the filters of a shared link, and says when nothing matches', async () => {
    window.history.replaceState(null, '', '/notifications?severity=critical&cluster=c2');
    const { calls } = fakeArgus({ notifications: structuredClone(NOTES) });
    renderApp(<NotificationCentre />);
    await screen.findByText('No notification matches these filters.');
    expect(screen.getByLabelText('Severity')).toHaveValue('critical');
    const list = calls.find((c) => c.path === '/api/notifications');
    expect(list?.query.get('severity')).toBe('critical');
    expect(list?.query.get('cluster_id')).toBe('c2');
  });
});

const alert = (over: Partial<Alert> & { fingerprint: string }): Alert => ({
  type: 'CrashLoopBackOff',
  severity: 'warning',
  state: 'firing',
  source: 'cluster',
  cluster_id: 'c1',
  resource_ref: {
    cluster_id: 'c1',
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    resource: 'deployments',
    namespace: 'shop',
    name: 'web',
  },
  summary: 'Pods of Deployment shop/web are crash-looping',
  inhibited: false,
  started_at: new Date(Date.now() - 300_000).toISOString(),
  ...over,
});

const ALERTS = [
  alert({ fingerprint: 'a1' }),
  alert({
    fingerprint: 'a2',
    type: 'NodeNotReady',
    severity: 'critical',
    cluster_id: 'c2',
    resource_ref: { cluster_id: 'c2', group: '', version: 'v1', kind: 'Node', resource: 'nodes', name: 'worker-2' },
    summary: 'Node worker-2 is NotReady',
  }),
  alert({ fingerprint: 'a3', state: 'pending', type: 'ImagePullBackOff', summary: 'image pull failing' }),
  alert({ fingerprint: 'a4', state: 'resolved', resolved_at: new Date().toISOString(), summary: 'old one' }),
];

const rows = (name: string) => within(screen.getByRole('table', { name })).getAllByRole('row').slice(1);

describe('alerts', () => {
  beforeEach(() => window.history.replaceState(null, '', '/alerts'));

  it('shows what is going on across clusters, most severe first, with links to the objects', async () => {
    fakeArgus({ alerts: ALERTS });
    renderApp(<AlertsView />);
    await waitFor(() => expect(rows('Active alerts')).toHaveLength(3));
    const [a, b, c] = rows('Active alerts');
    expect(a).toHaveTextContent('critical');
    expect(a).toHaveTextContent('west');
    expect(within(a as HTMLElement).getByRole('link', { name: 'Node worker-2' })).toHaveAttribute(
      'href',
      '/clusters/c2/nodes/_/worker-2',
    );
    expect(b).toHaveTextContent('firing');
    expect(c).toHaveTextContent('pending');
    expect(screen.queryByText('old one')).toBeNull();

    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'resolved' } });
    await waitFor(() => expect(rows('Resolved alerts')).toHaveLength(1));
    expect(rows('Resolved alerts')[0]).toHaveTextContent('old one');
    expect(window.location.search).toBe('?state=resolved');
  });

  it('per cluster: only that cluster’s alerts, asked of the API by cluster_id', async () => {
    window.history.replaceState(null, '', '/clusters/c1/alerts');
    const { calls } = fakeArgus({ alerts: ALERTS });
    renderApp(<AlertsView clusterId="c1" />);
    await waitFor(() => expect(rows('Active alerts')).toHaveLength(2));
    expect(screen.getByRole('heading', { name: 'Alerts in east' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Cluster')).toBeNull();
    expect(calls.find((c) => c.path === '/api/alerts')?.query.get('cluster_id')).toBe('c1');
    expect(screen.queryByText('Node worker-2 is NotReady')).toBeNull();
  });
});
