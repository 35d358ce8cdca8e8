/** Compact OpenAPI v3 schemas of the built-in kinds: enough for `kubectl explain` and apply. */
type S = Record<string, unknown>;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const CORE = 'io.k8s.api.core.v1';

const str = (description: string): S => ({ type: 'string', description, default: '' });
const int = (description: string): S => ({ type: 'integer', format: 'int32', description });
const bool = (description: string): S => ({ type: 'boolean', description });
const ref = (name: string, description: string): S => ({
  allOf: [{ $ref: `#/components/schemas/${name}` }],
  description,
  default: {},
});
const map = (description: string): S => ({
  type: 'object',
  additionalProperties: { type: 'string', default: '' },
  description,
});
const obj = (description: string, properties: S, required?: string[]): S => ({
  type: 'object',
  description,
  properties,
  ...(required ? { required } : {}),
});
const list = (items: S, description: string, key?: string): S =>
  key
    ? {
        type: 'array',
        items,
        description,
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': [key],
        'x-kubernetes-patch-merge-key': key,
        'x-kubernetes-patch-strategy': 'merge',
      }
    : { type: 'array', items, description, 'x-kubernetes-list-type': 'atomic' };
const refItems = (name: string): S => ({ allOf: [{ $ref: `#/components/schemas/${name}` }], default: {} });
const free = (description: string): S => ({
  type: 'object',
  description,
  'x-kubernetes-preserve-unknown-fields': true,
});

const SHARED: Record<string, S> = {
  [`${META}.ObjectMeta`]: obj(
    'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
    {
      name: str(
        'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
      ),
      generateName: str(
        'GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.',
      ),
      namespace: str('Namespace defines the space within which each name must be unique.'),
      uid: str('UID is the unique in time and space value for this object.'),
      resourceVersion: str(
        'An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed.',
      ),
      generation: {
        type: 'integer',
        format: 'int64',
        description: 'A sequence number representing a specific generation of the desired state.',
      },
      creationTimestamp: {
        type: 'string',
        format: 'date-time',
        description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
      },
      deletionTimestamp: {
        type: 'string',
        format: 'date-time',
        description: 'DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted.',
      },
      labels: map(
        'Map of string keys and values that can be used to organize and categorize (scope and select) objects.',
      ),
      annotations: map(
        'Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.',
      ),
      finalizers: {
        type: 'array',
        items: { type: 'string', default: '' },
        description: 'Must be empty before the object is deleted from the registry.',
        'x-kubernetes-list-type': 'set',
        'x-kubernetes-patch-strategy': 'merge',
      },
      ownerReferences: list(refItems(`${META}.OwnerReference`), 'List of objects depended by this object.', 'uid'),
      managedFields: {
        type: 'array',
        items: free('ManagedFieldsEntry'),
        description:
          'ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.',
        'x-kubernetes-list-type': 'atomic',
      },
    },
  ),
  [`${META}.OwnerReference`]: obj(
    'OwnerReference contains enough information to let you identify an owning object.',
    {
      apiVersion: str('API version of the referent.'),
      kind: str('Kind of the referent.'),
      name: str('Name of the referent.'),
      uid: str('UID of the referent.'),
      controller: bool('If true, this reference points to the managing controller.'),
      blockOwnerDeletion: bool(
        'If true, AND if the owner has the "foregroundDeletion" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed.',
      ),
    },
    ['apiVersion', 'kind', 'name', 'uid'],
  ),
  [`${META}.LabelSelector`]: obj('A label selector is a label query over a set of resources.', {
    matchLabels: map('matchLabels is a map of {key,value} pairs.'),
    matchExpressions: {
      type: 'array',
      items: free('LabelSelectorRequirement'),
      description: 'matchExpressions is a list of label selector requirements.',
      'x-kubernetes-list-type': 'atomic',
    },
  }),
  [`${CORE}.ContainerPort`]: obj(
    'ContainerPort represents a network port in a single container.',
    {
      name: str('If specified, this must be an IANA_SVC_NAME and unique within the pod.'),
      containerPort: int("Number of port to expose on the pod's IP address."),
      protocol: str('Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".'),
      hostPort: int('Number of port to expose on the host.'),
    },
    ['containerPort'],
  ),
  [`${CORE}.EnvVar`]: obj(
    'EnvVar represents an environment variable present in a Container.',
    {
      name: str('Name of the environment variable.'),
      value: str(
        'Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container.',
      ),
      valueFrom: free("Source for the environment variable's value."),
    },
    ['name'],
  ),
  [`${CORE}.VolumeMount`]: obj(
    'VolumeMount describes a mounting of a Volume within a container.',
    {
      name: str('This must match the Name of a Volume.'),
      mountPath: str('Path within the container at which the volume should be mounted.'),
      readOnly: bool('Mounted read-only if true.'),
      subPath: str("Path within the volume from which the container's volume should be mounted."),
    },
    ['name', 'mountPath'],
  ),
  [`${CORE}.Container`]: obj(
    'A single application container that you want to run within a pod.',
    {
      name: str(
        'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.',
      ),
      image: str('Container image name.'),
      imagePullPolicy: str('Image pull policy. One of Always, Never, IfNotPresent.'),
      command: {
        type: 'array',
        items: { type: 'string', default: '' },
        description: 'Entrypoint array. Not executed within a shell.',
        'x-kubernetes-list-type': 'atomic',
      },
      args: {
        type: 'array',
        items: { type: 'string', default: '' },
        description: 'Arguments to the entrypoint.',
        'x-kubernetes-list-type': 'atomic',
      },
      ports: {
        ...list(refItems(`${CORE}.ContainerPort`), 'List of ports to expose from the container.', 'containerPort'),
        'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
      },
      env: list(refItems(`${CORE}.EnvVar`), 'List of environment variables to set in the container.', 'name'),
      envFrom: list(free('EnvFromSource'), 'List of sources to populate environment variables in the container.'),
      resources: free('Compute Resources required by this container.'),
      volumeMounts: list(
        refItems(`${CORE}.VolumeMount`),
        "Pod volumes to mount into the container's filesystem.",
        'mountPath',
      ),
      livenessProbe: free('Periodic probe of container liveness.'),
      readinessProbe: free('Periodic probe of container service readiness.'),
      securityContext: free('SecurityContext defines the security options the container should be run with.'),
      workingDir: str("Container's working directory."),
    },
    ['name'],
  ),
  [`${CORE}.PodSpec`]: obj(
    'PodSpec is a description of a pod.',
    {
      containers: list(
        refItems(`${CORE}.Container`),
        'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.',
        'name',
      ),
      initContainers: list(
        refItems(`${CORE}.Container`),
        'List of initialization containers belonging to the pod.',
        'name',
      ),
      volumes: {
        ...list(
          free('Volume represents a named volume in a pod that may be accessed by any container in the pod.'),
          'List of volumes that can be mounted by containers belonging to the pod.',
          'name',
        ),
        'x-kubernetes-patch-strategy': 'merge,retainKeys',
      },
      nodeName: str('NodeName indicates in which node this pod is scheduled.'),
      nodeSelector: map('NodeSelector is a selector which must be true for the pod to fit on a node.'),
      serviceAccountName: str('ServiceAccountName is the name of the ServiceAccount to use to run this pod.'),
      restartPolicy: str('Restart policy for all containers within the pod. One of Always, OnFailure, Never.'),
      terminationGracePeriodSeconds: {
        type: 'integer',
        format: 'int64',
        description: 'Optional duration in seconds the pod needs to terminate gracefully.',
      },
      tolerations: list(free('Toleration'), "If specified, the pod's tolerations."),
      affinity: free("If specified, the pod's scheduling constraints"),
      imagePullSecrets: list(
        free('LocalObjectReference'),
        'ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec.',
        'name',
      ),
      hostNetwork: bool('Host networking requested for this pod.'),
      securityContext: free('SecurityContext holds pod-level security attributes and common container settings.'),
    },
    ['containers'],
  ),
  [`${CORE}.PodTemplateSpec`]: obj(
    'PodTemplateSpec describes the data a pod should have when created from a template',
    {
      metadata: ref(`${META}.ObjectMeta`, "Standard object's metadata."),
      spec: ref(`${CORE}.PodSpec`, 'Specification of the desired behavior of the pod.'),
    },
  ),
};

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
      strategy: free('The deployment strategy to use to replace existing pods with new ones.'),
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
        free("ServicePort contains information on service's port."),
        'The list of ports that are exposed by this service.',
        'port',
      ),
      'x-kubernetes-list-map-keys': ['port', 'protocol'],
    },
    clusterIP: str('clusterIP is the IP address of the service and is usually assigned randomly.'),
    externalName: str(
      'externalName is the external reference that discovery mechanisms will return as an alias for this service.',
    ),
  }),
};

function workloadSpec(kind: string): S | undefined {
  if (SPECS[kind]) return SPECS[kind];
  if (['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(kind)) {
    return obj(`${kind}Spec is the specification of a ${kind}.`, {
      replicas: int('Replicas is the number of desired pods.'),
      selector: ref(`${META}.LabelSelector`, 'A label query over pods that should match the replica count.'),
      template: ref(`${CORE}.PodTemplateSpec`, 'Template is the object that describes the pod that will be created.'),
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
  else if (['ClusterRole', 'Role'].includes(kind))
    props.rules = list(free('PolicyRule'), 'Rules holds all the PolicyRules for this Role');
  else if (['ClusterRoleBinding', 'RoleBinding'].includes(kind))
    Object.assign(props, {
      roleRef: free('RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'),
      subjects: list(free('Subject'), 'Subjects holds references to the objects the role applies to.'),
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
