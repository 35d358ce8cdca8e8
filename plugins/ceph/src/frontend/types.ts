/** The shapes the Ceph pages read from the plugin's routes (the toolkit's items, the plugin's own answers). */
import type { OperatorActionInfo } from '@argus/plugin-sdk/frontend';
import type { Health } from '@argus/ui';
import type { ClaimView, DaemonView, StorageClassView } from '../backend/schemas';
import type {
  blockPoolSummary,
  bucketClaimSummary,
  ClusterSummary,
  filesystemSummary,
  objectStoreSummary,
  objectStoreUserSummary,
} from '../shared/summary';

export type { ClaimView, DaemonView, StorageClassView };

export const CEPH = { group: 'ceph.rook.io', version: 'v1' } as const;
export const OBC = { group: 'objectbucket.io', version: 'v1alpha1' } as const;
export const READ = { resource: 'ceph.storage', action: 'read' } as const;

export interface Item<S = Record<string, unknown>> {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; creationTimestamp?: string; [key: string]: unknown };
  // biome-ignore lint/suspicious/noExplicitAny: Rook's specs and statuses are free-form JSON
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: likewise
  status?: any;
  health: Health;
  summary: S;
}

export interface Detail<S = Record<string, unknown>> extends Item<S> {
  actions: OperatorActionInfo[];
}

export type ClusterItem = Item<ClusterSummary>;
export type PoolItem = Item<ReturnType<typeof blockPoolSummary>>;
export type FilesystemItem = Item<ReturnType<typeof filesystemSummary>>;
export type ObjectStoreItem = Item<ReturnType<typeof objectStoreSummary>>;
export type UserItem = Item<ReturnType<typeof objectStoreUserSummary>>;
export type BucketClaimItem = Item<ReturnType<typeof bucketClaimSummary>>;

export interface Storage {
  classes: StorageClassView[];
  claims: ClaimView[];
}

export const objectKey = (o: { metadata: { name: string; namespace?: string } }) =>
  `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** 2.2 TiB, 750 GiB, … (binary units, as Ceph prints them). */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
