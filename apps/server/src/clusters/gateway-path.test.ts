import { describe, expect, it } from 'vitest';
import { filterListBody, isSecretRequest, parseKubePath, RAW_PATH_PERMISSION } from './gateway-path.js';

const parse = (method: string, path: string, query = '') =>
  parseKubePath(method, path.split('/').filter(Boolean), new URLSearchParams(query));

describe('parseKubePath', () => {
  it('reads verb, resource, namespace and name like kube-apiserver', () => {
    expect(parse('GET', '/api/v1/namespaces/shop/pods')).toMatchObject({
      verb: 'list',
      resource: 'pods',
      namespace: 'shop',
      permission: { resource: 'resources', action: 'read' },
    });
    expect(parse('GET', '/apis/apps/v1/namespaces/shop/deployments/web', 'watch=1')).toMatchObject({
      verb: 'watch',
      group: 'apps',
      name: 'web',
    });
    expect(parse('DELETE', '/api/v1/namespaces/shop/pods')).toMatchObject({ verb: 'deletecollection' });
    expect(parse('POST', '/api/v1/namespaces/shop/pods/web/exec').permission).toEqual({
      resource: 'pods',
      action: 'exec',
    });
  });

  it('lets a namespace user read its Namespace object, never write it', () => {
    expect(parse('GET', '/api/v1/namespaces/shop')).toMatchObject({ namespace: 'shop', verb: 'get' });
    for (const method of ['PATCH', 'PUT', 'DELETE'])
      expect(parse(method, '/api/v1/namespaces/shop'), method).toMatchObject({
        namespace: undefined,
        resource: 'namespaces',
        name: 'shop',
      });
  });

  it('treats namespaces/{ns}/status and /finalize as the Namespace object (cluster scope)', () => {
    for (const sub of ['status', 'finalize']) {
      for (const method of ['GET', 'PUT'])
        expect(parse(method, `/api/v1/namespaces/shop/${sub}`), `${method} ${sub}`).toMatchObject({
          namespace: undefined,
          resource: 'namespaces',
          name: 'shop',
          subresource: sub,
        });
    }
  });

  it('allow-lists discovery; anything else outside /api and /apis needs clusters:admin', () => {
    for (const p of [
      '/version',
      '/api',
      '/apis',
      '/apis/apps',
      '/api/v1',
      '/openapi/v2',
      '/openapi/v3/apis/apps/v1',
      '/healthz',
      '/livez/ping',
      '/readyz',
    ])
      expect(parse('GET', p).verb, p).toBe('discover');
    for (const p of ['/metrics', '/logs/kube-apiserver.log', '/debug/pprof/heap', '/configz', '/healthz/../x', '/'])
      expect(parse('GET', p), p).toMatchObject({ verb: 'raw', permission: RAW_PATH_PERMISSION });
    expect(parse('POST', '/version').verb).toBe('raw');
    expect(parse('POST', '/api').verb).toBe('raw');
  });

  it('recognises Secret requests', () => {
    expect(isSecretRequest(parse('GET', '/api/v1/namespaces/shop/secrets'))).toBe(true);
    expect(isSecretRequest(parse('GET', '/api/v1/secrets'))).toBe(true);
    expect(isSecretRequest(parse('GET', '/apis/example.com/v1/secrets'))).toBe(false);
  });
});

describe('filterListBody', () => {
  const item = (ns: string | undefined, name = 'x', kind = 'Pod') => ({ kind, metadata: { name, namespace: ns } });
  it('keeps the allowed namespaces of a List and a Table, Namespaces by their name', () => {
    const allowed = new Set(['shop']);
    expect(filterListBody({ kind: 'PodList', items: [item('shop'), item('payments')] }, allowed).items).toEqual([
      item('shop'),
    ]);
    expect(
      filterListBody({ kind: 'Table', rows: [{ object: item('payments') }, { object: item('shop') }] }, allowed).rows,
    ).toEqual([{ object: item('shop') }]);
    expect(
      filterListBody(
        {
          kind: 'NamespaceList',
          items: [item(undefined, 'shop', 'Namespace'), item(undefined, 'payments', 'Namespace')],
        },
        allowed,
      ).items,
    ).toEqual([item(undefined, 'shop', 'Namespace')]);
  });
});
