import { describe, expect, it } from 'vitest';
import { type GraphEdge, type GraphNode, layers } from './Graph';

const node = (id: string): GraphNode => ({ id, kind: 'workload', label: id });
const edge = (from: string, to: string): GraphEdge => ({ from, to, label: '' });

describe('layers', () => {
  it('puts each node one column right of its deepest caller', () => {
    const d = layers([node('gw'), node('page'), node('details')], [edge('gw', 'page'), edge('page', 'details')]);
    expect(Object.fromEntries(d)).toEqual({ gw: 0, page: 1, details: 2 });
  });

  it('puts a caller from outside the mesh just left of the service it calls, not in the first column', () => {
    const nodes = ['gw', 'page', 'page-v1', 'details', 'unknown'].map(node);
    const edges = [edge('gw', 'page'), edge('page', 'page-v1'), edge('page-v1', 'details'), edge('unknown', 'details')];
    const d = layers(nodes, edges);
    expect(d.get('details')).toBe(3);
    expect(d.get('unknown')).toBe(2);
    expect(d.get('gw')).toBe(0);
  });

  it('cuts cycles', () => {
    const d = layers([node('a'), node('b')], [edge('a', 'b'), edge('b', 'a')]);
    expect([...d.values()].every((v) => v >= 0 && v < 2)).toBe(true);
  });
});
