import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../store/types.js';
import { createHarness, deployment } from './controllers-test-helpers.js';
import { annotate, cond, eventReasons, type H, status } from './operators-test-helpers.js';
import { DEPLOYMENTS, HPAS, KEDA_SCALED_JOBS, KEDA_SCALED_OBJECTS } from './refs.js';

const condition = (type: string, value: string, reason: string) => ({ type, status: value, reason, message: reason });

/** The demo's `api`: a Prometheus trigger failing, so KEDA's fallback holds it at 6 replicas. */
function kedaApi(fallback = true): H {
  const h = createHarness();
  h.store.create(DEPLOYMENTS, deployment('api', 6));
  const so = h.store.create(KEDA_SCALED_OBJECTS, {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: 'api', namespace: 'default' },
    spec: {
      scaleTargetRef: { name: 'api' },
      minReplicaCount: 1,
      maxReplicaCount: 20,
      ...(fallback ? { fallback: { failureThreshold: 3, replicas: 6 } } : {}),
      triggers: [{ type: 'prometheus', metadata: { threshold: '100' } }],
    },
    status: {
      hpaName: 'keda-hpa-api',
      externalMetricNames: ['s0-prometheus'],
      conditions: [
        condition('Ready', 'True', 'ScaledObjectReady'),
        condition('Active', fallback ? 'False' : 'True', fallback ? 'ScalerNotActive' : 'ScalerActive'),
        condition('Fallback', fallback ? 'True' : 'False', fallback ? 'FallbackExists' : 'NoFallbackFound'),
      ],
    },
  });
  h.store.create(HPAS, {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: 'keda-hpa-api',
      namespace: 'default',
      labels: { 'scaledobject.keda.sh/name': 'api' },
      ownerReferences: [
        { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'api', uid: so.metadata.uid!, controller: true },
      ],
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 1,
      maxReplicas: 20,
    },
    status: { currentReplicas: 6, desiredReplicas: 6 },
  });
  h.run(2000);
  return h;
}

const so = (h: H): KubeObject => h.store.get(KEDA_SCALED_OBJECTS, 'default', 'api')!;
const replicas = (h: H) => (h.store.get(DEPLOYMENTS, 'default', 'api')!.spec as { replicas: number }).replicas;
const running = (h: H) => h.pods('default', 'app=api').filter((p) => status(p).phase === 'Running').length;
const pause = (h: H, annotations: Record<string, string | null>) =>
  annotate(h, annotations, KEDA_SCALED_OBJECTS, 'api');

describe('simulated KEDA: pausing ScaledObjects and ScaledJobs', () => {
  it('paused-replicas scales the target to N and holds it; removing it resumes the HPA', () => {
    const h = kedaApi();
    expect(running(h)).toBe(6);
    pause(h, { 'autoscaling.keda.sh/paused-replicas': '2' });
    h.run(2000);
    expect(replicas(h)).toBe(2);
    expect(running(h)).toBe(2);
    expect(cond(so(h), 'Paused')).toEqual({
      type: 'Paused',
      status: 'True',
      reason: 'ScaledObjectPaused',
      message: 'ScaledObject is paused',
    });
    expect(status(so(h)).pausedReplicaCount).toBe(2);
    expect(h.store.get(HPAS, 'default', 'keda-hpa-api')).toBeUndefined();
    // the trigger is still failing: KEDA does not touch Ready/Active/Fallback when pausing
    expect(cond(so(h), 'Fallback')).toMatchObject({ status: 'True', reason: 'FallbackExists' });
    expect(eventReasons(h, 'api')).toContain('ScaledObjectPaused: ScaledObject is paused');
    h.run(60_000);
    expect(replicas(h)).toBe(2);

    pause(h, { 'autoscaling.keda.sh/paused-replicas': null });
    h.run(2000);
    expect(cond(so(h), 'Paused')).toMatchObject({ status: 'False', reason: 'ScaledObjectUnpaused' });
    expect(status(so(h)).pausedReplicaCount).toBeUndefined();
    const hpa = h.store.get(HPAS, 'default', 'keda-hpa-api')!;
    expect(hpa.metadata.labels?.['scaledobject.keda.sh/name']).toBe('api');
    expect(hpa.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ScaledObject', name: 'api' });
    // fallback is active: scaling resumes at the fallback's 6 replicas
    expect(hpa.status).toMatchObject({ currentReplicas: 6, desiredReplicas: 6 });
    expect(replicas(h)).toBe(6);
    expect(running(h)).toBe(6);
  });

  it('paused: "true" freezes the current count; resuming keeps it within min/max', () => {
    const h = kedaApi(false);
    pause(h, { 'autoscaling.keda.sh/paused': 'true' });
    h.run(1000);
    expect(replicas(h)).toBe(6);
    expect(cond(so(h), 'Paused')).toMatchObject({ status: 'True', reason: 'ScaledObjectPaused' });
    expect(status(so(h)).pausedReplicaCount).toBeUndefined();
    expect(h.store.get(HPAS, 'default', 'keda-hpa-api')).toBeUndefined();
    // paused-replicas overrides paused
    pause(h, { 'autoscaling.keda.sh/paused-replicas': '0' });
    h.run(1000);
    expect(replicas(h)).toBe(0);
    pause(h, { 'autoscaling.keda.sh/paused': null, 'autoscaling.keda.sh/paused-replicas': null });
    h.run(1000);
    expect(cond(so(h), 'Paused')?.status).toBe('False');
    expect(replicas(h)).toBe(1); // minReplicaCount
    expect(h.store.get(HPAS, 'default', 'keda-hpa-api')?.status).toMatchObject({ desiredReplicas: 1 });
  });

  it('paused: "false" does not pause', () => {
    const h = kedaApi();
    pause(h, { 'autoscaling.keda.sh/paused': 'false' });
    h.run(1000);
    expect(cond(so(h), 'Paused')).toBeUndefined();
    expect(h.store.get(HPAS, 'default', 'keda-hpa-api')).toBeDefined();
  });

  it('a ScaledJob is paused and unpaused by the paused annotation', () => {
    const h = createHarness();
    h.store.create(KEDA_SCALED_JOBS, {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledJob',
      metadata: { name: 'etl', namespace: 'default' },
      spec: { jobTargetRef: { template: {} }, triggers: [{ type: 'rabbitmq' }] },
      status: { conditions: [condition('Ready', 'True', 'ScaledJobReady')] },
    });
    const sj = () => h.store.get(KEDA_SCALED_JOBS, 'default', 'etl')!;
    annotate(h, { 'autoscaling.keda.sh/paused': 'true' }, KEDA_SCALED_JOBS, 'etl');
    h.run(100);
    expect(cond(sj(), 'Paused')).toMatchObject({ status: 'True', reason: 'ScaledJobPaused' });
    annotate(h, { 'autoscaling.keda.sh/paused': null }, KEDA_SCALED_JOBS, 'etl');
    h.run(100);
    expect(cond(sj(), 'Paused')).toMatchObject({ status: 'False', reason: 'ScaledJobUnpaused' });
    expect(cond(sj(), 'Ready')?.status).toBe('True');
  });
});
