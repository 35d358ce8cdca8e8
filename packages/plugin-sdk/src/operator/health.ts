/** Small pure helpers for health rules (conditions, counts), and the wire shape of a health. */
import { z } from 'zod';
import { HEALTH_STATUSES, type Health, type HealthStatus, type OperatorObject } from './types.js';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** `.status.conditions[type==T]`, or undefined. */
export function condition(object: OperatorObject, type: string): Condition | undefined {
  const list = (object.status as { conditions?: unknown } | undefined)?.conditions;
  if (!Array.isArray(list)) return undefined;
  return list.find((c): c is Condition => !!c && typeof c === 'object' && (c as Condition).type === type);
}

/** Whether condition T has status S ('True' by default). */
export function conditionIs(object: OperatorObject, type: string, status = 'True'): boolean {
  return condition(object, type)?.status === status;
}

/** A health with a reason (the reason defaults to the status). */
export function health(status: HealthStatus, reason?: string): Health {
  return { status, reason: reason ?? status };
}

/** The words a condition gives: its message, else its reason, else `fallback`. */
export function conditionText(c: Condition | undefined, fallback: string): string {
  return c?.message || c?.reason || fallback;
}

export const healthSchema = z
  .object({ status: z.enum(HEALTH_STATUSES), reason: z.string() })
  .describe("The object's health by the operator's rules");

/** A health function that cannot throw: a failing rule is Unknown with the error as its reason. */
export function safeHealth<T extends OperatorObject, C = unknown>(
  rule: (o: T, context?: C) => Health,
  object: T,
  context?: C,
): Health {
  try {
    const h = rule(object, context);
    if (h && HEALTH_STATUSES.includes(h.status)) return { status: h.status, reason: String(h.reason ?? h.status) };
    return health('Unknown', 'The health rule gave no status');
  } catch (err) {
    return health('Unknown', `The health rule failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
