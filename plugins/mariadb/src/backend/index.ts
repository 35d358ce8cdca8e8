/**
 * The MariaDB plugin's backend: the mariadb-operator's MariaDBs, MaxScales, backups, physical backups,
 * restores, SQL jobs, databases, users, grants and connections served by the operator toolkit — health by
 * the reference's rules, table summaries, and the operator's own actions (switch primary, back up now,
 * restart, suspend and resume reconciliation, suspend and resume a schedule) run as the calling user.
 */
import { defineOperatorPlugin, readManifest } from '@argus/plugin-sdk';
import { MARIADB_KINDS } from './kinds.js';

export default defineOperatorPlugin({
  manifest: readManifest(new URL('../../manifest.json', import.meta.url)),
  kinds: MARIADB_KINDS,
});
