import { AppError, emailSchema } from '@argus/contracts';
import type { Queryable } from '../../db/types.js';
import { isUniqueViolation } from '../db-errors.js';
import { assertAdminRemains } from '../last-admin.js';

/** Who the provider says signed in, from the verified ID token (and the userinfo endpoint). */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string;
  groups: string[];
}

const MAX_GROUPS = 1000;

/** A claim by name, or by a dotted path into nested objects (`realm_access.roles`) when no claim has the name. */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Groups as an array of strings, or one string (space- or comma-separated); anything else is no group. */
export function groupsFrom(claims: Record<string, unknown>, groupsClaim: string): string[] {
  const value = claimAt(claims, groupsClaim);
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const groups = list.filter((g): g is string => typeof g === 'string' && g.length > 0 && g.length <= 300);
  return [...new Set(groups)].slice(0, MAX_GROUPS);
}

const clean = (v: unknown) =>
  typeof v === 'string'
    ? v
        .replace(/\p{Cc}/gu, '')
        .trim()
        .slice(0, 200)
    : '';

/** The identity in the claims; a login without a usable email, or with one the provider says is unverified, is refused. */
export function identityFrom(claims: Record<string, unknown>, groupsClaim: string): OidcIdentity {
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  if (!issuer || !subject) throw new AppError('OIDC_TOKEN_INVALID', 'The ID token has no issuer or subject');
  const parsed = emailSchema.safeParse(claims.email);
  if (!parsed.success)
    throw new AppError(
      'OIDC_EMAIL_MISSING',
      'The identity provider did not give an email address for this account (request the "email" scope and claim)',
    );
  if (claims.email_verified === false || claims.email_verified === 'false')
    throw new AppError('OIDC_EMAIL_UNVERIFIED', `The identity provider has not verified the email ${parsed.data}`);
  const email = parsed.data;
  const given = [clean(claims.given_name), clean(claims.family_name)].filter(Boolean).join(' ');
  const name = clean(claims.name) || given || clean(claims.preferred_username) || email.split('@')[0] || email;
  return { issuer, subject, email, name, groups: groupsFrom(claims, groupsClaim) };
}

const conflict = (email: string) =>
  new AppError(
    'OIDC_ACCOUNT_CONFLICT',
    `An Argus account with the email ${email} already exists and signs in another way; an admin must delete or rename it before this identity can sign in`,
  );

/**
 * The user for an identity, keyed by (issuer, subject): created on the first login, its email and name
 * refreshed on later ones. An existing account with the same email that is not this identity (a local
 * account, another provider) is never taken over: the login is refused.
 */
export async function upsertOidcUser(tx: Queryable, id: OidcIdentity): Promise<string> {
  const found = await tx.query<{ id: string; is_active: boolean }>(
    'SELECT id::text, is_active FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2 FOR UPDATE',
    [id.issuer, id.subject],
  );
  const user = found.rows[0];
  if (user && !user.is_active) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  const other = await tx.query('SELECT 1 FROM users WHERE email = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)', [
    id.email,
    user?.id ?? null,
  ]);
  if (other.rows.length > 0) throw conflict(id.email);
  try {
    if (user) {
      await tx.query(
        `UPDATE users SET email = $2, name = $3, last_login_at = now(), updated_at = now(),
                failed_login_count = 0, locked_until = NULL
          WHERE id = $1`,
        [user.id, id.email, id.name],
      );
      return user.id;
    }
    const created = await tx.query<{ id: string }>(
      `INSERT INTO users (email, name, auth_provider, oidc_issuer, oidc_subject, last_login_at)
       VALUES ($1, $2, 'oidc', $3, $4, now()) RETURNING id::text`,
      [id.email, id.name, id.issuer, id.subject],
    );
    return created.rows[0]!.id;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(id.email);
    throw err;
  }
}

/**
 * Replaces the user's OIDC-derived role assignments with what the groups map to now (plus the default
 * role, globally). Assignments an admin made by hand are left alone. A login never removes the last admin:
 * that assignment stays until another admin exists.
 */
export async function applyGroupRoles(
  tx: Queryable,
  userId: string,
  groups: string[],
  defaultRole: string | null,
): Promise<{ kept: string[] }> {
  const desired = await tx.query<{ role_id: string; cluster_id: string | null; namespace: string | null }>(
    `SELECT DISTINCT m.role_id::text, m.cluster_id::text, m.namespace
       FROM oidc_role_mappings m WHERE m.group_name = ANY($1::text[])
     UNION
     SELECT r.id::text, NULL, NULL FROM roles r WHERE r.name = $2`,
    [groups, defaultRole],
  );
  const key = (r: { role_id: string; cluster_id: string | null; namespace: string | null }) =>
    `${r.role_id}|${r.cluster_id ?? ''}|${r.namespace ?? ''}`;
  const wanted = new Set(desired.rows.map(key));
  const current = await tx.query<{
    id: string;
    role_id: string;
    role: string;
    cluster_id: string | null;
    namespace: string | null;
  }>(
    `SELECT ur.id::text, ur.role_id::text, r.name AS role, ur.cluster_id::text, ur.namespace
       FROM user_roles ur JOIN roles r ON r.id = ur.role_id
      WHERE ur.user_id = $1 AND ur.source = 'oidc'`,
    [userId],
  );
  const kept: string[] = [];
  for (const row of current.rows) {
    if (wanted.has(key(row))) continue;
    if (row.role === 'admin' && row.cluster_id === null) {
      try {
        await assertAdminRemains(tx, { assignmentId: row.id }, 'remove this admin role');
      } catch (err) {
        if (err instanceof AppError && err.code === 'LAST_ADMIN') {
          kept.push(row.id);
          continue;
        }
        throw err;
      }
    }
    await tx.query('DELETE FROM user_roles WHERE id = $1', [row.id]);
  }
  for (const row of desired.rows)
    await tx.query(
      `INSERT INTO user_roles (user_id, role_id, cluster_id, namespace, source)
       VALUES ($1, $2, $3, $4, 'oidc') ON CONFLICT DO NOTHING`,
      [userId, row.role_id, row.cluster_id, row.namespace],
    );
  return { kept };
}
