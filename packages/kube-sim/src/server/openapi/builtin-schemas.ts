/**
 * Compact OpenAPI v3 schemas of the built-in kinds: enough for `kubectl explain`, apply and field validation
 * (`fieldValidation=Strict`, see ../field-validation.ts). A schema with `properties` lists every field the
 * kind has in Kubernetes 1.32 (an unknown field there is refused); `free()` marks what is not modelled
 * (anything is accepted inside it).
 */
import {
  bool,
  CORE,
  free,
  int,
  intOrString,
  list,
  META,
  map,
  obj,
  ref,
  type S,
  str,
  strings,
} from './schema-builders.js';
import { SHARED } from './shared-schemas.js';

const SPECS: Record<string, S> = {
  Pod: ref(`${CORE}.PodSpec`, 'Specification of the desired behavior of the pod.'),
  Deployment: obj(
    'DeploymentSpec is the specification of the desired behavior of the Deployment.',
    {
      replicas: int(
        'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.',
      ),
      selector: ref(
        `${META}.LabelSelector`,
        'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
      ),
      template: ref(`${CORE}.PodTemplateSpec`, 'Template describes the pods that will be created.'),
      strategy: obj('The deployment strategy to use to replace existing pods with new ones.', {
        type: str('Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.'),
        rollingUpdate: obj('Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.', {
          maxUnavailable: intOrString('The maximum number of pods that can be unavailable during the update.'),
          maxSurge: intOrString('The maximum number of pods that can be scheduled above the desired number of pods.'),
        }),
      }),
      revisionHistoryLimit: int('The number of old ReplicaSets to retain to allow rollback.'),
      minReadySeconds: int(
        'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available.',
      ),
      paused: bool('Indicates that the deployment is paused.'),
      progressDeadlineSeconds: int(
        'The maximum time in seconds for a deployment to make progress before it is considered to be failed.',
      ),
    },
    ['selector', 'template'],
  ),
  Service: obj('ServiceSpec describes the attributes that a user creates on a service.', {
    type: str('type determines how the Service is exposed. Defaults to ClusterIP.'),
    selector: map('Route service traffic to pods with label keys and values matching this selector.'),
    ports: {
      ...list(
        obj("ServicePort contains information on service's port.", {
          name: str('The name of this port within the service.'),
          protocol: str('The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.'),
          appProtocol: str('The application protocol for this port.'),
          port: int('The port that will be exposed by this service.'),
          targetPort: intOrString('Number or name of the port to access on the pods targeted by the service.'),
          nodePort: int(
            'The port on each node on which this service is exposed when type is NodePort or LoadBalancer.',
          ),
        }),
        'The list of ports that are exposed by this service.',
        'port',
      ),
      'x-kubernetes-list-map-keys': ['port', 'protocol'],
    },
    clusterIP: str('clusterIP is the IP address of the service and is usually assigned randomly.'),
    clusterIPs: strings('ClusterIPs is a list of IP addresses assigned to this service.'),
    externalName: str(
      'externalName is the external reference that discovery mechanisms will return as an alias for this service.',
    ),
    externalIPs: strings(
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic.',
    ),
    sessionAffinity: str('Supports "ClientIP" and "None". Used to maintain session affinity.'),
    sessionAffinityConfig: free('sessionAffinityConfig contains the configurations of session affinity.'),
    loadBalancerIP: str('Only applies to Service Type: LoadBalancer. Deprecated.'),
    loadBalancerSourceRanges: strings(
      'The traffic through the cloud-provider load-balancer will be restricted to these client IPs.',
    ),
    loadBalancerClass: str(
      'loadBalancerClass is the class of the load balancer implementation this Service belongs to.',
    ),
    allocateLoadBalancerNodePorts: bool(
      'allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated.',
    ),
    externalTrafficPolicy: str(
      'externalTrafficPolicy describes how nodes distribute service traffic they receive on externally-facing addresses.',
    ),
    internalTrafficPolicy: str(
      'InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP.',
    ),
    healthCheckNodePort: int('healthCheckNodePort specifies the healthcheck nodePort for the service.'),
    publishNotReadyAddresses: bool(
      'publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready.',
    ),
    ipFamilies: strings('IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service.'),
    ipFamilyPolicy: str('IPFamilyPolicy represents the dual-stack-ness requested or required by this Service.'),
    trafficDistribution: str(
      'TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints.',
    ),
  }),
  Ingress: obj('IngressSpec describes the Ingress the user wishes to exist.', {
    ingressClassName: str('ingressClassName is the name of an IngressClass cluster resource.'),
    defaultBackend: ref(
      'io.k8s.api.networking.v1.IngressBackend',
      "defaultBackend is the backend that should handle requests that don't match any rule.",
    ),
    tls: list(
      obj('IngressTLS describes the transport layer security associated with an ingress.', {
        hosts: strings('hosts is a list of hosts included in the TLS certificate.'),
        secretName: str('secretName is the name of the secret used to terminate TLS traffic on port 443.'),
      }),
      'tls represents the TLS configuration.',
    ),
    rules: list(
      obj(
        'IngressRule represents the rules mapping the paths under a specified host to the related backend services.',
        {
          host: str('host is the fully qualified domain name of a network host, as defined by RFC 3986.'),
          http: obj('HTTPIngressRuleValue is a list of http selectors pointing to backends.', {
            paths: list(
              obj(
                'HTTPIngressPath associates a path with a backend.',
                {
                  path: str('path is matched against the path of an incoming request.'),
                  pathType: str(
                    'pathType determines the interpretation of the path matching: Exact, Prefix or ImplementationSpecific.',
                  ),
                  backend: ref(
                    'io.k8s.api.networking.v1.IngressBackend',
                    'backend defines the referenced service endpoint.',
                  ),
                },
                ['pathType', 'backend'],
              ),
              'paths is a collection of paths that map requests to backends.',
            ),
          }),
        },
      ),
      'rules is a list of host rules used to configure the Ingress.',
    ),
  }),
  PodDisruptionBudget: obj('PodDisruptionBudgetSpec is a description of a PodDisruptionBudget.', {
    minAvailable: intOrString(
      'An eviction is allowed if at least "minAvailable" pods selected by "selector" will still be available after the eviction.',
    ),
    maxUnavailable: intOrString(
      'An eviction is allowed if at most "maxUnavailable" pods selected by "selector" are unavailable after the eviction.',
    ),
    selector: ref(
      `${META}.LabelSelector`,
      'Label query over pods whose evictions are managed by the disruption budget.',
    ),
    unhealthyPodEvictionPolicy: str(
      'UnhealthyPodEvictionPolicy defines the criteria for when unhealthy pods should be considered for eviction.',
    ),
  }),
  HorizontalPodAutoscaler: obj(
    'HorizontalPodAutoscalerSpec describes the desired functionality of the HorizontalPodAutoscaler.',
    {
      scaleTargetRef: obj(
        'scaleTargetRef points to the target resource to scale.',
        {
          apiVersion: str('apiVersion is the API version of the referent'),
          kind: str('kind is the kind of the referent'),
          name: str('name is the name of the referent'),
        },
        ['kind', 'name'],
      ),
      minReplicas: int(
        'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.',
      ),
      maxReplicas: int(
        'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.',
      ),
      metrics: list(
        free('MetricSpec specifies how to scale based on a single metric.'),
        'metrics contains the specifications for which to use to calculate the desired replica count.',
      ),
      behavior: free('behavior configures the scaling behavior of the target in both Up and Down directions.'),
    },
    ['scaleTargetRef', 'maxReplicas'],
  ),
  PersistentVolumeClaim: obj(
    'PersistentVolumeClaimSpec describes the common attributes of storage devices and allows a Source for provider-specific attributes',
    {
      accessModes: strings('accessModes contains the desired access modes the volume should have.'),
      selector: ref(`${META}.LabelSelector`, 'selector is a label query over volumes to consider for binding.'),
      resources: ref(
        `${CORE}.ResourceRequirements`,
        'resources represents the minimum resources the volume should have.',
      ),
      volumeName: str('volumeName is the binding reference to the PersistentVolume backing this claim.'),
      storageClassName: str('storageClassName is the name of the StorageClass required by the claim.'),
      volumeMode: str('volumeMode defines what type of volume is required by the claim.'),
      dataSource: free('dataSource field can be used to specify an existing VolumeSnapshot or PVC.'),
      dataSourceRef: free('dataSourceRef specifies the object from which to populate the volume with data.'),
      volumeAttributesClassName: str(
        'volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.',
      ),
    },
  ),
};

const WORKLOAD_FIELDS: Record<string, string[]> = {
  ReplicaSet: ['minReadySeconds'],
  StatefulSet: [
    'volumeClaimTemplates',
    'serviceName',
    'podManagementPolicy',
    'updateStrategy',
    'revisionHistoryLimit',
    'minReadySeconds',
    'persistentVolumeClaimRetentionPolicy',
    'ordinals',
  ],
  DaemonSet: ['updateStrategy', 'minReadySeconds', 'revisionHistoryLimit'],
  Job: [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'podFailurePolicy',
    'successPolicy',
    'backoffLimit',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
    'manualSelector',
    'ttlSecondsAfterFinished',
    'completionMode',
    'suspend',
    'podReplacementPolicy',
    'managedBy',
  ],
};

function workloadSpec(kind: string): S | undefined {
  if (SPECS[kind]) return SPECS[kind];
  const fields = WORKLOAD_FIELDS[kind];
  if (fields) {
    return obj(`${kind}Spec is the specification of a ${kind}.`, {
      ...(kind === 'DaemonSet' || kind === 'Job' ? {} : { replicas: int('Replicas is the number of desired pods.') }),
      selector: ref(`${META}.LabelSelector`, 'A label query over pods that should match the replica count.'),
      template: ref(`${CORE}.PodTemplateSpec`, 'Template is the object that describes the pod that will be created.'),
      ...Object.fromEntries(fields.map((f) => [f, free(f)])),
    });
  }
  return undefined;
}

const DATA_KINDS: Record<string, S> = {
  ConfigMap: {
    data: map('Data contains the configuration data.'),
    binaryData: {
      type: 'object',
      additionalProperties: { type: 'string', format: 'byte' },
      description: 'BinaryData contains the binary data.',
    },
    immutable: bool('Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated.'),
  },
  Secret: {
    data: {
      type: 'object',
      additionalProperties: { type: 'string', format: 'byte' },
      description: 'Data contains the secret data.',
    },
    stringData: map('stringData allows specifying non-binary secret data in string form.'),
    type: str('Used to facilitate programmatic handling of secret data.'),
    immutable: bool('Immutable, if set to true, ensures that data stored in the Secret cannot be updated.'),
  },
};

export function sharedSchemas(): Record<string, S> {
  return SHARED;
}

/** The top-level schema of a built-in kind. */
export function kindSchema(group: string, version: string, kind: string): S {
  const props: S = {
    apiVersion: str(
      'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.',
    ),
    kind: str(
      'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.',
    ),
    metadata: ref(
      `${META}.ObjectMeta`,
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    ),
  };
  const extra = DATA_KINDS[kind];
  if (extra) Object.assign(props, extra);
  else if (['ClusterRole', 'Role'].includes(kind)) {
    props.rules = list(free('PolicyRule'), 'Rules holds all the PolicyRules for this Role');
    if (kind === 'ClusterRole')
      props.aggregationRule = free(
        'AggregationRule is an optional field that describes how to build the Rules for this ClusterRole.',
      );
  } else if (kind === 'Binding') props.target = free('The target object that you want to bind to the standard object.');
  else if (['ClusterRoleBinding', 'RoleBinding'].includes(kind))
    Object.assign(props, {
      roleRef: free('RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'),
      subjects: list(free('Subject'), 'Subjects holds references to the objects the role applies to.'),
    });
  else if (kind === 'ControllerRevision')
    Object.assign(props, {
      data: free('Data is the serialized representation of the state.'),
      revision: int('Revision indicates the revision of the state represented by Data.'),
    });
  else if (kind === 'Endpoints')
    props.subsets = list(free('EndpointSubset'), 'The set of all endpoints is the union of all subsets.');
  else if (kind === 'Event')
    Object.assign(props, {
      involvedObject: free('The object that this event is about.'),
      reason: str(
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ),
      message: str('A human-readable description of the status of this operation.'),
      type: str('Type of this event (Normal, Warning), new types could be added in the future'),
      source: free('The component reporting this event.'),
      firstTimestamp: str('The time at which the event was first recorded.'),
      lastTimestamp: str('The time at which the most recent occurrence of this event was recorded.'),
      count: int('The number of times this event has occurred.'),
      eventTime: str('Time when this Event was first observed.'),
      series: free("Data about the Event series this event represents or nil if it's a singleton Event."),
      action: str('What action was taken/failed regarding to the Regarding object.'),
      related: free('Optional secondary object for more complex actions.'),
      reportingComponent: str('Name of the controller that emitted this Event.'),
      reportingInstance: str('ID of the controller instance.'),
    });
  else if (kind === 'StorageClass')
    Object.assign(props, {
      provisioner: str('provisioner indicates the type of the provisioner.'),
      parameters: map(
        'parameters holds the parameters for the provisioner that should create volumes of this storage class.',
      ),
      reclaimPolicy: str(
        'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.',
      ),
      volumeBindingMode: str('volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'),
      allowVolumeExpansion: bool('allowVolumeExpansion shows whether the storage class allow volume expand.'),
      mountOptions: strings('mountOptions controls the mountOptions for dynamically provisioned PersistentVolumes.'),
      allowedTopologies: list(
        free('TopologySelectorTerm'),
        'allowedTopologies restrict the node topologies where volumes can be dynamically provisioned.',
      ),
    });
  else if (kind === 'ServiceAccount')
    Object.assign(props, {
      secrets: list(
        free('ObjectReference'),
        'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
        'name',
      ),
      imagePullSecrets: list(
        free('LocalObjectReference'),
        'ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount.',
      ),
      automountServiceAccountToken: bool(
        'AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted.',
      ),
    });
  else {
    props.spec = workloadSpec(kind) ?? free(`Spec defines the behavior of the ${kind}.`);
    props.status = free(`Most recently observed status of the ${kind}.`);
  }
  return {
    type: 'object',
    description: `${kind} is a ${group || 'core'}/${version} object served by kube-sim.`,
    properties: props,
    'x-kubernetes-group-version-kind': [{ group, kind, version }],
  };
}
