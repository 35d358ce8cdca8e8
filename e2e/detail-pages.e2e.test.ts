// @vitest-environment node
// Kind-aware detail pages in Debian's Chromium against the real server and kube-sim's demo cluster (issue
// 23 item 1): screenshots of each kind's page in light and dark theme (e2e/screenshots/detail-*.png); a
// crash-looping pod's page shows its container's last termination and restarts; the payment-gateway
// Deployment's page lists its pods with CPU/memory and rolls back to an earlier revision (audited under the
// user); a node's page cordons it and drains it, a PodDisruptionBudget holding a pod until it is relaxed.
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Admin, addCluster, setupAdmin, signIn } from './support/argus-api.js';
import { type ArgusProcess, startArgus } from './support/argus-process.js';
import { chromiumAvailable, launch, screenshot } from './support/browser.js';
import { buildWeb } from './support/web-build.js';

const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

type Ref = { group: string; version: string; resource: string; kind: string; namespaced: boolean };
const ref = (group: string, version: string, resource: string, kind: string, namespaced = true): Ref => ({
  group,
  version,
  resource,
  kind,
  namespaced,
});
const PODS = ref('', 'v1', 'pods', 'Pod');
const DEPLOYMENTS = ref('apps', 'v1', 'deployments', 'Deployment');
const REPLICASETS = ref('apps', 'v1', 'replicasets', 'ReplicaSet');
const NODES = ref('', 'v1', 'nodes', 'Node', false);
const PDBS = ref('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget');
const QUOTAS = ref('', 'v1', 'resourcequotas', 'ResourceQuota');
const LIMITRANGES = ref('', 'v1', 'limitranges', 'LimitRange');

/** A stored object's fields, read loosely. */
interface Loose {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ kind: string }>;
    deletionTimestamp?: string;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** Whether a PodDisruptionBudget's matchLabels select a pod. */
function selects(pdb: Loose, pod: Loose): boolean {
  const sel = pdb.spec?.selector as { matchLabels?: Record<string, string> } | undefined;
  return Object.entries(sel?.matchLabels ?? {}).every(([k, v]) => pod.metadata.labels?.[k] === v);
}

describe.skipIf(!chromiumAvailable)('kind-aware detail pages', () => {
  let sim: KubeSim;
  let argus: ArgusProcess;
  let browser: Browser;
  let page: Page;
  let admin: Admin;
  let clusterId: string;

  const list = (r: Ref) => sim.store.list(r).items as unknown as Loose[];
  const get = (r: Ref, namespace: string | undefined, name: string) =>
    sim.store.get(r, namespace, name) as unknown as Loose | undefined;
  const first = (r: Ref, pick: (o: Loose) => boolean = () => true) => {
    const o = list(r).find(pick);
    if (!o) throw new Error(`the demo has no ${r.kind}`);
    return { namespace: o.metadata.namespace as string | undefined, name: o.metadata.name as string };
  };
  const open = async (segment: string, namespace: string | undefined, name: string, query = '') => {
    await page.goto(`${argus.url}/clusters/${clusterId}/${segment}/${namespace ?? '_'}/${name}${query}`);
  };
  /** Waits until the page has its kind's section and no list is still loading. */
  const settled = async (section: string) => {
    await page.getByRole('region', { name: section, exact: true }).first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByText('Loading…').count(), { timeout: 20_000 }).toBe(0);
    await page.waitForTimeout(500);
  };

  beforeAll(async () => {
    await buildWeb();
    sim = await startKubeSim({ scenario: 'demo' });
    argus = await startArgus();
    admin = await setupAdmin(argus.url, ADMIN.email, ADMIN.password);
    clusterId = await addCluster(admin, 'sim', sim.kubeconfig({ name: 'sim' }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await signIn(page, argus.url, ADMIN.email, ADMIN.password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await argus?.stop();
    await sim?.close();
  });

  it('draws each kind’s page, in light and dark theme', async () => {
    const gwRs = first(REPLICASETS, (o) => o.metadata.name.startsWith('payment-gateway-'));
    const crashing = first(PODS, (p) => JSON.stringify(p).includes('CrashLoopBackOff'));
    const sts = first(ref('apps', 'v1', 'statefulsets', 'StatefulSet'));
    const ds = first(ref('apps', 'v1', 'daemonsets', 'DaemonSet'));
    const pages: Array<[string, string, string | undefined, string, string]> = [
      ['pod', 'pods', crashing.namespace, crashing.name, 'Pod'],
      ['deployment', 'deployments', 'payments', 'payment-gateway', 'Deployment'],
      ['statefulset', 'statefulsets', sts.namespace, sts.name, 'StatefulSet'],
      ['daemonset', 'daemonsets', ds.namespace, ds.name, 'DaemonSet'],
      ['replicaset', 'replicasets', gwRs.namespace, gwRs.name, 'ReplicaSet'],
      ['job', 'jobs', 'payments', 'payment-gateway-migrate-2-8-1', 'Job'],
      ['cronjob', 'cronjobs', 'payments', 'settlement-report', 'CronJob'],
      ['service', 'services', 'payments', 'payment-gateway', 'Service'],
      ['ingress', 'ingresses', 'payments', 'payment-gateway', 'Ingress'],
      ['node', 'nodes', undefined, 'prod-worker-1', 'Node'],
      ['pvc', 'persistentvolumeclaims', 'cms', 'cms-uploads', 'PersistentVolumeClaim'],
      [
        'pv',
        'persistentvolumes',
        undefined,
        first(ref('', 'v1', 'persistentvolumes', 'PersistentVolume', false)).name,
        'PersistentVolume',
      ],
      ['storageclass', 'storageclasses', undefined, 'rook-cephfs', 'StorageClass'],
      ['configmap', 'configmaps', 'payments', 'payment-gateway-config', 'Data'],
      ['secret', 'secrets', 'payments', 'payment-gateway-stripe', 'Secret'],
      ['hpa', 'horizontalpodautoscalers', 'payments', 'payment-gateway', 'HorizontalPodAutoscaler'],
      ['role', 'roles', 'payments', 'payments-deployer', 'Rules'],
      ['clusterrole', 'clusterroles', undefined, 'view', 'Rules'],
      ['rolebinding', 'rolebindings', 'payments', 'payments-deployer', 'Subjects'],
      ['namespace', 'namespaces', undefined, 'payments', 'Namespace'],
    ];
    // The namespace page's quota (kube-sim counts its use), limit range and disruption budget: the demo's, or
    // seeded here when the demo has none.
    const inPayments = (r: Ref) => list(r).filter((o) => o.metadata.namespace === 'payments');
    const seeded: Array<[Ref, string]> = [];
    if (inPayments(QUOTAS).length === 0) {
      sim.store.create(QUOTAS, {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'compute', namespace: 'payments' },
        spec: { hard: { 'requests.cpu': '8', 'requests.memory': '16Gi', pods: '40' } },
      });
      seeded.push([QUOTAS, 'compute']);
    }
    if (inPayments(LIMITRANGES).length === 0) {
      sim.store.create(LIMITRANGES, {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'container-defaults', namespace: 'payments' },
        spec: {
          limits: [
            {
              type: 'Container',
              default: { cpu: '500m', memory: '512Mi' },
              defaultRequest: { cpu: '100m', memory: '128Mi' },
              max: { cpu: '2', memory: '4Gi' },
            },
          ],
        },
      });
      seeded.push([LIMITRANGES, 'container-defaults']);
    }
    if (inPayments(PDBS).length === 0) {
      sim.store.create(PDBS, {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'payment-gateway', namespace: 'payments' },
        spec: { minAvailable: 2, selector: { matchLabels: { app: 'payment-gateway' } } },
      });
      seeded.push([PDBS, 'payment-gateway']);
    }
    const quotaName = (inPayments(QUOTAS)[0] as Loose).metadata.name;
    const pdbName = (inPayments(PDBS)[0] as Loose).metadata.name;
    await open('namespaces', undefined, 'payments');
    const quota = page.getByRole('group', { name: `Quota ${quotaName}` });
    await expect
      .poll(async () => (await quota.textContent()) ?? '', { timeout: 20_000 })
      .toMatch(/pods\d+ of \d+ \(\d+%\)/);
    const pdbs = page.getByRole('table', { name: 'Pod disruption budgets' });
    await expect.poll(async () => (await pdbs.textContent()) ?? '', { timeout: 20_000 }).toContain(pdbName);
    expect(await page.getByRole('table', { name: 'Limit ranges' }).textContent()).not.toMatch(/\d+Mi\b|\d+Gi\b/);

    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate(`localStorage.setItem('argus.theme', '${theme}')`);
      for (const [file, segment, namespace, name, section] of pages) {
        await open(segment, namespace, name);
        await settled(section);
        expect(await page.evaluate("document.documentElement.classList.contains('dark')")).toBe(theme === 'dark');
        await screenshot(page, `detail-${file}-${theme}`);
      }
    }
    await page.evaluate(`localStorage.setItem('argus.theme', 'light')`);
    for (const [r, name] of seeded) sim.store.delete(r, 'payments', name);
  }, 300_000);

  it('shows a crash-looping pod’s last termination reason and restarts', async () => {
    const pod = list(PODS).find((p) => JSON.stringify(p.status).includes('CrashLoopBackOff'));
    if (!pod) throw new Error('the demo has no crash-looping pod');
    const status = (pod.status as { containerStatuses: Array<Record<string, unknown>> }).containerStatuses[0] as Record<
      string,
      unknown
    >;
    const container = status.name as string;
    const last = (status.lastState as { terminated: { reason: string; exitCode: number } }).terminated;
    await open('pods', pod.metadata.namespace, pod.metadata.name);
    const card = page.getByRole('region', { name: `Container ${container}` });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getByText('CrashLoopBackOff').count()).toBeGreaterThan(0);
    expect(await card.textContent()).toContain(`${status.restartCount} restarts`);
    expect(await card.getByTestId(`last-termination-${container}`).textContent()).toContain(
      `${last.reason} exit code ${last.exitCode}`,
    );
    // The server's describe, as kubectl words it
    await page.getByRole('tab', { name: 'Describe' }).click();
    const describe = page.getByTestId('describe-output');
    await expect
      .poll(async () => (await describe.textContent()) ?? '', { timeout: 20_000 })
      .toContain(pod.metadata.name);
    expect(await describe.textContent()).toContain('CrashLoopBackOff');
  }, 60_000);

  it('lists payment-gateway’s pods with CPU and memory and rolls it back to an earlier revision', async () => {
    const before = get(DEPLOYMENTS, 'payments', 'payment-gateway');
    const revision = Number(before?.metadata.annotations?.['deployment.kubernetes.io/revision']);
    await open('deployments', 'payments', 'payment-gateway');
    const pods = page.getByRole('table', { name: 'Pods of payment-gateway' });
    await pods.waitFor({ timeout: 20_000 });
    // usage from metrics.k8s.io next to the requests, in human units
    await expect
      .poll(async () => (await pods.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/\d+m \/ \d+m.*\d+(\.\d)? MiB \/ \d+(\.\d)? MiB/);
    const history = page.getByRole('table', { name: 'Revisions' });
    const target = revision - 1;
    await history.getByRole('button', { name: `Roll back to revision ${target}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`--to-revision=${target}`).waitFor();
    await screenshot(page, 'detail-deployment-rollback-confirm');
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    // kubectl's semantics: the ReplicaSet of the chosen revision becomes the newest revision
    await expect
      .poll(
        () =>
          get(DEPLOYMENTS, 'payments', 'payment-gateway')?.metadata.annotations?.['deployment.kubernetes.io/revision'],
        { timeout: 20_000 },
      )
      .toBe(String(revision + 1));
    await expect
      .poll(async () => (await history.getByRole('row').filter({ hasText: 'current' }).textContent()) ?? '', {
        timeout: 20_000,
      })
      .toMatch(new RegExp(`^${revision + 1}`));
    const audit = await admin.call<{ items: Array<{ path: string; user_email: string | null; outcome: string }> }>(
      'GET',
      '/api/audit-log?limit=50',
      undefined,
      admin.token,
    );
    expect(audit.items.find((e) => e.path.includes('/deployments/payment-gateway/rollback'))).toMatchObject({
      user_email: ADMIN.email,
      outcome: 'success',
    });
  }, 90_000);

  it('cordons a node and drains it, a PodDisruptionBudget holding its pod until relaxed', async () => {
    const node = 'prod-worker-1';
    // A budget that allows no disruption for one ReplicaSet-owned pod on the node.
    const held = list(PODS).find(
      (p) =>
        p.spec?.nodeName === node &&
        p.status?.phase === 'Running' &&
        p.metadata.ownerReferences?.some((o) => o.kind === 'ReplicaSet') &&
        p.metadata.labels?.['pod-template-hash'] &&
        !list(PDBS).some((b) => b.metadata.namespace === p.metadata.namespace && selects(b, p)),
    );
    if (!held) throw new Error(`no ReplicaSet pod on ${node}`);
    const selector = { 'pod-template-hash': held.metadata.labels?.['pod-template-hash'] as string };
    sim.store.create(PDBS, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'e2e-hold', namespace: held.metadata.namespace },
      spec: { maxUnavailable: 0, selector: { matchLabels: selector } },
    });

    await open('nodes', undefined, node);
    const section = page.getByRole('region', { name: 'Node', exact: true });
    await section.waitFor({ timeout: 20_000 });
    await section.getByRole('button', { name: 'Cordon' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cordon' }).click();
    await expect.poll(() => get(NODES, undefined, node)?.spec?.unschedulable, { timeout: 20_000 }).toBe(true);
    await section.getByText('SchedulingDisabled').waitFor({ timeout: 20_000 });

    await section.getByRole('button', { name: 'Drain' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Give up after (seconds)').fill('3');
    await dialog.getByRole('button', { name: 'Drain' }).click();
    const blocked = page.getByRole('status', { name: 'Drain blocked' });
    await blocked.waitFor({ timeout: 60_000 });
    expect(await blocked.textContent()).toContain(held.metadata.name);
    expect(get(PODS, held.metadata.namespace, held.metadata.name)).toBeTruthy();
    await screenshot(page, 'detail-node-drain-blocked');

    // Relaxed, the budget lets the drain evict the pod.
    const pdb = sim.store.mustGet(PDBS, held.metadata.namespace, 'e2e-hold');
    sim.store.update(PDBS, { ...pdb, spec: { ...(pdb.spec as object), maxUnavailable: 1 } });
    await section.getByRole('button', { name: 'Drain' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Give up after (seconds)').fill('30');
    await dialog.getByRole('button', { name: 'Drain' }).click();
    const done = page.getByRole('status', { name: 'Drain result' });
    await done.waitFor({ timeout: 90_000 });
    expect(await done.getByRole('table', { name: 'Evicted pods' }).textContent()).toContain(held.metadata.name);
    await screenshot(page, 'detail-node-drained');
    const left = list(PODS).filter(
      (p) =>
        p.spec?.nodeName === node &&
        !p.metadata.deletionTimestamp &&
        !p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet'),
    );
    expect(left.map((p) => p.metadata.name)).toEqual([]);
  }, 180_000);
});
