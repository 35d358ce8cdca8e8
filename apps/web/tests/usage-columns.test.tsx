// @vitest-environment jsdom
// Usage columns of the pod and node lists (issue 23, item 2): human units, compared with limits/requests or
// allocatable, sortable by the figure. In the browser against kube-sim's metrics: e2e/usage.e2e.test.ts.
import '@testing-library/jest-dom/vitest';
import type { NodeTop, PodTop } from '@argus/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { resourceColumns } from '@/components/resource-columns';
import { UsageCell } from '@/components/usage/UsageCell';
import type { TopData } from '@/hooks/use-top';
import type { KubeObject } from '@/lib/kube';

afterEach(cleanup);

type Col = ColumnDef<KubeObject> & { accessorFn: (o: KubeObject, i: number) => unknown; id: string };
const headerText = (c: ColumnDef<KubeObject>) => (typeof c.header === 'string' ? c.header : c.id);

const node: KubeObject = {
  metadata: { name: 'node-1', creationTimestamp: '2026-01-01T00:00:00Z' },
  status: { allocatable: { cpu: '7900m', memory: '32763400Ki' } },
} as KubeObject;
const pod: KubeObject = { metadata: { name: 'web-1', namespace: 'shop' } } as KubeObject;

const top = (pods: PodTop[], nodes: NodeTop[], available = true): TopData => ({
  available,
  pods: new Map(pods.map((p) => [`${p.namespace}/${p.name}`, p])),
  nodes: new Map(nodes.map((n) => [n.name, n])),
});

describe('usage columns', () => {
  it("sorts nodes' allocatable by the number and shows it in GiB, not 32763400Ki", () => {
    const cols = resourceColumns('nodes', { namespaced: false }) as Col[];
    const memory = cols.find((c) => c.id === 'memory')!;
    expect(headerText(memory)).toBe('Memory allocatable');
    expect(memory.accessorFn(node, 0)).toBe(32763400 * 1024);
    expect(cols.find((c) => c.id === 'cpu')!.accessorFn(node, 0)).toBe(7900);
    // without `top` (the cross-cluster list) there are no usage columns
    expect(cols.some((c) => c.id === 'cpu-usage')).toBe(false);
  });

  it('adds CPU and memory usage for pods, by namespace/name, undefined where there is none', () => {
    const p: PodTop = {
      namespace: 'shop',
      name: 'web-1',
      cpu_millicores: 120,
      memory_bytes: 64 * 2 ** 20,
      containers: [],
      requests: { cpu_millicores: 100, memory_bytes: 0 },
      limits: { cpu_millicores: 200 },
    };
    const cols = resourceColumns('pods', { namespaced: true, top: top([p], []) }) as Col[];
    const cpu = cols.find((c) => c.id === 'cpu-usage')!;
    const memory = cols.find((c) => c.id === 'memory-usage')!;
    expect(cpu.accessorFn(pod, 0)).toBe(120);
    expect(memory.accessorFn(pod, 0)).toBe(64 * 2 ** 20);
    expect(cpu.accessorFn({ metadata: { name: 'other', namespace: 'shop' } } as KubeObject, 0)).toBe(-1);
    expect(cols.map((c) => c.id).slice(-3)).toEqual(['cpu-usage', 'memory-usage', 'age']);
    // the filter matches what a row shows ("120m"), not the raw figure; and a refresh rebuilds no search index
    expect([cpu.enableGlobalFilter, memory.enableGlobalFilter]).toEqual([false, false]);
  });

  it('renders a figure with its share of the limit, or a dash', () => {
    render(<UsageCell kind="cpu" used={120} of={200} ofLabel="limit" />);
    expect(screen.getByText(/120m/)).toHaveTextContent('120m · 60%');
    expect(screen.getByTitle('120m of 200m limit (60%)')).toBeInTheDocument();
    cleanup();
    render(<UsageCell kind="memory" used={1536 * 2 ** 20} of={undefined} ofLabel="request" />);
    expect(screen.getByText('1.5 GiB')).toBeInTheDocument();
    cleanup();
    render(<UsageCell kind="memory" used={undefined} of={1} ofLabel="limit" />);
    expect(screen.getByText('—')).toBeInTheDocument();
  });
});
