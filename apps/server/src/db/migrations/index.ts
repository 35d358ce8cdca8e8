import type { Migration } from '../migration.js';
import { initialSchema } from './0001-initial-schema.js';
import { builtinRoles } from './0002-builtin-roles.js';
import { clusterConnectionDetails } from './0010-cluster-connection-details.js';
import { oidcLoginStates } from './0030-oidc-login-states.js';
import { secretsRead } from './0040-secrets-read.js';
import { leases } from './0050-leases.js';
import { proxyPermissions } from './0060-proxy-permissions.js';

/** Every migration in order. Append only: an applied migration is never edited (its checksum is checked). */
export const migrations: readonly Migration[] = [
  initialSchema,
  builtinRoles,
  clusterConnectionDetails,
  oidcLoginStates,
  secretsRead,
  leases,
  proxyPermissions,
];
