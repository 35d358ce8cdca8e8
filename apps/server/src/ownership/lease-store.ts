/**
 * Named leases in PostgreSQL (table `leases`, migration 0050): a replica holds a lease until it expires,
 * renewing it while it works; another replica takes it only once it has expired, so a dead replica's work is
 * handed over within one TTL. Every decision is one statement judged by the database's clock.
 */
import type { Queryable } from '../db/types.js';

export interface LeaseStore {
  /**
   * Takes the lease if it is free or expired, or renews it if `holder` has it; true when `holder` holds it
   * afterwards (for `ttlMs` from now, by the database's clock).
   */
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` has it (another replica may take it at once). */
  release(name: string, holder: string): Promise<void>;
  /** Every lease `holder` has now, by name. */
  heldBy(holder: string): Promise<string[]>;
  /** Who holds a lease now (undefined when free or expired). */
  holderOf(name: string): Promise<string | undefined>;
  /** How many unexpired leases have a name starting with `prefix`. */
  countLive(prefix: string): Promise<number>;
}

export function createLeaseStore(db: Queryable): LeaseStore {
  return {
    async acquire(name, holder, ttlMs) {
      const res = await db.query<{ holder: string }>(
        `INSERT INTO leases (name, holder, expires_at)
              VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
         ON CONFLICT (name) DO UPDATE
                 SET holder = EXCLUDED.holder,
                     acquired_at = CASE WHEN leases.holder = EXCLUDED.holder THEN leases.acquired_at ELSE now() END,
                     renewed_at = now(),
                     expires_at = EXCLUDED.expires_at
               WHERE leases.holder = EXCLUDED.holder OR leases.expires_at <= now()
         RETURNING holder`,
        [name, holder, ttlMs],
      );
      return res.rows[0]?.holder === holder;
    },
    async release(name, holder) {
      await db.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
    async heldBy(holder) {
      const res = await db.query<{ name: string }>(
        'SELECT name FROM leases WHERE holder = $1 AND expires_at > now() ORDER BY name',
        [holder],
      );
      return res.rows.map((r) => r.name);
    },
    async holderOf(name) {
      const res = await db.query<{ holder: string }>(
        'SELECT holder FROM leases WHERE name = $1 AND expires_at > now()',
        [name],
      );
      return res.rows[0]?.holder;
    },
    async countLive(prefix) {
      const res = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM leases WHERE starts_with(name, $1) AND expires_at > now()`,
        [prefix],
      );
      return res.rows[0]?.n ?? 0;
    },
  };
}
