import { describe, expect, it } from 'vitest';
import { fieldsProblem, parseFields, projectObject } from './projection.js';
import { listQuerySchema } from './resources.js';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'shop',
    uid: 'u1',
    resourceVersion: '7',
    labels: { app: 'web' },
    creationTimestamp: '2026-01-01T00:00:00Z',
  },
  spec: {
    nodeName: 'node-1',
    containers: [
      { name: 'app', image: 'shop/web:1', env: [{ name: 'A', value: 'x' }] },
      { name: 'proxy', image: 'envoy:1' },
    ],
  },
  status: {
    phase: 'Running',
    containerStatuses: [
      { name: 'app', ready: true, restartCount: 2, state: { running: { startedAt: 't' } }, image: 'shop/web:1' },
      { name: 'proxy', ready: false, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } },
    ],
  },
};

describe('list projections (?fields=)', () => {
  it('keeps the asked paths, entering arrays element by element, and always the identity', () => {
    const p = parseFields('status.phase,spec.containers.name,status.containerStatuses.state,metadata.labels');
    expect(projectObject(pod, p)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'shop', uid: 'u1', resourceVersion: '7', labels: { app: 'web' } },
      spec: { containers: [{ name: 'app' }, { name: 'proxy' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { state: { running: { startedAt: 't' } } },
          { state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    });
    // The original is untouched; a missing path is simply absent; a shorter path keeps the whole.
    expect(pod.spec.containers[0]?.image).toBe('shop/web:1');
    expect(projectObject(pod, parseFields('status.podIP,spec.missing.deep'))).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'shop', uid: 'u1', resourceVersion: '7' },
      spec: {},
      status: {},
    });
    expect(projectObject(pod, parseFields('spec.containers.name,spec.containers')).spec).toEqual({
      containers: pod.spec.containers,
    });
    expect(projectObject(pod, parseFields('metadata')).metadata).toEqual(pod.metadata);
    // A path through a value that is not an object stops there.
    expect(projectObject(pod, parseFields('status.phase.x')).status).toEqual({});
  });

  it('names equal projections alike and refuses what is not a list of dotted field names', () => {
    expect(parseFields('b.c,a,b.c').key).toBe('a,b.c');
    expect(fieldsProblem('status.phase,spec.nodeName')).toBeUndefined();
    for (const bad of ['', 'a..b', '.a', 'a.', 'metadata.labels[0]', 'a b', 'a,,b', 'status.phase;drop']) {
      expect(fieldsProblem(bad), bad).toMatch(/^fields: /);
    }
    expect(fieldsProblem(Array.from({ length: 65 }, (_, i) => `f${i}`).join(','))).toBe('fields: at most 64 paths');
    expect(() => parseFields('a..b')).toThrow(/not a dotted path/);
    const parsed = listQuerySchema.safeParse({ fields: 'status.phase,spec..x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/"spec\.\.x" is not a dotted path/);
    expect(listQuerySchema.parse({ fields: 'status.phase' }).fields).toBe('status.phase');
  });
});
