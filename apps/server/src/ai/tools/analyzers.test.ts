import { describe, expect, it } from 'vitest';
import { analyze, analyzeIngresses, analyzePods, analyzePvcs, analyzeServices } from './analyzers.js';

const pod = (name: string, status: Record<string, unknown>) => ({ metadata: { name, namespace: 'shop' }, status });
const ev = (kind: string, name: string, reason: string, message: string, count = 1) => ({
  involvedObject: { kind, name },
  reason,
  message,
  count,
});

describe('the diagnose analyzers', () => {
  it('finds crash loops (with the container for its last log lines) and image pull errors', () => {
    const findings = analyzePods(
      [
        pod('api-1', {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'api',
              restartCount: 7,
              ready: false,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
            },
          ],
        }),
        pod('web-1', {
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'web',
              image: 'nginx:nope',
              restartCount: 0,
              state: { waiting: { reason: 'ImagePullBackOff', message: 'not found' } },
            },
          ],
        }),
        pod('ok-1', {
          phase: 'Running',
          containerStatuses: [{ name: 'ok', ready: true, restartCount: 0, state: { running: {} } }],
        }),
      ],
      [],
    );
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'crash_loop',
        object: 'pod/api-1',
        container: 'api',
        message: expect.stringMatching(/7 restarts; last exit code 137 OOMKilled/),
      }),
      expect.objectContaining({
        check: 'image_pull',
        object: 'pod/web-1',
        message: expect.stringMatching(/nginx:nope: ImagePullBackOff — not found/),
      }),
    ]);
  });

  it('says why a pod is unschedulable and which probe fails', () => {
    const findings = analyzePods(
      [
        pod('big-1', {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/3 nodes are available: 3 Insufficient cpu.',
            },
          ],
        }),
        pod('slow-1', {
          phase: 'Running',
          containerStatuses: [{ name: 'slow', ready: false, restartCount: 0, state: { running: {} } }],
        }),
      ],
      [ev('Pod', 'slow-1', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', 12)],
    );
    expect(findings.map((f) => [f.check, f.message])).toEqual([
      ['unschedulable', 'cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.'],
      ['failing_probe', 'probe failing: Readiness probe failed: HTTP probe failed with statuscode: 503 (12 times)'],
    ]);
  });

  it('finds pending claims, services without endpoints and ingresses without backend', () => {
    const services = [
      { metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { app: 'api' } } },
      { metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' } } },
      { metadata: { name: 'ext', namespace: 'shop' }, spec: { type: 'ExternalName' } },
    ];
    const endpoints = [
      { metadata: { name: 'api', namespace: 'shop' }, subsets: [{ notReadyAddresses: [{ ip: '10.0.0.1' }] }] },
      { metadata: { name: 'web', namespace: 'shop' }, subsets: [{ addresses: [{ ip: '10.0.0.2' }] }] },
    ];
    expect(analyzeServices(services, endpoints).map((f) => f.object)).toEqual(['service/api']);
    const ingress = {
      metadata: { name: 'front', namespace: 'shop' },
      spec: {
        rules: [
          { http: { paths: [{ backend: { service: { name: 'web' } } }, { backend: { service: { name: 'gone' } } }] } },
        ],
      },
    };
    expect(analyzeIngresses([ingress], services, endpoints).map((f) => f.message)).toEqual([
      'backend service gone does not exist',
    ]);
    const pvc = {
      metadata: { name: 'data', namespace: 'shop' },
      spec: { storageClassName: 'fast' },
      status: { phase: 'Pending' },
    };
    expect(
      analyzePvcs(
        [pvc],
        [ev('PersistentVolumeClaim', 'data', 'ProvisioningFailed', 'storageclass "fast" not found')],
      )[0]!.message,
    ).toBe('claim is Pending (storage class fast): ProvisioningFailed — storageclass "fast" not found');
  });

  it('finds nothing in a healthy namespace', () => {
    expect(analyze({ pods: [], pvcs: [], services: [], endpoints: [], ingresses: [], events: [] })).toEqual([]);
  });
});
