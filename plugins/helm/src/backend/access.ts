/** The caller's Argus RBAC per namespace: the plugin reads with Argus's own credentials, so it checks. */
import { AppError, SECRETS_READ } from '@argus/contracts';
import type { RouteContext } from '@argus/plugin-sdk';

export const RESOURCE = 'helm.releases';
export type Action = 'read' | 'write' | 'delete';
type Can = RouteContext<unknown, unknown>['can'];

export async function requireAccess(can: Can, action: Action, namespace: string): Promise<void> {
  if (!(await can(RESOURCE, action, { namespace })))
    throw new AppError('FORBIDDEN', `you may not ${action} Helm releases in namespace ${namespace}`);
}

/** Keeps the items in namespaces the caller may read (one check per namespace). */
export async function readable<T extends { namespace: string }>(can: Can, items: T[]): Promise<T[]> {
  const allowed = new Map<string, boolean>();
  for (const ns of new Set(items.map((i) => i.namespace)))
    allowed.set(ns, await can(RESOURCE, 'read', { namespace: ns }));
  return items.filter((i) => allowed.get(i.namespace));
}

/**
 * Helm keeps a release (values, rendered manifests, notes) in a Secret, and its templates render Secrets:
 * reading that content is reading Secret values, so it needs Argus's core `secrets:read` in the release's
 * namespace besides helm.releases:read. Release lists, status and history do not.
 */
export const canReadContent = (can: Can, namespace: string): Promise<boolean> =>
  can(SECRETS_READ.resource, SECRETS_READ.action, { namespace });

export async function requireContentAccess(can: Can, namespace: string): Promise<void> {
  if (!(await canReadContent(can, namespace)))
    throw new AppError(
      'FORBIDDEN',
      `you may not read Helm release values, manifests or notes in namespace ${namespace}: they are Secret content (secrets:read)`,
      { details: { resource: SECRETS_READ.resource, action: SECRETS_READ.action } },
    );
}
