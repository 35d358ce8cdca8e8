'use client';
import type { ReactNode } from 'react';
import type { KubeObject } from '@/lib/kube';
import type { ApiResource } from '@/lib/resources';
import { CronJobDetails } from './batch/CronJobDetails';
import { JobDetails } from './batch/JobDetails';
import { ConfigMapDetails } from './config/ConfigMapDetails';
import { SecretDetails } from './config/SecretDetails';
import { GatewayDetails, RouteDetails } from './gateway/GatewayApiDetails';
import { HpaDetails } from './hpa/HpaDetails';
import { NamespaceDetails } from './namespace/NamespaceDetails';
import { IngressDetails } from './network/IngressDetails';
import { ServiceDetails } from './network/ServiceDetails';
import { NodeDetails } from './node/NodeDetails';
import { PodDetails } from './pod/PodDetails';
import { BindingDetails } from './rbac/BindingDetails';
import { RoleDetails } from './rbac/RoleDetails';
import { StorageDetails } from './storage/StorageDetails';
import { WorkloadDetails } from './workload/WorkloadDetails';

export interface KindDetailsProps {
  clusterId: string;
  resource: ApiResource;
  object: KubeObject;
  resources: ApiResource[];
  can: (resource: string, action: string) => boolean;
  onLogs: (container?: string) => void;
  onChanged: () => void;
}

const key = (r: ApiResource) => `${r.group || 'core'}/${r.resource}`;

/** The kinds with a page of their own (built-in groups; any version the cluster prefers). */
const KINDS: Record<string, (p: KindDetailsProps) => ReactNode> = {
  'core/pods': (p) => (
    <PodDetails
      clusterId={p.clusterId}
      pod={p.object}
      resources={p.resources}
      canLogs={p.can('pods', 'logs')}
      canProxy={p.can('pods', 'proxy')}
      onLogs={p.onLogs}
    />
  ),
  'apps/deployments': (p) => <WorkloadDetails {...p} />,
  'apps/statefulsets': (p) => <WorkloadDetails {...p} />,
  'apps/daemonsets': (p) => <WorkloadDetails {...p} />,
  'apps/replicasets': (p) => <WorkloadDetails {...p} />,
  'batch/jobs': (p) => <JobDetails {...p} />,
  'batch/cronjobs': (p) => <CronJobDetails {...p} />,
  'core/services': (p) => <ServiceDetails {...p} />,
  'networking.k8s.io/ingresses': (p) => <IngressDetails {...p} />,
  'core/nodes': (p) => <NodeDetails {...p} />,
  'core/persistentvolumeclaims': (p) => <StorageDetails {...p} />,
  'core/persistentvolumes': (p) => <StorageDetails {...p} />,
  'storage.k8s.io/storageclasses': (p) => <StorageDetails {...p} />,
  'core/configmaps': (p) => <ConfigMapDetails {...p} />,
  'core/secrets': (p) => <SecretDetails {...p} />,
  'autoscaling/horizontalpodautoscalers': (p) => <HpaDetails {...p} />,
  'rbac.authorization.k8s.io/roles': (p) => <RoleDetails {...p} />,
  'rbac.authorization.k8s.io/clusterroles': (p) => <RoleDetails {...p} />,
  'rbac.authorization.k8s.io/rolebindings': (p) => <BindingDetails {...p} />,
  'rbac.authorization.k8s.io/clusterrolebindings': (p) => <BindingDetails {...p} />,
  'core/namespaces': (p) => <NamespaceDetails {...p} />,
  'gateway.networking.k8s.io/gateways': (p) => <GatewayDetails {...p} />,
  'gateway.networking.k8s.io/httproutes': (p) => <RouteDetails {...p} />,
  'gateway.networking.k8s.io/grpcroutes': (p) => <RouteDetails {...p} />,
};

export const hasKindDetails = (r: ApiResource) => key(r) in KINDS;

/** The part of the Summary tab that knows the object's kind (nothing for other kinds). */
export function KindDetails(p: KindDetailsProps) {
  const draw = KINDS[key(p.resource)];
  return draw ? draw(p) : null;
}
