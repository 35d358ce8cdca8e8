/** kube-sim: a Kubernetes API server simulator. See README.md. */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createControllers, type Timings } from './controllers/index.js';
import { createAttachHandler, createExecHandler } from './exec/index.js';
import type { PodShape } from './exec/pod-shape.js';
import { renderKubeconfig } from './kubeconfig.js';
import { loadScenario } from './loader.js';
import { createLogHandler } from './logs/index.js';
import { createPortForwardHandler } from './portforward/portforward-handler.js';
import { createSimPrometheus, PROMETHEUS_SERVICE } from './prometheus/index.js';
import { createResourceRegistry } from './registry/registry.js';
import type { ResourceRegistry } from './registry/types.js';
import type { KubeObject as ScenarioObject } from './scenarios/index.js';
import { applyChurnOp, buildScenario, createChurn } from './scenarios/index.js';
import { createAdmission } from './server/admission.js';
import { createAuthenticator } from './server/auth.js';
import { generateTls } from './server/certs.js';
import { startCrdController } from './server/crd-controller.js';
import { HELLO_WEB } from './server/demo-web.js';
import { createApiServer } from './server/http-server.js';
import { createSubresourceHandlers, type SubresourceHandlers } from './server/subresource-handlers.js';
import { createStore } from './store/memory-store.js';
import type { KubeObject, ObjectStore, ResourceRef } from './store/types.js';

export type { Timings } from './controllers/index.js';
/** The scenarios' objects without a server (component tests draw real-shaped demo objects). */
export { buildScenario } from './scenarios/index.js';
export { generateTls, type TlsMaterial } from './server/certs.js';
export type { PodLogHandler, PodStreamHandler, PodTarget, SubresourceHandlers } from './server/subresource-handlers.js';
export { StoreError } from './store/errors.js';
export { createStore } from './store/memory-store.js';
export type { KubeObject, ObjectStore, ResourceRef } from './store/types.js';

export interface KubeSimOptions {
  /** 0 (default) picks a free port */
  port?: number;
  host?: string;
  tls?: boolean;
  scenario?: 'demo' | 'empty' | 'scale';
  pods?: number;
  /** scale scenario: also a Service and an Event per Deployment */
  related?: boolean;
  seed?: number;
  /** pod changes per second (scale scenario churn); 0 = none */
  churnPerSecond?: number;
  /** run the controllers (deployments → pods, kubelet, jobs, the simulated operators…); default true */
  controllers?: boolean;
  /** controller timings (pod start, CNPG operator steps, backup duration…), e.g. shorter in tests */
  controllerTimings?: Partial<Timings>;
  /** fixed tokens (default: random) */
  tokens?: { admin?: string; readonly?: string };
  /** how often watches with allowWatchBookmarks get a BOOKMARK (ms, default 15 000) */
  bookmarkIntervalMs?: number;
  /** how many changes watches can resume from before answering 410 Expired (default 20 000) */
  historySize?: number;
  /**
   * serve a simulated Prometheus (series synthesized from the cluster, Prometheus's HTTP API) behind the
   * service proxy of monitoring/prometheus-operated:web; default: with the demo scenario
   */
  prometheus?: boolean;
}

export interface KubeSim {
  url: string;
  port: number;
  tokens: { admin: string; readonly: string };
  /** PEM of the CA that signed the server certificate (TLS only) */
  caPem: string | undefined;
  kubeconfig(opts?: { token?: 'admin' | 'readonly'; name?: string }): string;
  writeKubeconfig(file: string, opts?: { token?: 'admin' | 'readonly'; name?: string }): void;
  store: ObjectStore;
  registry: ResourceRegistry;
  subresources: SubresourceHandlers;
  close(): Promise<void>;
}

const NAMESPACES: ResourceRef = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
  kind: 'Namespace',
  namespaced: false,
};
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };

function ensureNamespaces(store: ObjectStore): void {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    if (store.get(NAMESPACES, undefined, name)) continue;
    store.create(NAMESPACES, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
}

export async function startKubeSim(opts: KubeSimOptions = {}): Promise<KubeSim> {
  const store = createStore(opts.historySize ? { historySize: opts.historySize } : {});
  const registry = createResourceRegistry();
  const admission = createAdmission();
  const tokens = {
    admin: opts.tokens?.admin ?? `admin-${randomBytes(16).toString('hex')}`,
    readonly: opts.tokens?.readonly ?? `readonly-${randomBytes(16).toString('hex')}`,
  };
  const stopCrds = startCrdController(store, registry);
  const scenarioOpts: Record<string, number | boolean> = {};
  if (opts.seed !== undefined) scenarioOpts.seed = opts.seed;
  if (opts.pods !== undefined) scenarioOpts.pods = opts.pods;
  if (opts.related) scenarioOpts.related = true;
  const scenario = buildScenario(opts.scenario ?? 'empty', scenarioOpts);
  const problems = loadScenario(
    store,
    registry,
    admission,
    scenario as unknown as { crds: KubeObject[]; objects: KubeObject[] },
  );
  if (problems.length)
    process.emitWarning(`kube-sim: ${problems.length} scenario objects not loaded: ${problems.slice(0, 3).join('; ')}`);
  ensureNamespaces(store);

  const getPod = (namespace: string, name: string): PodShape | undefined =>
    store.get(PODS, namespace, name) as PodShape | undefined;
  const subresources = createSubresourceHandlers();
  subresources.register('log', createLogHandler({ getPod }));
  subresources.register('exec', createExecHandler({ getPod }));
  subresources.register('attach', createAttachHandler({ getPod }));
  subresources.register('portforward', createPortForwardHandler({ getPod }));

  const controllers =
    opts.controllers === false
      ? undefined
      : createControllers({ store, ...(opts.controllerTimings ? { timings: opts.controllerTimings } : {}) });
  controllers?.start();

  let churnTimer: NodeJS.Timeout | undefined;
  if (opts.churnPerSecond && opts.churnPerSecond > 0) {
    const churn = createChurn({ seed: opts.seed ?? 1, ratePerSecond: opts.churnPerSecond });
    let last = Date.now();
    churnTimer = setInterval(() => {
      const t = Date.now();
      const pods = store.list(PODS).items as unknown as ScenarioObject[];
      for (const op of churn.tick(pods, t - last, new Date(t))) {
        try {
          if (op.op === 'create') store.create(PODS, op.object as unknown as KubeObject);
          else if (op.op === 'delete') store.delete(PODS, op.namespace, op.name);
          else {
            const pod = store.get(PODS, op.namespace, op.name);
            if (pod)
              store.update(
                PODS,
                applyChurnOp(pod as unknown as ScenarioObject, op, new Date(t)) as unknown as KubeObject,
              );
          }
        } catch {
          // the pod changed under us; the next tick picks another
        }
      }
      last = t;
    }, 200);
    churnTimer.unref();
  }

  const host = opts.host ?? '127.0.0.1';
  const sans = ['127.0.0.1', 'localhost', '::1', ...(host === '0.0.0.0' || host === '::' ? [] : [host])];
  const tls = opts.tls ? await generateTls([...new Set(sans)]) : undefined;
  const server = createApiServer(
    {
      store,
      registry,
      admission,
      auth: createAuthenticator(store, tokens, { anonymousAdmin: !tls }),
      subresources,
      localServices: [
        ...((opts.prometheus ?? opts.scenario === 'demo')
          ? [{ ...PROMETHEUS_SERVICE, ...createSimPrometheus({ store }) }]
          : []),
        ...(opts.scenario === 'demo' ? [HELLO_WEB] : []),
      ],
      now: () => new Date(),
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 15_000,
      serialized: new WeakMap(),
    },
    tls ? { tls: { key: tls.keyPem, cert: tls.certPem } } : {},
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // a wildcard listen address is reached through loopback (and the certificate names 127.0.0.1)
  const dialHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const url = `${tls ? 'https' : 'http'}://${dialHost.includes(':') ? `[${dialHost}]` : dialHost}:${port}`;
  const kubeconfig = (k: { token?: 'admin' | 'readonly'; name?: string } = {}): string => {
    const input: Parameters<typeof renderKubeconfig>[0] = {
      url,
      token: tokens[k.token ?? 'admin'],
      name: k.name ?? 'kube-sim',
    };
    if (tls) input.caPem = tls.caPem;
    return renderKubeconfig(input);
  };
  return {
    url,
    port,
    tokens,
    caPem: tls?.caPem,
    kubeconfig,
    writeKubeconfig: (file, k) => writeFileSync(file, kubeconfig(k), { mode: 0o600 }),
    store,
    registry,
    subresources,
    async close() {
      if (churnTimer) clearInterval(churnTimer);
      controllers?.stop();
      stopCrds();
      subresources.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
