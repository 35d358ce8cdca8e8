// @vitest-environment jsdom
// Kind-aware detail pages for cluster kinds, on kube-sim's demo objects: a node's capacity in human units,
// taints, pods, cordon and a drain a PodDisruptionBudget refuses; a namespace's quota usage, limit ranges
// and disruption budgets; storage binding and capacity; RBAC rules and who is bound to a role.
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '@/lib/kube';
import { demo, demoOf, find, serveDemo, showDetail } from './detail/demo-api';

vi.mock('@/lib/plugin-frontends.generated', () => ({ PLUGIN_FRONTENDS: {} }));
vi.mock('next/link', () => import('./detail/next-mocks'));
vi.mock('next/navigation', () => import('./detail/next-mocks'));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('Node page', () => {
  it('shows capacity in human units, usage, taints and the pods on it', async () => {
    const node = find('Node', undefined, 'prod-worker-1');
    const onNode = demoOf('Pod', (p) => p.spec?.nodeName === 'prod-worker-1');
    serveDemo({
      handlers: {
        'GET /top/nodes': () => ({
          available: true,
          items: [
            { name: 'prod-worker-1', cpu_millicores: 1500, memory_bytes: 6 * 2 ** 30, allocatable: {}, capacity: {} },
          ],
        }),
      },
    });
    showDetail('nodes', undefined, 'prod-worker-1');
    const table = await screen.findByRole('table', { name: 'Capacity and allocatable' });
    expect(table).not.toHaveTextContent(/\d+Ki\b/);
    expect(table).toHaveTextContent(/memory\s*[\d.]+ GiB/);
    expect(JSON.stringify(node.status?.capacity)).toMatch(/Ki"/); // the demo's raw quantities are in Ki
    await waitFor(() =>
      expect(screen.getByRole('meter', { name: 'CPU use' })).toHaveAttribute(
        'aria-valuetext',
        expect.stringMatching(/%$/),
      ),
    );
    expect(screen.getByRole('region', { name: 'Resources' })).toHaveTextContent('1.5 cores of');
    const pods = await screen.findByRole('table', { name: 'Pods on prod-worker-1' });
    await waitFor(() => expect(within(pods).getAllByRole('row')).toHaveLength(onNode.length + 1));
  });

  it('cordons, and says which pods a PodDisruptionBudget kept when a drain is refused', async () => {
    const calls = serveDemo({
      handlers: {
        'POST /cordon': () => ({ unschedulable: true }),
        'POST /drain': () =>
          new Response(
            JSON.stringify({
              error: {
                code: 'DRAIN_BLOCKED',
                message: 'Cannot evict payments/pg-main-1: PodDisruptionBudget pg-main-pdb',
              },
              blocked: [
                {
                  namespace: 'payments',
                  name: 'pg-main-1',
                  reason: 'PodDisruptionBudget payments/pg-main-pdb allows no disruption',
                },
              ],
            }),
            { status: 409 },
          ),
      },
    });
    showDetail('nodes', undefined, 'prod-worker-1');
    const section = await screen.findByRole('region', { name: 'Node' });
    fireEvent.click(within(section).getByRole('button', { name: 'Cordon' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cordon' }));
    await waitFor(() =>
      expect(
        calls.some(
          (c) => c.method === 'POST' && c.url === '/api/clusters/east/resources/core/v1/nodes/prod-worker-1/cordon',
        ),
      ).toBe(true),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.click(within(section).getByRole('button', { name: 'Drain' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('PodDisruptionBudgets respected');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Drain' }));
    const blocked = await screen.findByRole('status', { name: 'Drain blocked' });
    expect(blocked).toHaveTextContent('payments/pg-main-1');
    expect(blocked).toHaveTextContent('PodDisruptionBudget payments/pg-main-pdb allows no disruption');
    expect(calls.find((c) => c.url.endsWith('/drain'))?.body).toEqual({
      ignore_daemonsets: true,
      delete_emptydir_data: false,
      timeout_seconds: 60,
    });
  });

  it('offers neither cordon nor drain to a reader', async () => {
    serveDemo({ admin: false, permissions: [{ resource: 'resources', action: 'read' }] });
    showDetail('nodes', undefined, 'prod-worker-1');
    await screen.findByRole('region', { name: 'Node' });
    expect(screen.queryByRole('button', { name: 'Drain' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cordon' })).toBeNull();
  });
});

describe('Namespace page', () => {
  const extra: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute', namespace: 'payments', uid: 'q1' },
      spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '20' } },
      status: {
        hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '20' },
        used: { 'requests.cpu': '1500m', 'requests.memory': '3Gi', pods: '7' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: 'payments', uid: 'l1' },
      spec: {
        limits: [
          {
            type: 'Container',
            default: { memory: '512Mi' },
            defaultRequest: { cpu: '100m', memory: '256Mi' },
            max: { cpu: '2' },
          },
        ],
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'payment-gateway', namespace: 'payments', uid: 'p1' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'payment-gateway' } } },
      status: { currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 },
    },
  ];

  it('shows quota usage, limit ranges and disruption budgets', async () => {
    serveDemo({ objects: [...demo, ...extra] });
    showDetail('namespaces', undefined, 'payments');
    const quota = await screen.findByRole('group', { name: 'Quota compute' });
    await waitFor(() =>
      expect(within(quota).getByRole('meter', { name: 'requests.cpu use' })).toHaveAttribute('aria-valuenow', '38'),
    );
    expect(quota).toHaveTextContent('1.5 cores of 4 cores (38%)');
    expect(quota).toHaveTextContent('3 GiB of 8 GiB (38%)');
    expect(quota).toHaveTextContent('7 of 20 (35%)');
    const limits = screen.getByRole('table', { name: 'Limit ranges' });
    await waitFor(() => expect(limits).toHaveTextContent('512 MiB'));
    expect(limits).toHaveTextContent('256 MiB');
    const pdbs = screen.getByRole('table', { name: 'Pod disruption budgets' });
    await waitFor(() => expect(pdbs).toHaveTextContent('min available 2'));
    expect(pdbs).toHaveTextContent('3 of 3 (needs 2)');
  });

  it('says calmly when a namespace has none', async () => {
    serveDemo({});
    showDetail('namespaces', undefined, 'cms');
    expect(await screen.findByText('No quotas: the namespace may use what the cluster has.')).toBeInTheDocument();
  });
});

describe('storage pages', () => {
  it('shows a claim’s binding and capacity, the volume’s claim and the class’s volumes', async () => {
    const pvc = find('PersistentVolumeClaim', 'cms', 'cms-uploads');
    const pv = pvc.spec?.volumeName as string;
    serveDemo({});
    showDetail('persistentvolumeclaims', 'cms', 'cms-uploads');
    const section = await screen.findByRole('region', { name: 'PersistentVolumeClaim' });
    expect(section).toHaveTextContent('Bound');
    expect(section).toHaveTextContent(/Capacity10 GiB/);
    expect(within(section).getByRole('link', { name: pv })).toHaveAttribute(
      'href',
      `/clusters/east/persistentvolumes/_/${pv}`,
    );
    cleanup();

    showDetail('persistentvolumes', undefined, pv);
    const pvSection = await screen.findByRole('region', { name: 'PersistentVolume' });
    expect(within(pvSection).getByRole('link', { name: 'cms/cms-uploads' })).toBeInTheDocument();
    expect(pvSection).toHaveTextContent('csi (rook-ceph.cephfs.csi.ceph.com)');
    cleanup();

    const sc = pvc.spec?.storageClassName as string;
    showDetail('storageclasses', undefined, sc);
    const vols = await screen.findByRole('table', { name: `Volumes of ${sc}` });
    await within(vols).findByRole('link', { name: pv });
  });
});

describe('RBAC pages', () => {
  it('shows a Role’s rules as a table and the bindings that grant it, with subjects', async () => {
    serveDemo({});
    showDetail('roles', 'payments', 'payments-deployer');
    const rules = await screen.findByRole('table', { name: 'Rules' });
    expect(within(rules).getAllByRole('row').length).toBeGreaterThan(1);
    const bindings = await screen.findByRole('table', { name: 'Bindings' });
    await waitFor(() => expect(bindings).toHaveTextContent('Group team-payments'));
    expect(bindings).toHaveTextContent('ServiceAccount payments/payment-gateway');
    expect(bindings).not.toHaveTextContent('payments-view'); // binds the ClusterRole view, not this Role
  });

  it('shows a binding’s role and subjects', async () => {
    serveDemo({});
    showDetail('rolebindings', 'payments', 'payments-view');
    const role = await screen.findByRole('region', { name: 'Role' });
    expect(within(role).getByRole('link', { name: 'view' })).toHaveAttribute(
      'href',
      '/clusters/east/clusterroles/_/view',
    );
    expect(screen.getByRole('table', { name: 'Subjects' })).toHaveTextContent('auditors');
  });
});
