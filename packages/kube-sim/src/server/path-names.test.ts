/**
 * Object names are URL path segments: kube-apiserver refuses '.', '..' and names with '/' or '%' (its
 * IsValidPathSegmentName), 422 Invalid on create and 400 "Name parameter invalid" for a name in the path.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFixture, startSimFixture } from '../testing/sim-fixture.js';

let f: SimFixture;

beforeAll(async () => {
  f = await startSimFixture();
});
afterAll(async () => {
  await f.close();
});

/** A request with the path exactly as written (fetch would resolve '.' and '..' segments before sending). */
function raw(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(f.sim.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { Authorization: `Bearer ${f.sim.tokens.admin}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += d.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "${name}"}\ndata: {a: b}\n`;

describe('object names that are not path segments', () => {
  it('kubectl create refuses "." and ".." as names with 422 Invalid, for built-in kinds and custom resources', async () => {
    for (const name of ['.', '..']) {
      const res = await f.kubectl.run(['create', '-f', '-'], { input: configMap(name) });
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain(`ConfigMap "${name}" is invalid: metadata.name: Invalid value: "${name}"`);
    }
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
`;
    expect((await f.kubectl.run(['apply', '-f', '-'], { input: crd })).code).toBe(0);
    const gadget = (name: string) => `apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: "${name}"}\n`;
    for (const [name, problem] of [
      ['.', "may not be '.'"],
      ['..', "may not be '..'"],
      ['a%b', "may not contain '%'"],
      ['a/b', "may not contain '/'"],
    ] as const) {
      const res = await f.kubectl.run(['create', '-f', '-'], { input: gadget(name) });
      expect(res.code, res.stdout).not.toBe(0);
      expect(res.stderr).toContain(`metadata.name: Invalid value: "${name}": ${problem}`);
    }
    const generated = await raw('POST', '/apis/example.com/v1/namespaces/default/gadgets', {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { generateName: 'a/' },
    });
    expect(generated.status).toBe(422);
    expect(String(generated.json.message)).toContain(`metadata.generateName: Invalid value: "a/": may not contain '/'`);
    expect((await f.kubectl.run(['get', 'gadgets', '-o', 'name'])).stdout.trim()).toBe('');
  });

  it('answers 400 for such a name in the path instead of resolving "." or ".." to another object', async () => {
    expect((await f.kubectl.run(['create', 'configmap', 'kept', '--from-literal=a=b'])).code).toBe(0);
    const cases: Array<[string, string, string]> = [
      ['GET', '/api/v1/namespaces/default/configmaps/..', `Name parameter invalid: "..": may not be '..'`],
      ['GET', '/api/v1/namespaces/default/configmaps/%2e%2e', `Name parameter invalid: "..": may not be '..'`],
      ['GET', '/api/v1/namespaces/default/configmaps/.', `Name parameter invalid: ".": may not be '.'`],
      ['DELETE', '/api/v1/namespaces/default/configmaps/.', `Name parameter invalid: ".": may not be '.'`],
      ['GET', '/api/v1/namespaces/..', `Name parameter invalid: "..": may not be '..'`],
      ['GET', '/api/v1/namespaces/default/configmaps/a%25b', `Name parameter invalid: "a%b": may not contain '%'`],
      ['PUT', '/api/v1/namespaces/default/configmaps/a%2Fb', `Name parameter invalid: "a/b": may not contain '/'`],
      ['GET', '/api/v1/namespaces/default/pods/../log', `Name parameter invalid: "..": may not be '..'`],
    ];
    for (const [method, path, message] of cases) {
      const res = await raw(method, path, method === 'PUT' ? { metadata: { name: 'a/b' } } : undefined);
      expect({ status: res.status, reason: res.json.reason, message: res.json.message }, `${method} ${path}`).toEqual({
        status: 400,
        reason: 'BadRequest',
        message,
      });
    }
    // Not a step up to the namespace or the collection: the ConfigMap is still there, nothing else was touched.
    expect((await f.kubectl.run(['get', 'configmap', 'kept', '-o', 'name'])).stdout.trim()).toBe('configmap/kept');
  });
});
