/** What the KEDA pages read: the operator toolkit's items (object + health + summary) and the plugin's own routes. */
import type { OperatorActionInfo } from '@argus/plugin-sdk/frontend';
import type { Health } from '@argus/ui';
import type { HpaView, ScaledJobSummary, ScaledObjectSummary, TriggerAuthenticationSummary } from '../shared/api-types';

export type * from '../shared/api-types';

export interface KedaObject<S> {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  status?: {
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }>;
  };
  health: Health;
  summary: S;
}

export type ActionInfo = OperatorActionInfo;

export type Detail<S> = KedaObject<S> & { actions: ActionInfo[] };

export type ScaledObjectItem = KedaObject<ScaledObjectSummary>;
export type ScaledJobItem = KedaObject<ScaledJobSummary>;
export type AuthenticationItem = KedaObject<TriggerAuthenticationSummary>;

export type HpaItem = HpaView & { namespace: string; scaledObject: string };

export interface AuthenticationCheck {
  kind: 'TriggerAuthentication' | 'ClusterTriggerAuthentication';
  namespace: string | null;
  name: string;
  health: Health;
  secrets: Array<{ namespace: string; name: string; keys: string[]; found: boolean; missingKeys: string[] }>;
}

export const KEDA = { group: 'keda.sh', version: 'v1alpha1' } as const;
export type ScalerPlural = 'scaledobjects' | 'scaledjobs';
