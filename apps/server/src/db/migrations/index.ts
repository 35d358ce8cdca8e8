import type { Migration } from '../migration.js';
import { initialSchema } from './0001-initial-schema.js';
import { builtinRoles } from './0002-builtin-roles.js';
import { clusterConnectionDetails } from './0010-cluster-connection-details.js';
import { oidcLoginStates } from './0030-oidc-login-states.js';
import { secretsRead } from './0040-secrets-read.js';
import { leases } from './0050-leases.js';
import { proxyPermissions } from './0060-proxy-permissions.js';
import { alerts } from './0070-alerts.js';
import { notificationPipeline } from './0071-notification-pipeline.js';
import { notificationChannels } from './0072-notification-channels.js';
import { terminalRecordings } from './0080-terminal-recordings.js';
import { terminalHistory } from './0081-terminal-history.js';
import { agentRoutes } from './0090-agent-routes.js';
import { ai } from './0100-ai.js';
import { aiRetrieval } from './0101-ai-retrieval.js';

/** Every migration in order. Append only: an applied migration is never edited (its checksum is checked). */
export const migrations: readonly Migration[] = [
  initialSchema,
  builtinRoles,
  clusterConnectionDetails,
  oidcLoginStates,
  secretsRead,
  leases,
  proxyPermissions,
  alerts,
  notificationPipeline,
  notificationChannels,
  terminalRecordings,
  terminalHistory,
  agentRoutes,
  ai,
  aiRetrieval,
];
