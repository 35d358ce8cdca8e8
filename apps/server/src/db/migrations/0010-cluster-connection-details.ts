import type { Migration } from '../migration.js';

/** Clusters (issue 5): how a cluster authenticates (for display) and the code of its last health failure. */
const sql = `
ALTER TABLE clusters ADD COLUMN auth_method text;
ALTER TABLE clusters ADD COLUMN last_error_code text;
`;

export const clusterConnectionDetails: Migration = {
  version: 10,
  name: 'cluster-connection-details',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
