/** Calico's resources the simulated Calico (calico-node, kube-controllers) reconciles (`projectcalico.org/v3`). */
import type { ResourceRef } from '../store/types.js';

const v3 = (resource: string, kind: string): ResourceRef => ({
  group: 'projectcalico.org',
  version: 'v3',
  resource,
  kind,
  namespaced: false,
});

export const CALICO_IPPOOLS = v3('ippools', 'IPPool');
export const CALICO_NODE_STATUSES = v3('caliconodestatuses', 'CalicoNodeStatus');

/** Every Calico kind the simulation watches (added to the controllers' CONTROLLED list). */
export const CALICO_CONTROLLED: ResourceRef[] = [CALICO_IPPOOLS, CALICO_NODE_STATUSES];
