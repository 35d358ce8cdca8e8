import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../store/types.js';
import { createHarness, deployment } from './controllers-test-helpers.js';
import { DAEMONSETS, DEPLOYMENTS, EVENTS, JOBS, PODS, PVCS, REPLICASETS, STATEFULSETS } from './refs.js';

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk plain JSON
type J = Record<string, any>;
const status = (o: KubeObject | undefined): J => (o?.status as J) ?? {};
const phases = (pods: KubeObject[]) => pods.map((p) => status(p).phase).sort();

/** What `kubectl rollout status` checks for a Deployment. */
function rolledOut(d: KubeObject): boolean {
  const s = status(d);
  const want = (d.spec as J).replicas;
  return (
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want
  );
}

function setReplicas(h: ReturnType<typeof createHarness>, name: string, replicas: number): void {
  const d = structuredClone(h.store.get(DEPLOYMENTS, 'default', name)!);
  (d.spec as J).replicas = replicas;
  h.store.update(DEPLOYMENTS, d);
}

describe('controllers', () => {
  it('Deployment → ReplicaSet → Pods that go Pending → Running, scaled 3 → 5 → 1', () => {
    const h = createHarness();
    h.store.create(DEPLOYMENTS, deployment('web', 3));
    h.controllers.tick();
    const rsList = h.store.list(REPLICASETS, { namespace: 'default' }).items;
    expect(rsList).toHaveLength(1);
    const rs = rsList[0]!;
    const hash = rs.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true }),
    ]);
    expect(rs.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');

    let pods = h.pods();
    expect(pods).toHaveLength(3);
    expect(phases(pods)).toEqual(['Pending', 'Pending', 'Pending']);
    expect(pods.every((p) => p.metadata.name!.startsWith(`web-${hash}-`))).toBe(true);
    expect(pods.map((p) => (p.spec as J).nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(status(pods[0]).containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    expect(status(h.store.get(DEPLOYMENTS, 'default', 'web'))).toMatchObject({ observedGeneration: 1, replicas: 3 });

    h.run(1000);
    pods = h.pods();
    expect(phases(pods)).toEqual(['Running', 'Running', 'Running']);
    const p = status(pods[0]);
    expect(p.podIP).toMatch(/^10\.244\.[123]\.\d+$/);
    expect(p.hostIP).toMatch(/^172\.18\.0\.\d$/);
    expect(p.conditions.find((c: J) => c.type === 'Ready').status).toBe('True');
    expect(p.containerStatuses[0]).toMatchObject({ ready: true, started: true, restartCount: 0 });
    const d = h.store.get(DEPLOYMENTS, 'default', 'web')!;
    expect(rolledOut(d)).toBe(true);
    expect(status(d).conditions).toEqual([
      expect.objectContaining({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }),
      expect.objectContaining({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }),
    ]);
    expect(d.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');

    setReplicas(h, 'web', 5);
    h.run(1000);
    expect(h.pods()).toHaveLength(5);
    expect(rolledOut(h.store.get(DEPLOYMENTS, 'default', 'web')!)).toBe(true);
    setReplicas(h, 'web', 1);
    h.run(1000);
    expect(h.pods()).toHaveLength(1);
    const done = h.store.get(DEPLOYMENTS, 'default', 'web')!;
    expect(rolledOut(done)).toBe(true);
    expect(status(done).observedGeneration).toBe(3);

    const reasons = h.store.list(EVENTS, { namespace: 'default' }).items.map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toContain(`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`);
    expect(reasons).toContain(`ScalingReplicaSet: Scaled up replica set web-${hash} from 3 to 5`);
    expect(reasons).toContain(`ScalingReplicaSet: Scaled down replica set web-${hash} from 5 to 1`);
    expect(reasons.some((r) => r.startsWith(`SuccessfulCreate: Created pod: web-${hash}-`))).toBe(true);
    expect(reasons.some((r) => /^Scheduled: Successfully assigned default\/web-\w+-\w+ to node-\d$/.test(r))).toBe(
      true,
    );
    for (const r of [
      'Pulled: Container image "nginx:1.27" already present on machine',
      'Created: Created container: web',
      'Started: Started container web',
    ]) {
      expect(reasons).toContain(r);
    }
    const started = h.store.list(EVENTS, { namespace: 'default' }).items.find((e) => e.reason === 'Started')!;
    expect(started).toMatchObject({ type: 'Normal', count: 1, source: { component: 'kubelet' } });
    expect((started.involvedObject as J).kind).toBe('Pod');
    expect((started.involvedObject as J).fieldPath).toBe('spec.containers{web}');
    expect(started.firstTimestamp).toBe(started.lastTimestamp);
  });

  it('a template change rolls out: new ReplicaSet up, old down, every pod replaced', () => {
    const h = createHarness();
    h.store.create(DEPLOYMENTS, deployment('api', 4));
    h.run(2000);
    const before = new Set(h.pods().map((p) => p.metadata.name));
    const d = structuredClone(h.store.get(DEPLOYMENTS, 'default', 'api')!);
    ((d.spec as J).template.spec.containers[0] as J).image = 'nginx:1.28';
    h.store.update(DEPLOYMENTS, d);
    h.controllers.tick();
    const mid = h.store.get(DEPLOYMENTS, 'default', 'api')!;
    expect(rolledOut(mid)).toBe(false);
    expect(status(mid).observedGeneration).toBe(2);
    expect(h.store.list(REPLICASETS, { namespace: 'default' }).items).toHaveLength(2);
    // maxSurge 25% of 4 = 1: never more than 5 pods
    let maxPods = 0;
    for (let i = 0; i < 20 && !rolledOut(h.store.get(DEPLOYMENTS, 'default', 'api')!); i++) {
      h.run(500);
      maxPods = Math.max(maxPods, h.pods().length);
    }
    const after = h.store.get(DEPLOYMENTS, 'default', 'api')!;
    expect(rolledOut(after)).toBe(true);
    expect(maxPods).toBeLessThanOrEqual(5);
    const pods = h.pods();
    expect(pods).toHaveLength(4);
    expect(pods.some((p) => before.has(p.metadata.name))).toBe(false);
    expect(pods.every((p) => (p.spec as J).containers[0].image === 'nginx:1.28')).toBe(true);
    const rss = h.store.list(REPLICASETS, { namespace: 'default' }).items;
    const revisions = rss.map((rs) => [
      rs.metadata.annotations!['deployment.kubernetes.io/revision'],
      (rs.spec as J).replicas,
    ]);
    expect(revisions.sort()).toEqual([
      ['1', 0],
      ['2', 4],
    ]);
    expect(after.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(status(after).conditions[1].reason).toBe('NewReplicaSetAvailable');
  });

  it('deleting a ReplicaSet garbage-collects its pods (the store), and the Deployment makes a new one', () => {
    const h = createHarness();
    h.store.create(DEPLOYMENTS, deployment('gc', 2));
    h.run(2000);
    const rs = h.store.list(REPLICASETS, { namespace: 'default' }).items[0]!;
    h.store.delete(REPLICASETS, 'default', rs.metadata.name!, { propagationPolicy: 'Background' });
    expect(h.pods().filter((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid)).toHaveLength(0);
    h.run(2000);
    expect(h.pods()).toHaveLength(2);
    expect(rolledOut(h.store.get(DEPLOYMENTS, 'default', 'gc')!)).toBe(true);
    h.store.delete(DEPLOYMENTS, 'default', 'gc', { propagationPolicy: 'Background' });
    h.run(1000);
    expect(h.store.list(REPLICASETS, { namespace: 'default' }).items).toHaveLength(0);
    expect(h.pods()).toHaveLength(0);
  });

  it('a Job runs its pods to Succeeded and completes', () => {
    const h = createHarness();
    h.store.create(JOBS, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'default' },
      spec: {
        completions: 2,
        parallelism: 1,
        backoffLimit: 2,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'perl:5.34' }] } },
      },
    });
    h.controllers.tick();
    expect(h.pods()).toHaveLength(1);
    expect(h.pods()[0]!.metadata.labels!['job-name']).toBe('migrate');
    h.run(60_000);
    const job = h.store.get(JOBS, 'default', 'migrate')!;
    expect(status(job)).toMatchObject({
      succeeded: 2,
      startTime: expect.any(String),
      completionTime: expect.any(String),
    });
    expect(status(job).active).toBeUndefined();
    expect(status(job).conditions.map((c: J) => `${c.type}=${c.status}`)).toEqual([
      'SuccessCriteriaMet=True',
      'Complete=True',
    ]);
    expect(phases(h.pods())).toEqual(['Succeeded', 'Succeeded']);
    expect(status(h.pods()[0]).containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it('StatefulSet pods <name>-N come up in order with their PVCs; scale down removes the highest', () => {
    const h = createHarness();
    h.store.create(STATEFULSETS, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
          },
        ],
      },
    });
    h.controllers.tick();
    expect(h.pods().map((p) => p.metadata.name)).toEqual(['db-0']);
    h.run(10_000);
    expect(h.pods().map((p) => p.metadata.name)).toEqual(['db-0', 'db-1', 'db-2']);
    expect((h.pods()[1]!.spec as J).hostname).toBe('db-1');
    expect(h.store.get(PVCS, 'default', 'data-db-2')).toBeDefined();
    const sts = h.store.get(STATEFULSETS, 'default', 'db')!;
    expect(status(sts)).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(status(sts).currentRevision).toBe(status(sts).updateRevision);
    const next = structuredClone(sts);
    (next.spec as J).replicas = 1;
    h.store.update(STATEFULSETS, next);
    h.run(10_000);
    expect(h.pods().map((p) => p.metadata.name)).toEqual(['db-0']);
  });

  it('DaemonSet: one pod per node', () => {
    const h = createHarness(4);
    h.store.create(DAEMONSETS, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'a', image: 'calico/node:v3.28' }] },
        },
      },
    });
    h.run(5000);
    const nodes = h
      .pods()
      .map((p) => (p.spec as J).nodeName)
      .sort();
    expect(nodes).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    expect(status(h.store.get(DAEMONSETS, 'default', 'agent'))).toMatchObject({
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      numberReady: 4,
      updatedNumberScheduled: 4,
    });
  });

  it('pods marked kube-sim/crash restart: restartCount, lastState, BackOff events', () => {
    const h = createHarness();
    const d = deployment('flaky', 1, 'ghcr.io/acme/api:1.0');
    (d.spec as J).template.metadata.annotations = { 'kube-sim/crash': 'true', 'kube-sim/crash-after-seconds': '20' };
    h.store.create(DEPLOYMENTS, d);
    h.run(2000);
    expect(status(h.pods()[0]).phase).toBe('Running');
    h.run(20_000);
    let cs = status(h.pods()[0]).containerStatuses[0];
    expect(cs.restartCount).toBe(1);
    expect(cs.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    h.run(10_000);
    cs = status(h.pods()[0]).containerStatuses[0];
    expect(cs.state.running).toBeDefined();
    h.run(60_000);
    cs = status(h.pods()[0]).containerStatuses[0];
    expect(cs.restartCount).toBeGreaterThanOrEqual(2);
    const backoff = h.store.list(EVENTS, { namespace: 'default' }).items.find((e) => e.reason === 'BackOff')!;
    expect(backoff.type).toBe('Warning');
    expect(backoff.count).toBeGreaterThanOrEqual(2);
  });

  it('no nodes: pods stay Pending with a FailedScheduling event', () => {
    const h = createHarness(0);
    h.store.create(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'lonely', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    });
    h.run(3000);
    const pod = h.store.get(PODS, 'default', 'lonely')!;
    expect(status(pod).phase).toBe('Pending');
    expect(status(pod).conditions[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
    const ev = h.store.list(EVENTS, { namespace: 'default' }).items.find((e) => e.reason === 'FailedScheduling');
    expect(ev?.type).toBe('Warning');
  });
});
