import type { Migration } from '../migration.js';

/**
 * Leases: named, expiring claims that replicas sharing one database take so that one of them does a piece
 * of work (watch a cluster for signals, run the daily digest). Expiry is the database's clock, so replicas'
 * clocks never disagree about it.
 */
const sql = `
CREATE TABLE leases (
  name        text PRIMARY KEY,
  holder      text NOT NULL,
  acquired_at timestamptz NOT NULL DEFAULT now(),
  renewed_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX leases_holder ON leases (holder);
`;

export const leases: Migration = {
  version: 50,
  name: 'leases',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
