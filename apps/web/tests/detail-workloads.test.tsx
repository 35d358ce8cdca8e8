// @vitest-environment jsdom
// Kind-aware detail pages for workloads, on kube-sim's demo objects: a crash-looping pod's containers
// (state, restarts, last termination, env from Secrets as references), the payment-gateway Deployment's
// counts, pods and revisions with a confirmed roll back, a CronJob's schedule in words, trigger and suspend.
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '@/lib/kube';
import { demo, demoOf, find, serveDemo, showDetail } from './detail/demo-api';

vi.mock('@/lib/plugin-frontends.generated', () => ({ PLUGIN_FRONTENDS: {} }));
vi.mock('next/link', () => import('./detail/next-mocks'));
vi.mock('next/navigation', () => import('./detail/next-mocks'));

// jsdom lays nothing out; the log view scrolls to its end.
Element.prototype.scrollIntoView = () => {};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const crashLooping = () => {
  const pod = demoOf('Pod', (p) => JSON.stringify(p.status?.containerStatuses ?? '').includes('CrashLoopBackOff'))[0];
  if (!pod) throw new Error('the demo has no crash-looping pod');
  return pod;
};

describe('Pod page', () => {
  it('shows each container’s state, restarts and last termination reason', async () => {
    const pod = crashLooping();
    serveDemo({});
    showDetail('pods', pod.metadata.namespace, pod.metadata.name);
    const status = (pod.status as { containerStatuses: Array<Record<string, unknown>> }).containerStatuses[0] as Record<
      string,
      unknown
    >;
    const name = status.name as string;
    const card = await screen.findByRole('region', { name: `Container ${name}` });
    expect(within(card).getByText('CrashLoopBackOff')).toBeInTheDocument();
    expect(card).toHaveTextContent(`${status.restartCount} restarts`);
    const last = (status.lastState as { terminated: { reason: string; exitCode: number } }).terminated;
    expect(within(card).getByTestId(`last-termination-${name}`)).toHaveTextContent(
      `${last.reason} exit code ${last.exitCode}`,
    );
    // requests and limits in human units, never raw quantities
    expect(card).toHaveTextContent(/Requests\s*CPU 500m, memory 1 GiB/);
    // node and owner as links
    const podSection = screen.getByRole('region', { name: 'Pod' });
    expect(within(podSection).getByRole('link', { name: pod.spec?.nodeName as string })).toHaveAttribute(
      'href',
      `/clusters/east/nodes/_/${pod.spec?.nodeName}`,
    );
    const owner = pod.metadata.ownerReferences?.[0];
    expect(within(podSection).getByRole('link', { name: owner?.name })).toHaveAttribute(
      'href',
      `/clusters/east/replicasets/${pod.metadata.namespace}/${owner?.name}`,
    );
    expect(podSection).toHaveTextContent(`QoS class${pod.status?.qosClass}`);
    expect(screen.getByRole('table', { name: 'Tolerations' })).toHaveTextContent('node.kubernetes.io/not-ready');
  });

  it('shows env from a Secret as a reference and never reads the Secret', async () => {
    const pod = structuredClone(find('Pod', crashLooping().metadata.namespace, crashLooping().metadata.name));
    const c = (pod.spec as { containers: Array<Record<string, unknown>> }).containers[0] as Record<string, unknown>;
    c.env = [
      { name: 'STRIPE_KEY', valueFrom: { secretKeyRef: { name: 'payment-gateway-stripe', key: 'api-key' } } },
      { name: 'LOG_LEVEL', value: 'debug' },
    ];
    const calls = serveDemo({ objects: [pod, ...demo.filter((o) => o.metadata.uid !== pod.metadata.uid)] });
    showDetail('pods', pod.metadata.namespace, pod.metadata.name);
    const env = await screen.findByRole('table', { name: `Environment of ${c.name}` });
    expect(env).toHaveTextContent('STRIPE_KEY');
    expect(env).toHaveTextContent('Secret payment-gateway-stripe key api-key');
    expect(env).toHaveTextContent('debug');
    expect(env).not.toHaveTextContent('sk_test');
    expect(calls.some((x) => x.url.includes('/secrets'))).toBe(false);
  });

  it('opens the logs of one container from its card', async () => {
    const pod = find(
      'Pod',
      'payments',
      demoOf('Pod', (p) => p.metadata.name.startsWith('payment-gateway-'))[0]?.metadata.name ?? '',
    );
    serveDemo({});
    showDetail('pods', 'payments', pod.metadata.name);
    fireEvent.click(await screen.findByRole('button', { name: 'Logs of istio-proxy' }));
    await waitFor(() => expect(window.location.search).toBe('?tab=logs&container=istio-proxy'));
    expect(await screen.findByRole('combobox', { name: 'Container' })).toHaveTextContent('istio-proxy');
  });
});

describe('Deployment page', () => {
  const revisions = {
    items: [
      {
        revision: 4,
        name: 'payment-gateway-new',
        created_at: '2026-01-01T00:00:00Z',
        images: ['ghcr.io/acme/payment-gateway:2.8.1'],
        current: true,
      },
      {
        revision: 3,
        name: 'payment-gateway-old',
        created_at: '2025-12-01T00:00:00Z',
        images: ['ghcr.io/acme/payment-gateway:2.8.0'],
        current: false,
      },
    ],
  };

  it('shows replica counts, strategy, its pods with usage, and rolls back to a chosen revision', async () => {
    const d = find('Deployment', 'payments', 'payment-gateway');
    const pods = demoOf(
      'Pod',
      (p) => p.metadata.namespace === 'payments' && p.metadata.labels?.app === 'payment-gateway',
    );
    const calls = serveDemo({
      handlers: {
        'GET /revisions': () => revisions,
        'POST /rollback': () => ({ revision: 3 }),
        'GET /top/pods': () => ({
          available: true,
          items: pods.map((p, i) => ({
            namespace: 'payments',
            name: p.metadata.name,
            cpu_millicores: 120 + i,
            memory_bytes: 300 * 2 ** 20,
            containers: [],
            requests: { cpu_millicores: 260, memory_bytes: 552 * 2 ** 20 },
            limits: {},
          })),
        }),
      },
    });
    showDetail('deployments', 'payments', 'payment-gateway');
    const counts = await screen.findByRole('list', { name: 'Replicas' });
    expect(counts).toHaveTextContent(`Desired${d.spec?.replicas}`);
    expect(screen.getByRole('region', { name: 'Deployment' })).toHaveTextContent(/RollingUpdate/);
    const table = await screen.findByRole('table', { name: 'Pods of payment-gateway' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(pods.length + 1));
    await waitFor(() => expect(table).toHaveTextContent('120m / 260m'));
    expect(table).toHaveTextContent('300 MiB / 552 MiB');

    const history = await screen.findByRole('table', { name: 'Revisions' });
    await within(history).findByText('ghcr.io/acme/payment-gateway:2.8.0');
    expect(within(history).queryByRole('button', { name: 'Roll back to revision 4' })).toBeNull();
    fireEvent.click(within(history).getByRole('button', { name: 'Roll back to revision 3' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('kubectl rollout undo --to-revision=3');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: 'POST',
        url: '/api/clusters/east/resources/apps/v1/deployments/payment-gateway/rollback?namespace=payments',
        body: { revision: 3 },
      }),
    );
  });

  it('offers no roll back to a user who may only read', async () => {
    serveDemo({
      admin: false,
      permissions: [{ resource: 'resources', action: 'read' }],
      handlers: { 'GET /revisions': () => revisions },
    });
    showDetail('deployments', 'payments', 'payment-gateway');
    const history = await screen.findByRole('table', { name: 'Revisions' });
    await within(history).findByText('ghcr.io/acme/payment-gateway:2.8.0');
    expect(within(history).queryByRole('button', { name: /Roll back/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Scale' })).toBeNull();
  });

  it('scales through the scale operation', async () => {
    const calls = serveDemo({ handlers: { 'POST /scale': (c) => c.body } });
    showDetail('deployments', 'payments', 'payment-gateway');
    fireEvent.click(await screen.findByRole('button', { name: 'Scale' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Replicas'), { target: { value: '5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Scale' }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: 'POST',
        url: '/api/clusters/east/resources/apps/v1/deployments/payment-gateway/scale?namespace=payments',
        body: { replicas: 5 },
      }),
    );
  });
});

describe('Job and CronJob pages', () => {
  it('shows the schedule in words, last and next run, its jobs; triggers and suspends', async () => {
    const cron = find('CronJob', 'payments', 'settlement-report');
    const jobs = demoOf('Job', (j) => j.metadata.ownerReferences?.some((o) => o.uid === cron.metadata.uid) ?? false);
    const calls = serveDemo({
      handlers: {
        'POST /trigger': () => ({ job: { namespace: 'payments', name: 'settlement-report-manual-x1' } }),
        'PATCH /settlement-report': (c) => ({ ...cron, spec: { ...cron.spec, ...(c.body as { spec: object }).spec } }),
      },
    });
    showDetail('cronjobs', 'payments', 'settlement-report');
    const section = await screen.findByRole('region', { name: 'CronJob' });
    expect(section).toHaveTextContent('Every hour at minute 00 (UTC)');
    expect(section).toHaveTextContent(/Next runin [\dhms ]+ \(\d{4}-\d\d-\d\dT\d\d:00:00\.000Z\)/);
    const table = await screen.findByRole('table', { name: 'Jobs of settlement-report' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(jobs.length + 1));
    expect(table).toHaveTextContent('Failed');

    fireEvent.click(within(section).getByRole('button', { name: 'Trigger now' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Trigger' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Created Job settlement-report-manual-x1');
    fireEvent.click(within(section).getByRole('button', { name: 'Suspend' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Suspend' }));
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: 'PATCH',
        url: '/api/clusters/east/resources/batch/v1/cronjobs/settlement-report?namespace=payments',
        body: { spec: { suspend: true } },
      }),
    );
    expect(
      calls.some((c) => c.method === 'POST' && c.url.endsWith('/settlement-report/trigger?namespace=payments')),
    ).toBe(true);
  });

  it('shows a Job’s completions, its pods and the CronJob that made it', async () => {
    const job = demoOf('Job', (j) => j.metadata.ownerReferences?.[0]?.kind === 'CronJob')[0] as KubeObject;
    serveDemo({});
    showDetail('jobs', job.metadata.namespace, job.metadata.name);
    const section = await screen.findByRole('region', { name: 'Job' });
    expect(section).toHaveTextContent(/Completions[01]\/1/);
    const owner = job.metadata.ownerReferences?.[0]?.name as string;
    expect(within(section).getByRole('link', { name: owner })).toHaveAttribute(
      'href',
      `/clusters/east/cronjobs/${job.metadata.namespace}/${owner}`,
    );
  });
});
