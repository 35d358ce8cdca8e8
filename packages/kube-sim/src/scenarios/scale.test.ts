import { describe, expect, it } from 'vitest';
import { applyChurnOp, createChurn } from './churn.js';
import { buildEmptyScenario } from './empty.js';
import { buildScenario } from './index.js';
import { buildScaleScenario, generateScaleObjects } from './scale.js';
import { checkScenario } from './scenario-invariants.js';
import type { KubeObject } from './types.js';

describe('empty scenario', () => {
  it('has the system namespaces, one node and default service accounts', () => {
    const s = buildEmptyScenario();
    expect(checkScenario(s)).toEqual([]);
    expect(s.objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual([
      'default',
      'kube-system',
      'kube-public',
      'kube-node-lease',
    ]);
    expect(s.objects.filter((o) => o.kind === 'Node')).toHaveLength(1);
    expect(s.objects.filter((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'default')).toHaveLength(4);
    expect(s.crds).toEqual([]);
  });
});

describe('scale scenario', () => {
  it("adds a Service selecting each Deployment's pods and an Event about it with `related`, leaving the rest as it was", () => {
    const opts = { seed: 3, pods: 200, deployments: 20, namespaces: 3, nodes: 2 };
    const plain = buildScaleScenario(opts);
    const related = buildScaleScenario({ ...opts, related: true });
    expect(checkScenario(related)).toEqual([]);
    const others = related.objects.filter((o) => o.kind !== 'Service' && o.kind !== 'Event');
    expect(JSON.stringify(others)).toBe(JSON.stringify(plain.objects));
    const services = related.objects.filter((o) => o.kind === 'Service');
    const events = related.objects.filter((o) => o.kind === 'Event');
    expect(services).toHaveLength(20);
    expect(events).toHaveLength(20);
    const pods = related.objects.filter((o) => o.kind === 'Pod');
    for (const svc of services) {
      const selector = (svc.spec as { selector: Record<string, string> }).selector;
      const selected = pods.filter(
        (p) => p.metadata.namespace === svc.metadata.namespace && p.metadata.labels?.app === selector.app,
      );
      expect(selected.length).toBeGreaterThan(0);
    }
    expect(new Set(related.objects.map((o) => o.metadata.uid)).size).toBe(related.objects.length);
  });

  it('is deterministic and sound', () => {
    const a = buildScaleScenario({ seed: 7, pods: 500, deployments: 40, namespaces: 5, nodes: 4 });
    expect(JSON.stringify(buildScaleScenario({ seed: 7, pods: 500, deployments: 40, namespaces: 5, nodes: 4 }))).toBe(
      JSON.stringify(a),
    );
    expect(checkScenario(a)).toEqual([]);
    expect(a.objects.filter((o) => o.kind === 'Pod')).toHaveLength(500);
    expect(a.objects.filter((o) => o.kind === 'Deployment')).toHaveLength(40);
    expect(a.objects.filter((o) => o.kind === 'Node')).toHaveLength(4);
  });

  it('generates 50,000 pods quickly (printed, not asserted)', () => {
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    let pods = 0;
    let total = 0;
    for (const o of generateScaleObjects({ seed: 1, pods: 50_000 })) {
      total++;
      if (o.kind === 'Pod') pods++;
    }
    const streamMs = performance.now() - t0;
    const t1 = performance.now();
    const s = buildScenario('scale', { seed: 1, pods: 50_000 });
    const buildMs = performance.now() - t1;
    const heap = process.memoryUsage().heapUsed - before;
    expect(pods).toBe(50_000);
    expect(s.objects.length).toBe(total);
    console.log(
      `scale 50,000 pods: ${total} objects; streamed in ${streamMs.toFixed(0)} ms; built array in ${buildMs.toFixed(0)} ms; heap +${(heap / 1048576).toFixed(0)} MiB (~${(heap / total / 1024).toFixed(2)} KiB/object, before GC)`,
    );
  });
});

describe('churn', () => {
  const pods = buildScaleScenario({ seed: 3, pods: 200 }).objects.filter((o) => o.kind === 'Pod');

  it('emits rate × elapsed operations, deterministically', () => {
    const run = () => {
      const churn = createChurn({ seed: 9, ratePerSecond: 50 });
      const now = new Date('2026-08-20T10:15:00Z');
      return [churn.tick(pods, 1000, now), churn.tick(pods, 500, now)];
    };
    const [first, second] = run();
    expect(JSON.stringify(run())).toBe(JSON.stringify([first, second]));
    // delete+create pairs count 2, so the count may overshoot by one
    expect(first?.length).toBeGreaterThanOrEqual(49);
    expect(first?.length).toBeLessThanOrEqual(51);
    const kinds = new Set(first?.map((o) => o.op));
    expect(kinds).toEqual(new Set(['update', 'restart', 'delete', 'create']));
  });

  it('applies restarts and readiness flips without mutating the input', () => {
    const pod = pods[0] as KubeObject;
    const snapshot = JSON.stringify(pod);
    const now = new Date('2026-08-20T11:00:00Z');
    const restarted = applyChurnOp(
      pod,
      { op: 'restart', namespace: 'x', name: pod.metadata.name, container: 'app', exitCode: 137, reason: 'OOMKilled' },
      now,
    );
    const cs = (
      (restarted.status?.containerStatuses ?? []) as {
        restartCount: number;
        lastState: { terminated: { reason: string } };
      }[]
    )[0];
    const before = ((pod.status?.containerStatuses ?? []) as { restartCount: number }[])[0];
    expect(cs?.restartCount).toBe((before?.restartCount ?? 0) + 1);
    expect(cs?.lastState.terminated.reason).toBe('OOMKilled');
    const unready = applyChurnOp(pod, { op: 'update', namespace: 'x', name: pod.metadata.name, ready: false }, now);
    expect(
      ((unready.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === 'Ready')
        ?.status,
    ).toBe('False');
    expect(JSON.stringify(pod)).toBe(snapshot);
  });

  it('creates replacement pods with the same owner and a new name/uid', () => {
    const churn = createChurn({ seed: 1, ratePerSecond: 100, mix: { update: 0, restart: 0, replace: 1 } });
    const ops = churn.tick(pods, 1000, new Date('2026-08-20T10:15:00Z'));
    const creates = ops.flatMap((o) => (o.op === 'create' ? [o.object] : []));
    expect(creates.length).toBe(50);
    for (const c of creates) {
      expect(pods.some((p) => p.metadata.name === c.metadata.name)).toBe(false);
      expect(pods.some((p) => p.metadata.ownerReferences?.[0]?.uid === c.metadata.ownerReferences?.[0]?.uid)).toBe(
        true,
      );
    }
  });
});
