/** Rook Ceph's objects as the plugin reads them (ceph.rook.io/v1, objectbucket.io/v1alpha1): the fields it shows. */

export interface CephMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  resourceVersion?: string;
  [key: string]: unknown;
}

interface Obj<S, T> {
  apiVersion?: string;
  kind?: string;
  metadata: CephMeta;
  spec?: S;
  status?: T;
  [key: string]: unknown;
}

export interface CephCheck {
  severity?: string;
  message?: string;
}

export interface PoolSpec {
  failureDomain?: string;
  deviceClass?: string;
  replicated?: { size?: number };
  erasureCoded?: { dataChunks?: number; codingChunks?: number };
}

export type CephCluster = Obj<
  {
    cephVersion?: { image?: string };
    mon?: { count?: number };
    mgr?: { count?: number };
    external?: { enable?: boolean };
    dataDirHostPath?: string;
  },
  {
    phase?: string;
    state?: string;
    message?: string;
    version?: { version?: string; image?: string };
    ceph?: {
      health?: string;
      lastChecked?: string;
      details?: Record<string, CephCheck>;
      capacity?: { bytesTotal?: number; bytesUsed?: number; bytesAvailable?: number; lastUpdated?: string };
      versions?: Record<string, Record<string, number>>;
      fsid?: string;
    };
  }
>;

export type CephBlockPool = Obj<PoolSpec & { name?: string }, { phase?: string; info?: Record<string, string> }>;

export type CephFilesystem = Obj<
  {
    metadataServer?: { activeCount?: number; activeStandby?: boolean };
    metadataPool?: PoolSpec;
    dataPools?: Array<PoolSpec & { name?: string }>;
  },
  { phase?: string }
>;

export type CephObjectStore = Obj<
  {
    gateway?: { instances?: number; port?: number; securePort?: number };
    dataPool?: PoolSpec;
    metadataPool?: PoolSpec;
  },
  { phase?: string; info?: { endpoint?: string; secureEndpoint?: string } }
>;

export type CephObjectStoreUser = Obj<
  { store?: string; displayName?: string },
  { phase?: string; info?: { secretName?: string } }
>;

/** The kinds whose health is Rook's `status.phase` alone (NFS, RBD mirror, sub-volume group, RADOS namespace). */
export type CephPhased = Obj<Record<string, unknown>, { phase?: string; info?: Record<string, string> }>;

export type ObjectBucketClaim = Obj<
  { bucketName?: string; generateBucketName?: string; storageClassName?: string; objectBucketName?: string },
  { phase?: string }
>;

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Failed' | 'Paused' | 'Unknown';
export interface Health {
  status: HealthStatus;
  reason: string;
}
