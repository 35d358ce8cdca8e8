/**
 * The operations on cluster objects, implemented once (issue 23 item 8): the HTTP routes, the smart terminal
 * and the AI assistant's tools call this. Reads use the cluster's credentials after the caller's read was
 * authorised; every write goes through the kubectl gateway in process AS THE CALLING USER, so Argus RBAC
 * decides each request and the audit log records it under the user.
 */
import { randomBytes } from 'node:crypto';
import {
  AppError,
  type DescribeResponse,
  type DrainResponse,
  type NodeTopResponse,
  type PodTopResponse,
  type RevisionsResponse,
} from '@argus/contracts';
import type { ClusterClient } from '@argus/plugin-sdk';
import type { Principal } from '../auth/types.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import { apiVersionOf, type ResourceInfo, resourcePath } from '../clusters/discovery.js';
import { describeObject, type EventLike } from './describe.js';
import { type DrainOptions, drain, setUnschedulable } from './drain.js';
import { call, fromClient, fromConnection, type Kube, type KubeObject, listItems, ns, obj, seg } from './kube.js';
import { publicRevision, revisionEntries, revisionedKind, rollback } from './revisions.js';
import { topNodes, topPods } from './top.js';

/** One object an operation acts on (the route has resolved the kind and authorised the caller's read). */
export interface Target {
  clusterId: string;
  info: ResourceInfo;
  /** Required for namespaced kinds. */
  namespace: string | undefined;
  name: string;
}

/** Runs fn with a client whose requests go through the kubectl gateway as the principal. */
export type AsUser = <T>(
  principal: Principal,
  clusterId: string,
  fn: (client: ClusterClient) => Promise<T>,
) => Promise<T>;

export interface OperationsService {
  /** kubectl-describe-like text; `withEvents` false when the caller may not read events there. */
  describe(t: Target, withEvents: boolean): Promise<DescribeResponse>;
  revisions(t: Target): Promise<RevisionsResponse>;
  rollback(principal: Principal, t: Target, revision?: number): Promise<{ revision: number }>;
  scale(principal: Principal, t: Target, replicas: number): Promise<{ replicas: number }>;
  restart(principal: Principal, t: Target): Promise<{ restarted_at: string }>;
  trigger(principal: Principal, t: Target): Promise<{ job: { namespace: string; name: string } }>;
  cordon(
    principal: Principal,
    clusterId: string,
    node: string,
    unschedulable: boolean,
  ): Promise<{ unschedulable: boolean }>;
  drain(principal: Principal, clusterId: string, node: string, o: DrainOptions): Promise<DrainResponse>;
  /**
   * Pod usage in the `allowed` namespaces (narrowed to `namespace` when given). `containers: false`: each pod's
   * `containers` empty (its sums only).
   */
  topPods(
    clusterId: string,
    allowed: 'all' | Set<string>,
    namespace?: string,
    options?: { containers?: boolean },
  ): Promise<PodTopResponse>;
  topNodes(clusterId: string): Promise<NodeTopResponse>;
}

const POD_TOP_FIELDS = 'spec.containers.resources';
const RESTARTABLE = new Set(['deployments', 'statefulsets', 'daemonsets']);
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

function namespaced(t: Target): string {
  if (!t.info.namespaced) return '';
  if (!t.namespace) throw new AppError('VALIDATION_FAILED', `${t.info.resource} are namespaced: give ?namespace=`);
  return t.namespace;
}

export function createOperationsService(deps: { module: ClusterModule; asUser: AsUser }): OperationsService {
  const { module } = deps;
  const reader = async (clusterId: string): Promise<Kube> =>
    fromConnection(await module.clusters.connection(clusterId));
  const asUser = <T>(principal: Principal, clusterId: string, fn: (kube: Kube) => Promise<T>) =>
    deps.asUser(principal, clusterId, (client) => fn(fromClient(client)));
  const path = (t: Target, sub?: string) => resourcePath(t.info, namespaced(t) || undefined, t.name, sub);
  const workload = (t: Target) => {
    if (t.info.group !== 'apps' || !RESTARTABLE.has(t.info.resource))
      throw new AppError(
        'OPERATION_NOT_SUPPORTED',
        `${t.info.resource} cannot be restarted (only Deployments, StatefulSets and DaemonSets)`,
      );
  };

  return {
    async describe(t, withEvents) {
      const kube = await reader(t.clusterId);
      const o = await call<KubeObject>(kube, { path: path(t) });
      o.apiVersion ??= apiVersionOf(t.info);
      o.kind ??= t.info.kind;
      let events: EventLike[] | undefined;
      if (withEvents) {
        const selector = [
          `involvedObject.name=${t.name}`,
          `involvedObject.kind=${t.info.kind}`,
          ...(t.info.namespaced ? [`involvedObject.namespace=${t.namespace}`] : []),
        ].join(',');
        const where = t.info.namespaced ? ns(namespaced(t)) : '';
        const items = (await listItems(
          kube,
          `/api/v1${where}/events?fieldSelector=${encodeURIComponent(selector)}`,
        )) as unknown as (EventLike & KubeObject)[];
        // the field selector narrows on API servers that support it; filter again for those that do not
        events = items
          .filter((e) => obj(e).involvedObject && (obj(obj(e).involvedObject).name as string) === t.name)
          .sort((a, b) => (a.lastTimestamp ?? a.eventTime ?? '').localeCompare(b.lastTimestamp ?? b.eventTime ?? ''));
      }
      return { text: describeObject(o, events) };
    },

    async revisions(t) {
      const kind = revisionedKind(t.info.group, t.info.resource);
      const { entries } = await revisionEntries(await reader(t.clusterId), kind, namespaced(t), t.name);
      return { items: entries.map(publicRevision) };
    },

    async rollback(principal, t, revision) {
      const kind = revisionedKind(t.info.group, t.info.resource);
      const read = await reader(t.clusterId);
      const to = await asUser(principal, t.clusterId, (write) =>
        rollback(read, write, kind, namespaced(t), t.name, revision),
      );
      return { revision: to };
    },

    async scale(principal, t, replicas) {
      const scaled = await asUser(principal, t.clusterId, (write) =>
        call<{ spec?: { replicas?: number } }>(write, {
          method: 'PATCH',
          path: path(t, 'scale'),
          headers: { 'Content-Type': 'application/merge-patch+json' },
          body: JSON.stringify({ spec: { replicas } }),
        }),
      );
      return { replicas: scaled.spec?.replicas ?? replicas };
    },

    async restart(principal, t) {
      workload(t);
      const restartedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      await asUser(principal, t.clusterId, (write) =>
        call(write, {
          method: 'PATCH',
          path: path(t),
          headers: { 'Content-Type': 'application/merge-patch+json' },
          body: JSON.stringify({ spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartedAt } } } } }),
        }),
      );
      return { restarted_at: restartedAt };
    },

    async trigger(principal, t) {
      if (t.info.group !== 'batch' || t.info.resource !== 'cronjobs')
        throw new AppError('OPERATION_NOT_SUPPORTED', `${t.info.resource} cannot be triggered (only CronJobs)`);
      const namespace = namespaced(t);
      const cron = await call<KubeObject>(await reader(t.clusterId), { path: path(t) });
      const template = obj(obj(cron.spec).jobTemplate);
      // like `kubectl create job NAME --from=cronjob/…`: Argus picks the name
      const name = `${t.name.slice(0, 51)}-manual-${randomBytes(2).toString('hex')}`.replace(/-+$/, '');
      const tmeta = obj(template.metadata);
      const job = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name,
          namespace,
          labels: obj(tmeta.labels),
          annotations: { ...obj(tmeta.annotations), 'cronjob.kubernetes.io/instantiate': 'manual' },
          ownerReferences: [
            {
              apiVersion: 'batch/v1',
              kind: 'CronJob',
              name: cron.metadata.name,
              uid: cron.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: obj(template.spec),
      };
      const created = await asUser(principal, t.clusterId, (write) =>
        call<KubeObject>(write, { method: 'POST', path: `/apis/batch/v1${ns(namespace)}/jobs`, body: job }),
      );
      return { job: { namespace, name: created.metadata.name } };
    },

    async cordon(principal, clusterId, node, unschedulable) {
      const now = await asUser(principal, clusterId, (write) => setUnschedulable(write, node, unschedulable));
      return { unschedulable: now };
    },

    async drain(principal, clusterId, node, o) {
      const read = await reader(clusterId);
      await call(read, { path: `/api/v1/nodes/${seg(node)}` }); // 404 for a node that does not exist
      return asUser(principal, clusterId, (write) => drain(read, write, node, o));
    },

    async topPods(clusterId, allowed, namespace, options) {
      const kube = await reader(clusterId);
      const info = await module.resources.info(clusterId, 'core', 'v1', 'pods');
      // Only what usage reads of each pod (its containers' requests and limits): the projection is remembered
      // per pod version, so a page refreshing its usage does not parse every pod again.
      const q = { ...(namespace ? { namespace } : {}), fields: POD_TOP_FIELDS };
      const pods = await module.resources.list(clusterId, info, q, allowed, 'all');
      return topPods(kube, pods.items as KubeObject[], allowed, namespace, options?.containers ?? true);
    },

    async topNodes(clusterId) {
      const kube = await reader(clusterId);
      const info = await module.resources.info(clusterId, 'core', 'v1', 'nodes');
      const nodes = await module.resources.list(clusterId, info, {}, 'all', 'all');
      return topNodes(kube, nodes.items as KubeObject[]);
    },
  };
}
