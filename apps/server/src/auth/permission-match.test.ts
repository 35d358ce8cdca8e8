import { describe, expect, it } from 'vitest';
import { canAnywhereWith, canWith, type Grant, namespacesWith } from './permission-match.js';

const g = (
  resource: string,
  action: string,
  clusterId: string | null = null,
  namespace: string | null = null,
): Grant => ({
  resource,
  action,
  clusterId,
  namespace,
});

describe('permission matching', () => {
  it('applies wildcards to resource and action', () => {
    expect(canWith([g('*', '*')], 'users', 'delete')).toBe(true);
    expect(canWith([g('resources', '*')], 'resources', 'delete')).toBe(true);
    expect(canWith([g('*', 'read')], 'users', 'read')).toBe(true);
    expect(canWith([g('*', 'read')], 'users', 'write')).toBe(false);
  });

  it('scopes: global covers all, cluster covers its namespaces, namespace covers only itself', () => {
    const grants = [g('resources', 'read', 'c1'), g('resources', 'write', 'c1', 'ns1')];
    expect(canWith(grants, 'resources', 'read', { clusterId: 'c1', namespace: 'any' })).toBe(true);
    expect(canWith(grants, 'resources', 'read', { clusterId: 'c2' })).toBe(false);
    expect(canWith(grants, 'resources', 'read')).toBe(false);
    expect(canWith(grants, 'resources', 'write', { clusterId: 'c1', namespace: 'ns1' })).toBe(true);
    expect(canWith(grants, 'resources', 'write', { clusterId: 'c1', namespace: 'ns2' })).toBe(false);
    expect(canWith(grants, 'resources', 'write', { clusterId: 'c1' })).toBe(false);
    expect(canWith([g('resources', 'write')], 'resources', 'write', { clusterId: 'c9', namespace: 'x' })).toBe(true);
  });

  it('lists namespaces for filtering, and answers "anywhere"', () => {
    const grants = [g('resources', 'read', 'c1', 'a'), g('resources', 'read', 'c1', 'b'), g('resources', 'read', 'c2')];
    expect(namespacesWith(grants, 'c1', 'resources', 'read')).toEqual(new Set(['a', 'b']));
    expect(namespacesWith(grants, 'c2', 'resources', 'read')).toBe('all');
    expect(namespacesWith(grants, 'c3', 'resources', 'read')).toEqual(new Set());
    expect(namespacesWith([g('*', '*')], 'c3', 'resources', 'read')).toBe('all');
    expect(canAnywhereWith(grants, 'resources', 'read')).toBe(true);
    expect(canAnywhereWith(grants, 'resources', 'read', 'c3')).toBe(false);
    expect(canAnywhereWith(grants, 'resources', 'write')).toBe(false);
  });
});
