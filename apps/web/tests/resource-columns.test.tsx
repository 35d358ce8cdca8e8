// @vitest-environment jsdom
// A built-in kind's list is asked for only the fields its columns read (`listFields`, `?fields=`): every
// column must show the same from that projection as from the whole object. Checked on kube-sim's demo
// scenario (every kind below has objects there, with statuses) and a terminating, crash-looping pod.
import { parseFields, projectObject } from '@argus/contracts/projection';
import { buildScenario } from '@argus/kube-sim';
import { describe, expect, it } from 'vitest';
import { resourceColumns } from '@/components/resource-columns';
import type { KubeObject } from '@/lib/kube';
import { listFields } from '@/lib/list-fields';
import { WELL_KNOWN } from '@/lib/resources';

const scenario = buildScenario('demo').objects as unknown as KubeObject[];

const terminating: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'shop',
    uid: 'u1',
    creationTimestamp: '2026-01-01T00:00:00Z',
    deletionTimestamp: '2026-01-02T00:00:00Z',
    labels: { app: 'web' },
  },
  spec: {
    nodeName: 'n1',
    containers: [
      { name: 'app', image: 'x' },
      { name: 'sidecar', image: 'y' },
    ],
  },
  status: {
    phase: 'Running',
    podIP: '10.0.0.1',
    containerStatuses: [
      { name: 'app', ready: true, restartCount: 3, state: { running: { startedAt: 't' } } },
      { name: 'sidecar', ready: false, restartCount: 9, state: { waiting: { reason: 'CrashLoopBackOff' } } },
    ],
  },
};

const cellsOf = (resource: string, o: KubeObject) =>
  resourceColumns(resource, { namespaced: true, cluster: false }).map((c) => [
    c.id,
    (c as { accessorFn: (o: KubeObject, i: number) => unknown }).accessorFn(o, 0),
  ]);

describe('list projections of the built-in tables', () => {
  const kinds = Object.entries(WELL_KNOWN).filter(([resource]) => listFields(resource));

  it('covers the common kinds', () => {
    expect(kinds.map(([r]) => r)).toEqual(expect.arrayContaining(['pods', 'deployments', 'nodes', 'events']));
  });

  it.each(kinds)('%s: every column shows the same from the projection as from the whole object', (resource, r) => {
    const projection = parseFields(listFields(resource) as string);
    const objects = scenario.filter((o) => o.kind === r.kind);
    if (resource === 'pods') objects.push(terminating);
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) {
      const slim = projectObject(o, projection) as KubeObject;
      expect(cellsOf(resource, slim), `${r.kind} ${o.metadata.name}`).toEqual(cellsOf(resource, o));
    }
  });

  it('leaves kinds whose columns read whole maps (ConfigMaps, Secrets) unprojected', () => {
    expect(listFields('configmaps')).toBeUndefined();
    expect(listFields('secrets')).toBeUndefined();
  });
});
