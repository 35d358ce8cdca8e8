/** The scale subresource, SelfSubjectAccessReview and the computed metrics.k8s.io resources. */
import { createHash } from 'node:crypto';
import { badRequest, StoreError } from '../store/errors.js';
import type { KubeObject, ResourceRef } from '../store/types.js';
import { apiVersionOf, type RequestContext } from './context.js';
import { patchObject } from './patch-handler.js';
import { decodeEnvelope, decodeSelfSubjectAccessReview, isProtobuf, readFields } from './protobuf.js';
import { isObject, parseBody, readBody, writeJson } from './respond.js';
import { storeUpdate } from './write-handlers.js';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (isObject(v) ? v : {});

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.replace(/^\./, '').split('.')) cur = o(cur)[p];
  return cur;
}

function setPath(obj: Obj, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    cur[p] = { ...o(cur[p]) };
    cur = cur[p] as Obj;
  }
  cur[parts[parts.length - 1] ?? ''] = value;
}

function selectorString(sel: unknown): string {
  if (typeof sel === 'string') return sel;
  return Object.entries(o(o(sel).matchLabels))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
}

function toScale(r: RequestContext, obj: KubeObject): Obj {
  const paths = r.def.scale ?? {
    specReplicasPath: '.spec.replicas',
    statusReplicasPath: '.status.replicas',
    labelSelectorPath: '.spec.selector',
  };
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const status: Obj = { replicas: Number(getPath(obj, paths.statusReplicasPath) ?? 0) };
  const sel = paths.labelSelectorPath ? getPath(obj, paths.labelSelectorPath) : getPath(obj, '.spec.selector');
  if (sel !== undefined) status.selector = selectorString(sel);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: Number(getPath(obj, paths.specReplicasPath) ?? 0) },
    status,
  };
}

export async function handleScale(r: RequestContext, name: string, method: string): Promise<void> {
  const live = r.ctx.store.mustGet(r.def, r.namespace, name);
  if (method === 'GET') {
    writeJson(r.res, 200, toScale(r, live));
    return;
  }
  const body = parseBody(
    await readBody(r.req),
    r.req.headers['content-type']?.includes('json-patch') ? 'application/json' : r.req.headers['content-type'],
  );
  const current = toScale(r, live);
  let next: unknown;
  if (method === 'PUT') next = body;
  else {
    const ct = String(r.req.headers['content-type'] ?? '');
    next = patchObject(
      'Scale',
      ct.includes('json-patch') ? 'json' : ct.includes('strategic') ? 'strategic' : 'merge',
      current,
      body,
    );
  }
  const replicas = o(o(next).spec).replicas;
  if (typeof replicas !== 'number' || replicas < 0)
    throw new StoreError(
      422,
      'Invalid',
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`,
    );
  const want = o(o(next).metadata).resourceVersion;
  const obj = structuredClone(live) as KubeObject;
  setPath(obj as Obj, r.def.scale?.specReplicasPath ?? '.spec.replicas', replicas);
  obj.metadata.resourceVersion = typeof want === 'string' && want ? want : live.metadata.resourceVersion;
  const updated = storeUpdate(r, live, obj);
  writeJson(r.res, 200, toScale(r, updated));
}

export async function handleSelfSubjectAccessReview(r: RequestContext): Promise<void> {
  const buf = await readBody(r.req);
  const body = isProtobuf(r.req.headers['content-type'])
    ? decodeSelfSubjectAccessReview(buf)
    : parseBody(buf, r.req.headers['content-type']);
  if (!isObject(body)) throw badRequest('the body of the request was in an unknown format');
  const spec = o(body.spec);
  const ra = o(spec.resourceAttributes);
  const nra = o(spec.nonResourceAttributes);
  let allowed: boolean;
  if (Object.keys(nra).length) {
    allowed = r.ctx.auth.authorize(r.user, { verb: String(nra.verb ?? ''), path: String(nra.path ?? '') });
  } else {
    const attrs: Parameters<typeof r.ctx.auth.authorize>[1] = {
      verb: String(ra.verb ?? ''),
      group: String(ra.group ?? ''),
      resource: String(ra.resource ?? ''),
    };
    if (ra.subresource) attrs.subresource = String(ra.subresource);
    if (ra.namespace) attrs.namespace = String(ra.namespace);
    if (ra.name) attrs.name = String(ra.name);
    allowed = r.ctx.auth.authorize(r.user, attrs);
  }
  const status: Obj = { allowed };
  if (allowed) status.reason = r.user.role === 'admin' ? 'kube-sim: admin token' : 'kube-sim: allowed';
  else status.denied = false;
  writeJson(r.res, 201, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  });
}

function hashNumber(text: string, mod: number): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0) % mod;
}

const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes', namespaced: false };

function podMetrics(pod: KubeObject, now: Date): Obj {
  const containers = ((o(pod.spec).containers as Obj[] | undefined) ?? []).map((c) => {
    const seed = `${String(pod.metadata.uid)}/${String(c.name)}/${Math.floor(now.getTime() / 60000)}`;
    return {
      name: c.name,
      usage: { cpu: `${1000000 + hashNumber(seed, 250000000)}n`, memory: `${8192 + hashNumber(`${seed}m`, 500000)}Ki` },
    };
  });
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: `${now.toISOString().slice(0, 19)}Z`,
      labels: pod.metadata.labels ?? {},
    },
    timestamp: `${now.toISOString().slice(0, 19)}Z`,
    window: '10.5s',
    containers,
  };
}

function nodeMetrics(node: KubeObject, now: Date): Obj {
  const seed = `${String(node.metadata.name)}/${Math.floor(now.getTime() / 60000)}`;
  return {
    kind: 'NodeMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: node.metadata.name,
      creationTimestamp: `${now.toISOString().slice(0, 19)}Z`,
      labels: node.metadata.labels ?? {},
    },
    timestamp: `${now.toISOString().slice(0, 19)}Z`,
    window: '20.05s',
    usage: { cpu: `${100 + hashNumber(seed, 1800)}m`, memory: `${1048576 + hashNumber(`${seed}m`, 6000000)}Ki` },
  };
}

export function handleMetrics(r: RequestContext, name: string | undefined): void {
  const now = r.ctx.now();
  const isPods = r.def.resource === 'pods';
  const source = isPods ? PODS : NODES;
  const make = (x: KubeObject): Obj => (isPods ? podMetrics(x, now) : nodeMetrics(x, now));
  const running = (x: KubeObject): boolean => !isPods || o(x.status).phase === 'Running';
  if (name) {
    const src = r.ctx.store.get(source, r.namespace, name);
    if (!src || !running(src))
      throw new StoreError(
        404,
        'NotFound',
        `${isPods ? 'podmetrics' : 'nodemetrics'}.metrics.k8s.io "${name}" not found`,
        { name, group: 'metrics.k8s.io', kind: r.def.resource },
      );
    writeJson(r.res, 200, make(src));
    return;
  }
  const list = r.ctx.store.list(source, {
    namespace: r.namespace,
    labelSelector: r.query.get('labelSelector') ?? undefined,
  });
  writeJson(r.res, 200, {
    kind: `${r.def.kind}List`,
    apiVersion: apiVersionOf(r.def),
    metadata: {},
    items: list.items.filter(running).map(make),
  });
}

export async function handleSelfSubjectRulesReview(r: RequestContext): Promise<void> {
  const buf = await readBody(r.req);
  let namespace = 'default';
  if (isProtobuf(r.req.headers['content-type'])) {
    const env = decodeEnvelope(buf);
    const spec = readFields(env.raw).get(2)?.[0];
    const ns = Buffer.isBuffer(spec) ? readFields(spec).get(1)?.[0] : undefined;
    if (Buffer.isBuffer(ns)) namespace = ns.toString('utf8');
  } else {
    const body = parseBody(buf, r.req.headers['content-type']);
    namespace = String(o(o(body).spec).namespace ?? 'default');
  }
  const rules = r.ctx.auth.rules(r.user, namespace);
  const resourceRules = rules
    .filter((x) => x.resources !== undefined)
    .map((x) => ({
      verbs: x.verbs,
      apiGroups: x.apiGroups ?? [],
      resources: x.resources,
      ...(x.resourceNames ? { resourceNames: x.resourceNames } : {}),
    }));
  const nonResourceRules = rules
    .filter((x) => x.nonResourceURLs !== undefined)
    .map((x) => ({ verbs: x.verbs, nonResourceURLs: x.nonResourceURLs }));
  writeJson(r.res, 201, {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: { resourceRules, nonResourceRules, incomplete: false },
  });
}

/** serviceaccounts/{name}/token: a signed-looking, unverifiable token (kubectl create token). */
export async function handleTokenRequest(r: RequestContext, name: string): Promise<void> {
  await readBody(r.req);
  const sa = r.ctx.store.mustGet(r.def, r.namespace, name);
  const now = r.ctx.now();
  const exp = new Date(now.getTime() + 3600_000);
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const sub = `system:serviceaccount:${String(r.namespace)}:${name}`;
  const token = `${b64({ alg: 'RS256', kid: 'kube-sim' })}.${b64({ aud: ['https://kubernetes.default.svc.cluster.local'], exp: Math.floor(exp.getTime() / 1000), iat: Math.floor(now.getTime() / 1000), iss: 'https://kubernetes.default.svc.cluster.local', sub, 'kubernetes.io': { namespace: r.namespace, serviceaccount: { name, uid: sa.metadata.uid } } })}.${createHash(
    'sha256',
  )
    .update(sub + now.toISOString())
    .digest('base64url')}`;
  writeJson(r.res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: r.namespace, creationTimestamp: null },
    spec: {
      audiences: ['https://kubernetes.default.svc.cluster.local'],
      expirationSeconds: 3600,
      boundObjectRef: null,
    },
    status: { token, expirationTimestamp: `${exp.toISOString().slice(0, 19)}Z` },
  });
}
