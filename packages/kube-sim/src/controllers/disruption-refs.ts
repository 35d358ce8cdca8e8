/** The kinds the disruption and quota controllers reconcile (apart from refs.ts: refs.ts lists them in CONTROLLED). */
import type { ResourceRef } from '../store/types.js';

export const PDBS: ResourceRef = {
  group: 'policy',
  version: 'v1',
  resource: 'poddisruptionbudgets',
  kind: 'PodDisruptionBudget',
};
export const RESOURCE_QUOTAS: ResourceRef = {
  group: '',
  version: 'v1',
  resource: 'resourcequotas',
  kind: 'ResourceQuota',
};
export const DISRUPTION_CONTROLLED: ResourceRef[] = [PDBS, RESOURCE_QUOTAS];
