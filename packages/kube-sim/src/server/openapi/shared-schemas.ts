/** Shared definitions of the built-in kinds' schemas (Kubernetes 1.32 field names and descriptions). */
import {
  bool,
  CORE,
  free,
  int,
  int64,
  intOrString,
  keyRef,
  keyToPath,
  list,
  META,
  map,
  obj,
  ref,
  refItems,
  type S,
  str,
  strings,
} from './schema-builders.js';

/** The definitions kinds refer to (`#/components/schemas/…`): metadata, pod spec, containers, volumes, … */
export const SHARED: Record<string, S> = {
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
      selfLink: str('Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.'),
      generation: {
        type: 'integer',
        format: 'int64',
        description: 'A sequence number representing a specific generation of the desired state.',
      },
      deletionGracePeriodSeconds: int64(
        'Number of seconds allowed for this object to gracefully terminate before it will be removed from the system.',
      ),
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
      hostIP: str('What host IP to bind the external port to.'),
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
      valueFrom: ref(`${CORE}.EnvVarSource`, "Source for the environment variable's value."),
    },
    ['name'],
  ),
  [`${CORE}.EnvVarSource`]: obj('EnvVarSource represents a source for the value of an EnvVar.', {
    fieldRef: obj('Selects a field of the pod.', {
      apiVersion: str('Version of the schema the FieldPath is written in terms of.'),
      fieldPath: str('Path of the field to select in the specified API version.'),
    }),
    resourceFieldRef: obj('Selects a resource of the container.', {
      containerName: str('Container name: required for volumes, optional for env vars'),
      resource: str('Required: resource to select'),
      divisor: intOrString('Specifies the output format of the exposed resources, defaults to "1"'),
    }),
    configMapKeyRef: keyRef('Selects a key of a ConfigMap.'),
    secretKeyRef: keyRef("Selects a key of a secret in the pod's namespace"),
  }),
  [`${CORE}.EnvFromSource`]: obj('EnvFromSource represents the source of a set of ConfigMaps or Secrets', {
    prefix: str('An optional identifier to prepend to each key in the ConfigMap or Secret.'),
    configMapRef: obj('The ConfigMap to select from', {
      name: str('Name of the referent.'),
      optional: bool('optional'),
    }),
    secretRef: obj('The Secret to select from', { name: str('Name of the referent.'), optional: bool('optional') }),
  }),
  [`${CORE}.Probe`]: obj(
    'Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.',
    {
      exec: obj('Exec specifies a command to execute in the container.', {
        command: strings('Command is the command line to execute inside the container.'),
      }),
      httpGet: obj('HTTPGet specifies an HTTP GET request to perform.', {
        path: str('Path to access on the HTTP server.'),
        port: intOrString('Name or number of the port to access on the container.'),
        host: str('Host name to connect to, defaults to the pod IP.'),
        scheme: str('Scheme to use for connecting to the host. Defaults to HTTP.'),
        httpHeaders: list(
          obj('HTTPHeader describes a custom header to be used in HTTP probes', {
            name: str('The header field name.'),
            value: str('The header field value'),
          }),
          'Custom headers to set in the request.',
        ),
      }),
      tcpSocket: obj('TCPSocket specifies a connection to a TCP port.', {
        port: intOrString('Number or name of the port to access on the container.'),
        host: str('Optional: Host name to connect to, defaults to the pod IP.'),
      }),
      grpc: obj('GRPC specifies a GRPC HealthCheckRequest.', {
        port: int('Port number of the gRPC service.'),
        service: str('Service is the name of the service to place in the gRPC HealthCheckRequest.'),
      }),
      initialDelaySeconds: int(
        'Number of seconds after the container has started before liveness probes are initiated.',
      ),
      timeoutSeconds: int('Number of seconds after which the probe times out.'),
      periodSeconds: int('How often (in seconds) to perform the probe.'),
      successThreshold: int(
        'Minimum consecutive successes for the probe to be considered successful after having failed.',
      ),
      failureThreshold: int(
        'Minimum consecutive failures for the probe to be considered failed after having succeeded.',
      ),
      terminationGracePeriodSeconds: int64(
        'Optional duration in seconds the pod needs to terminate gracefully upon probe failure.',
      ),
    },
  ),
  [`${CORE}.SeccompProfile`]: obj("SeccompProfile defines a pod/container's seccomp profile settings.", {
    type: str('type indicates which kind of seccomp profile will be applied.'),
    localhostProfile: str('localhostProfile indicates a profile defined in a file on the node should be used.'),
  }),
  [`${CORE}.SecurityContext`]: obj(
    'SecurityContext holds security configuration that will be applied to a container.',
    {
      capabilities: obj('The capabilities to add/drop when running containers.', {
        add: strings('Added capabilities'),
        drop: strings('Removed capabilities'),
      }),
      privileged: bool('Run container in privileged mode.'),
      seLinuxOptions: free('The SELinux context to be applied to the container.'),
      windowsOptions: free('The Windows specific settings applied to all containers.'),
      runAsUser: int64('The UID to run the entrypoint of the container process.'),
      runAsGroup: int64('The GID to run the entrypoint of the container process.'),
      runAsNonRoot: bool('Indicates that the container must run as a non-root user.'),
      readOnlyRootFilesystem: bool('Whether this container has a read-only root filesystem.'),
      allowPrivilegeEscalation: bool(
        'AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process.',
      ),
      procMount: str('procMount denotes the type of proc mount to use for the containers.'),
      seccompProfile: ref(`${CORE}.SeccompProfile`, 'The seccomp options to use by this container.'),
      appArmorProfile: free('appArmorProfile is the AppArmor options to use by this container.'),
    },
  ),
  [`${CORE}.PodSecurityContext`]: obj(
    'PodSecurityContext holds pod-level security attributes and common container settings.',
    {
      seLinuxOptions: free('The SELinux context to be applied to all containers.'),
      windowsOptions: free('The Windows specific settings applied to all containers.'),
      runAsUser: int64('The UID to run the entrypoint of the container process.'),
      runAsGroup: int64('The GID to run the entrypoint of the container process.'),
      runAsNonRoot: bool('Indicates that the container must run as a non-root user.'),
      supplementalGroups: { type: 'array', items: { type: 'integer', format: 'int64' }, description: 'groups' },
      supplementalGroupsPolicy: str('Defines how supplemental groups of the first container processes are calculated.'),
      fsGroup: int64('A special supplemental group that applies to all containers in a pod.'),
      sysctls: list(
        free('Sysctl defines a kernel parameter to be set'),
        'Sysctls hold a list of namespaced sysctls used for the pod.',
      ),
      fsGroupChangePolicy: str(
        'fsGroupChangePolicy defines behavior of changing ownership and permission of the volume.',
      ),
      seccompProfile: ref(`${CORE}.SeccompProfile`, 'The seccomp options to use by the containers in this pod.'),
      appArmorProfile: free('appArmorProfile is the AppArmor options to use by the containers in this pod.'),
      seLinuxChangePolicy: str(
        "seLinuxChangePolicy defines how the container's SELinux label is applied to all volumes used by the Pod.",
      ),
    },
  ),
  [`${CORE}.ResourceRequirements`]: obj('ResourceRequirements describes the compute resource requirements.', {
    limits: {
      type: 'object',
      additionalProperties: intOrString('quantity'),
      description: 'Limits describes the maximum amount of compute resources allowed.',
    },
    requests: {
      type: 'object',
      additionalProperties: intOrString('quantity'),
      description: 'Requests describes the minimum amount of compute resources required.',
    },
    claims: list(
      free('ResourceClaim references one entry in PodSpec.ResourceClaims.'),
      'Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.',
      'name',
    ),
  }),
  [`${CORE}.Volume`]: obj(
    'Volume represents a named volume in a pod that may be accessed by any container in the pod.',
    {
      name: str('name of the volume. Must be a DNS_LABEL and unique within the pod.'),
      emptyDir: obj("emptyDir represents a temporary directory that shares a pod's lifetime.", {
        medium: str('medium represents what type of storage medium should back this directory.'),
        sizeLimit: intOrString('sizeLimit is the total amount of local storage required for this EmptyDir volume.'),
      }),
      secret: obj('secret represents a secret that should populate this volume.', {
        secretName: str("secretName is the name of the secret in the pod's namespace to use."),
        items: keyToPath,
        defaultMode: int('defaultMode is Optional: mode bits used to set permissions on created files by default.'),
        optional: bool('optional field specify whether the Secret or its keys must be defined'),
      }),
      configMap: obj('configMap represents a configMap that should populate this volume', {
        name: str('Name of the referent.'),
        items: keyToPath,
        defaultMode: int('defaultMode is optional: mode bits used to set permissions on created files by default.'),
        optional: bool('optional specify whether the ConfigMap or its keys must be defined'),
      }),
      persistentVolumeClaim: obj(
        'persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace.',
        {
          claimName: str(
            'claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume.',
          ),
          readOnly: bool('readOnly Will force the ReadOnly setting in VolumeMounts.'),
        },
      ),
      ...Object.fromEntries(
        [
          'hostPath',
          'gcePersistentDisk',
          'awsElasticBlockStore',
          'gitRepo',
          'nfs',
          'iscsi',
          'glusterfs',
          'rbd',
          'flexVolume',
          'cinder',
          'cephfs',
          'flocker',
          'downwardAPI',
          'fc',
          'azureFile',
          'vsphereVolume',
          'quobyte',
          'azureDisk',
          'photonPersistentDisk',
          'projected',
          'portworxVolume',
          'scaleIO',
          'storageos',
          'csi',
          'ephemeral',
          'image',
        ].map((source) => [source, free(`${source} volume source`)]),
      ),
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
      subPathExpr: str("Expanded path within the volume from which the container's volume should be mounted."),
      mountPropagation: str(
        'mountPropagation determines how mounts are propagated from the host to container and the other way around.',
      ),
      recursiveReadOnly: str('RecursiveReadOnly specifies whether read-only mounts should be handled recursively.'),
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
      envFrom: list(
        refItems(`${CORE}.EnvFromSource`),
        'List of sources to populate environment variables in the container.',
      ),
      resources: ref(`${CORE}.ResourceRequirements`, 'Compute Resources required by this container.'),
      resizePolicy: list(free('ContainerResizePolicy'), 'Resources resize policy for the container.'),
      restartPolicy: str('RestartPolicy defines the restart behavior of individual containers in a pod.'),
      volumeDevices: list(
        free('volumeDevice describes a mapping of a raw block device within a container.'),
        'volumeDevices is the list of block devices to be used by the container.',
        'devicePath',
      ),
      volumeMounts: list(
        refItems(`${CORE}.VolumeMount`),
        "Pod volumes to mount into the container's filesystem.",
        'mountPath',
      ),
      livenessProbe: ref(`${CORE}.Probe`, 'Periodic probe of container liveness.'),
      readinessProbe: ref(`${CORE}.Probe`, 'Periodic probe of container service readiness.'),
      startupProbe: ref(`${CORE}.Probe`, 'StartupProbe indicates that the Pod has successfully initialized.'),
      lifecycle: free('Actions that the management system should take in response to container lifecycle events.'),
      terminationMessagePath: str(
        "Path at which the file to which the container's termination message will be written is mounted.",
      ),
      terminationMessagePolicy: str('Indicate how the termination message should be populated.'),
      securityContext: ref(
        `${CORE}.SecurityContext`,
        'SecurityContext defines the security options the container should be run with.',
      ),
      stdin: bool('Whether this container should allocate a buffer for stdin in the container runtime.'),
      stdinOnce: bool(
        'Whether the container runtime should close the stdin channel after it has been opened by a single attach.',
      ),
      tty: bool('Whether this container should allocate a TTY for itself.'),
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
      ephemeralContainers: list(
        free('An EphemeralContainer is a temporary container that you may add to an existing Pod.'),
        'List of ephemeral containers run in this pod.',
        'name',
      ),
      volumes: {
        ...list(
          refItems(`${CORE}.Volume`),
          'List of volumes that can be mounted by containers belonging to the pod.',
          'name',
        ),
        'x-kubernetes-patch-strategy': 'merge,retainKeys',
      },
      nodeName: str('NodeName indicates in which node this pod is scheduled.'),
      nodeSelector: map('NodeSelector is a selector which must be true for the pod to fit on a node.'),
      serviceAccountName: str('ServiceAccountName is the name of the ServiceAccount to use to run this pod.'),
      serviceAccount: str('DeprecatedServiceAccount is a deprecated alias for ServiceAccountName.'),
      automountServiceAccountToken: bool(
        'AutomountServiceAccountToken indicates whether a service account token should be automatically mounted.',
      ),
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
      hostPID: bool("Use the host's pid namespace."),
      hostIPC: bool("Use the host's ipc namespace."),
      hostUsers: bool("Use the host's user namespace."),
      shareProcessNamespace: bool('Share a single process namespace between all of the containers in a pod.'),
      securityContext: ref(
        `${CORE}.PodSecurityContext`,
        'SecurityContext holds pod-level security attributes and common container settings.',
      ),
      activeDeadlineSeconds: int64('Optional duration in seconds the pod may be active on the node.'),
      dnsPolicy: str('Set DNS policy for the pod.'),
      dnsConfig: free('Specifies the DNS parameters of a pod.'),
      hostname: str('Specifies the hostname of the Pod.'),
      subdomain: str(
        'If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>".',
      ),
      setHostnameAsFQDN: bool("If true the pod's hostname will be configured as the pod's FQDN."),
      schedulerName: str('If specified, the pod will be dispatched by specified scheduler.'),
      hostAliases: list(
        free('HostAlias holds the mapping between IP and hostnames'),
        "HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file.",
        'ip',
      ),
      priorityClassName: str("If specified, indicates the pod's priority."),
      priority: int('The priority value.'),
      preemptionPolicy: str('PreemptionPolicy is the Policy for preempting pods with lower priority.'),
      readinessGates: list(
        free('PodReadinessGate contains the reference to a pod condition'),
        'If specified, all readiness gates will be evaluated for pod readiness.',
      ),
      runtimeClassName: str('RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group.'),
      enableServiceLinks: bool(
        "EnableServiceLinks indicates whether information about services should be injected into pod's environment variables.",
      ),
      overhead: {
        type: 'object',
        additionalProperties: intOrString('quantity'),
        description: 'Overhead represents the resource overhead associated with running a pod.',
      },
      topologySpreadConstraints: {
        ...list(
          free('TopologySpreadConstraint specifies how to spread matching pods among the given topology.'),
          'TopologySpreadConstraints describes how a group of pods ought to spread across topology domains.',
          'topologyKey',
        ),
        'x-kubernetes-list-map-keys': ['topologyKey', 'whenUnsatisfiable'],
      },
      os: free('Specifies the OS of the containers in the pod.'),
      schedulingGates: list(
        free('PodSchedulingGate is associated to a Pod to guard its scheduling.'),
        'SchedulingGates is an opaque list of values that if specified will block scheduling the pod.',
        'name',
      ),
      resourceClaims: list(
        free('PodResourceClaim references exactly one ResourceClaim.'),
        'ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start.',
        'name',
      ),
      resources: ref(
        `${CORE}.ResourceRequirements`,
        'Resources is the total amount of CPU and Memory resources required by all containers in the pod.',
      ),
    },
    ['containers'],
  ),
  'io.k8s.api.networking.v1.IngressBackend': obj(
    'IngressBackend describes all endpoints for a given service and port.',
    {
      service: obj(
        'service references a service as a backend.',
        {
          name: str('name is the referenced service.'),
          port: obj('port of the referenced service.', {
            name: str('name is the name of the port on the Service.'),
            number: int('number is the numerical port number (e.g. 80) on the Service.'),
          }),
        },
        ['name'],
      ),
      resource: free('resource is an ObjectRef to another Kubernetes resource in the namespace of the Ingress object.'),
    },
  ),
  [`${CORE}.PodTemplateSpec`]: obj(
    'PodTemplateSpec describes the data a pod should have when created from a template',
    {
      metadata: ref(`${META}.ObjectMeta`, "Standard object's metadata."),
      spec: ref(`${CORE}.PodSpec`, 'Specification of the desired behavior of the pod.'),
    },
  ),
};
