/** KEDA's four kinds as the operator toolkit serves them: health, table summary and actions. */
import { defineOperatorKind } from '@argus/plugin-sdk';
import { pauseScaledJob, pauseScaledObject, resumeScaledJob, resumeScaledObject } from './actions.js';
import { scaledJobHealth, scaledObjectHealth, triggerAuthenticationHealth } from './health.js';
import {
  KEDA_GROUP,
  KEDA_VERSION,
  type ScaledJob,
  type ScaledObject,
  type TriggerAuthentication,
} from './keda-types.js';
import { scaledJobSummary, scaledObjectSummary, triggerAuthenticationSummary } from './summary.js';

export const scaledObjects = defineOperatorKind<ScaledObject>({
  group: KEDA_GROUP,
  version: KEDA_VERSION,
  plural: 'scaledobjects',
  kind: 'ScaledObject',
  namespaced: true,
  health: scaledObjectHealth,
  summary: (o) => ({ ...scaledObjectSummary(o) }),
  actions: { pause: pauseScaledObject, resume: resumeScaledObject },
});

export const scaledJobs = defineOperatorKind<ScaledJob>({
  group: KEDA_GROUP,
  version: KEDA_VERSION,
  plural: 'scaledjobs',
  kind: 'ScaledJob',
  namespaced: true,
  health: scaledJobHealth,
  summary: (o) => ({ ...scaledJobSummary(o) }),
  actions: { pause: pauseScaledJob, resume: resumeScaledJob },
});

/** Health from the spec alone; `GET /authentications` adds the check of the Secrets they name. */
export const triggerAuthentications = defineOperatorKind<TriggerAuthentication>({
  group: KEDA_GROUP,
  version: KEDA_VERSION,
  plural: 'triggerauthentications',
  kind: 'TriggerAuthentication',
  namespaced: true,
  health: (o) => triggerAuthenticationHealth(o),
  summary: (o) => ({ ...triggerAuthenticationSummary(o) }),
});

export const clusterTriggerAuthentications = defineOperatorKind<TriggerAuthentication>({
  group: KEDA_GROUP,
  version: KEDA_VERSION,
  plural: 'clustertriggerauthentications',
  kind: 'ClusterTriggerAuthentication',
  namespaced: false,
  health: (o) => triggerAuthenticationHealth(o),
  summary: (o) => ({ ...triggerAuthenticationSummary(o) }),
});

export const KEDA_KINDS = [scaledObjects, scaledJobs, triggerAuthentications, clusterTriggerAuthentications];
