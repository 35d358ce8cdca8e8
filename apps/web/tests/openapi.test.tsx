// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { groupOperations, type OpenApiDocument } from '@/lib/openapi';

const doc: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Argus API', version: '0.1.0' },
  paths: {
    '/api/users': { get: { tags: ['users and roles'], summary: 'List users' }, post: { tags: ['users and roles'] } },
    '/api/plugins/helm/clusters/{cluster}/releases': { get: { tags: ['plugin: helm'], summary: 'Releases' } },
    '/healthz': { get: { summary: 'Liveness' } },
  },
};

describe('groupOperations', () => {
  it('groups by first tag, sorted, methods in GET POST PUT PATCH DELETE order', () => {
    const groups = groupOperations(doc);
    expect(groups.map(([t]) => t)).toEqual(['other', 'plugin: helm', 'users and roles']);
    expect(groups[2]![1].map((o) => o.method)).toEqual(['get', 'post']);
  });

  it('filters by path, summary or method', () => {
    expect(groupOperations(doc, 'releases').map(([t]) => t)).toEqual(['plugin: helm']);
    expect(groupOperations(doc, 'LIVENESS')[0]![1][0]!.path).toBe('/healthz');
    expect(groupOperations(doc, 'nothing-like-this')).toEqual([]);
  });
});
