/**
 * `kubectl describe` as kubectl 1.32 prints it, for the kinds people describe (ports of kubectl's describers,
 * reading as the user through the gateway). Other kinds fall back to the operations service's text.
 */
import type { ClusterClient } from '@argus/plugin-sdk';
import type { Obj, Read, ReadRaw } from './common.js';
import { searchEvents } from './common.js';
import {
  describeConfigMap,
  describeIngress,
  describeNamespace,
  describeNode,
  describePVC,
  describeSecret,
  describeService,
} from './others.js';
import { describePodText } from './pod.js';
import { DescribeWriter } from './tabwriter.js';
import {
  describeCronJob,
  describeDaemonSet,
  describeDeployment,
  describeJob,
  describeReplicaSet,
  describeStatefulSet,
} from './workloads.js';

export { tabwrite } from './tabwriter.js';

/** The kinds described here, by `group/Kind`. */
const KINDS = new Set([
  '/Pod',
  '/Service',
  '/Node',
  '/ConfigMap',
  '/Secret',
  '/Namespace',
  '/PersistentVolumeClaim',
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'batch/Job',
  'batch/CronJob',
  'networking.k8s.io/Ingress',
]);

export const describesLikeKubectl = (group: string, kind: string) => KINDS.has(`${group}/${kind}`);

/** The text kubectl describe prints for `obj` (already read as the user), or undefined for another kind. */
export async function describeLikeKubectl(client: ClusterClient, group: string, obj: Obj): Promise<string | undefined> {
  const readRaw: ReadRaw = async (path) => {
    const res = await client.request({ path });
    let body: Obj;
    try {
      body = JSON.parse(res.body.toString('utf8'));
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  };
  const read: Read = async (path) => {
    const res = await readRaw(path);
    return res.status >= 200 && res.status < 300 ? res.body : undefined;
  };
  const w = new DescribeWriter();
  switch (`${group}/${obj.kind}`) {
    case '/Pod': {
      const mirror = obj.metadata?.annotations?.['kubernetes.io/config.mirror'];
      const events = await searchEvents(read, {
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
        uid: mirror ?? obj.metadata.uid,
      });
      describePodText(obj, events, w);
      break;
    }
    case '/Service':
      await describeService(read, obj, w);
      break;
    case '/Node':
      await describeNode(read, readRaw, obj, w);
      break;
    case '/ConfigMap':
      await describeConfigMap(read, obj, w);
      break;
    case '/Secret':
      describeSecret(obj, w);
      break;
    case '/Namespace':
      await describeNamespace(readRaw, obj, w);
      break;
    case '/PersistentVolumeClaim':
      await describePVC(read, obj, w);
      break;
    case 'apps/Deployment':
      await describeDeployment(read, obj, w);
      break;
    case 'apps/ReplicaSet':
      await describeReplicaSet(read, obj, w);
      break;
    case 'apps/StatefulSet':
      await describeStatefulSet(read, obj, w);
      break;
    case 'apps/DaemonSet':
      await describeDaemonSet(read, obj, w);
      break;
    case 'batch/Job':
      await describeJob(read, obj, w);
      break;
    case 'batch/CronJob':
      await describeCronJob(read, obj, w);
      break;
    case 'networking.k8s.io/Ingress':
      await describeIngress(read, readRaw, obj, w);
      break;
    default:
      return undefined;
  }
  return w.toString();
}
