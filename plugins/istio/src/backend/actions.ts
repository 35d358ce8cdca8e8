/**
 * The reference's actions, run as the calling user by the toolkit: edit a VirtualService's route weights (a
 * canary shift; they must sum to 100) and switch a PeerAuthentication between PERMISSIVE and STRICT (warned).
 */
import { defineOperatorAction } from '@argus/plugin-sdk';
import { z } from 'zod';
import type { HttpRoute, VirtualService, WorkloadPolicy } from '../shared/types.js';

const weightsParams = z
  .object({
    /** Which HTTP route (index in spec.http), default the first with more than one destination. */
    route: z.number().int().min(0).optional(),
    weights: z.array(z.number().int().min(0).max(100)).min(2).max(16),
  })
  .refine((p) => p.weights.reduce((a, b) => a + b, 0) === 100, {
    message: 'the weights must sum to 100',
    path: ['weights'],
  });
type WeightsParams = z.output<typeof weightsParams>;

const splitRoute = (vs: VirtualService) => (vs.spec?.http ?? []).findIndex((r) => (r.route?.length ?? 0) > 1);

const describeRoute = (r: HttpRoute | undefined) =>
  (r?.route ?? []).map((d) => `${d.destination.host}${d.destination.subset ? `/${d.destination.subset}` : ''}`);

export const setWeights = defineOperatorAction<VirtualService, WeightsParams>({
  label: 'Edit route weights',
  params: weightsParams,
  confirm: (vs, p) => {
    const route = vs.spec?.http?.[p?.route ?? splitRoute(vs)];
    const names = describeRoute(route);
    return p
      ? `Send ${names.map((n, i) => `${p.weights[i] ?? 0}% to ${n}`).join(', ')}?`
      : `Shift traffic between ${names.join(', ')}?`;
  },
  available(vs, p) {
    const index = p?.route ?? splitRoute(vs);
    const route = vs.spec?.http?.[index];
    if (index < 0 || !route) return 'No HTTP route with more than one destination';
    if ((route.route?.length ?? 0) < 2) return `HTTP route ${index} has a single destination`;
    if (p && p.weights.length !== route.route?.length)
      return `HTTP route ${index} has ${route.route?.length} destinations, not ${p.weights.length}`;
    return true;
  },
  // The whole `http` list (a merge patch replaces lists), guarded by the resourceVersion the user saw.
  patch(vs, p) {
    const index = p.route ?? splitRoute(vs);
    const http = (vs.spec?.http ?? []).map((r, i) =>
      i === index ? { ...r, route: (r.route ?? []).map((d, j) => ({ ...d, weight: p.weights[j] ?? 0 })) } : r,
    );
    return { body: { spec: { http } } };
  },
});

const modeParams = z.object({ mode: z.enum(['PERMISSIVE', 'STRICT']) });
type ModeParams = z.output<typeof modeParams>;

export const currentMode = (pa: WorkloadPolicy) => pa.spec?.mtls?.mode ?? 'UNSET';

function scope(pa: WorkloadPolicy): string {
  if (pa.spec?.selector?.matchLabels) return `the workloads it selects in ${pa.metadata.namespace}`;
  return pa.metadata.namespace === 'istio-system' ? 'the whole mesh' : `namespace ${pa.metadata.namespace}`;
}

export const setMtlsMode = defineOperatorAction<WorkloadPolicy, ModeParams>({
  label: 'Switch mTLS mode',
  params: modeParams,
  confirm: (pa, p) =>
    p?.mode === 'PERMISSIVE'
      ? `Switch ${pa.metadata.name} to PERMISSIVE? ${scope(pa)} will accept plain-text traffic again.`
      : `Switch ${pa.metadata.name} to STRICT? Clients without a sidecar can no longer reach ${scope(pa)}: their plain-text requests are refused.`,
  available: (pa, p) => (p && currentMode(pa) === p.mode ? `The mode is ${p.mode} already` : true),
  patch: (_pa, p) => ({ body: { spec: { mtls: { mode: p.mode } } } }),
});
