/** The actions on one object as the UI offers them: allowed for the caller, available in the object's state. */
import { z } from 'zod';
import type { RouteContext } from '../backend.js';
import { availability } from './actions.js';
import type { ResolvedKind } from './routes.js';
import type { OperatorActionInfo } from './schemas.js';
import type { OperatorObject } from './types.js';

function paramsSchema(schema: z.ZodType | undefined): Record<string, unknown> | null {
  if (!schema) return null;
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export async function describeActions(
  ctx: RouteContext<unknown, unknown, unknown>,
  k: ResolvedKind,
  object: OperatorObject,
): Promise<OperatorActionInfo[]> {
  const namespace = object.metadata.namespace;
  const out: OperatorActionInfo[] = [];
  for (const [id, { action, permission, description }] of k.actions) {
    const allowed = await ctx.can(permission.resource, permission.action, namespace ? { namespace } : {});
    const ok = availability(action, object, undefined);
    let confirm: string | undefined;
    try {
      confirm = typeof action.confirm === 'function' ? action.confirm(object, undefined) : action.confirm;
    } catch {
      confirm = undefined;
    }
    out.push({
      id,
      label: action.label,
      description: action.description ?? description,
      allowed,
      available: ok === true,
      reason: ok === true ? null : ok,
      confirm: confirm ?? null,
      params_schema: paramsSchema(action.params),
    });
  }
  return out;
}
