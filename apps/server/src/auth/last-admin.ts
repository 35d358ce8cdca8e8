import { AppError } from '@argus/contracts';
import type { Queryable } from '../db/types.js';

/**
 * Guards the invariant "at least one active user holds the admin role globally". Call inside the
 * transaction that makes the change; the admin role row is locked so concurrent changes serialise.
 */
export async function assertAdminRemains(
  tx: Queryable,
  without: { userId?: string; assignmentId?: string },
  what: string,
): Promise<void> {
  await tx.query("SELECT id FROM roles WHERE name = 'admin' FOR UPDATE");
  const res = await tx.query<{ n: number }>(
    `SELECT count(DISTINCT u.id)::int AS n
       FROM users u
       JOIN user_roles ur ON ur.user_id = u.id
       JOIN roles r ON r.id = ur.role_id
      WHERE r.name = 'admin' AND ur.cluster_id IS NULL AND u.is_active
        AND ($1::uuid IS NULL OR u.id <> $1::uuid)
        AND ($2::uuid IS NULL OR ur.id <> $2::uuid)`,
    [without.userId ?? null, without.assignmentId ?? null],
  );
  if ((res.rows[0]?.n ?? 0) === 0)
    throw new AppError('LAST_ADMIN', `Cannot ${what}: it would leave Argus without an active admin`);
}
