/**
 * Istio's health rules (reference): an ERROR message → Failed, a WARNING → Degraded, `Reconciled=False` →
 * Progressing, otherwise Healthy. The messages are the object's `status.validationMessages` plus Argus's
 * own offline checks (Istio writes no status by default).
 */
import { type Health, health } from '@argus/plugin-sdk';
import type { IstioStatus, Level, ValidationMessage } from './types.js';

const LEVELS: readonly Level[] = ['ERROR', 'WARNING', 'INFO'];

/** `status.validationMessages` as messages (an unknown level counts as a WARNING). */
export function statusMessages(status: IstioStatus | undefined): ValidationMessage[] {
  return (status?.validationMessages ?? []).map((m) => {
    const level = LEVELS.includes(m.level as Level) ? (m.level as Level) : 'WARNING';
    return {
      code: m.type?.code ?? 'UNKNOWN',
      name: m.type?.name ?? 'Unknown',
      level,
      message: m.description ?? '',
      source: 'status',
    };
  });
}

/** The object's messages: its status's, then the offline checks' (which say what exactly is wrong). */
export function mergeMessages(status: IstioStatus | undefined, offline: readonly ValidationMessage[] = []) {
  const own = statusMessages(status);
  const same = (a: ValidationMessage, b: ValidationMessage) => a.code === b.code && a.message === b.message;
  return [...own, ...offline.filter((m) => !own.some((o) => same(o, m)))];
}

/** The messages of one level in words: the detailed ones, else (Istio's bare status messages) code and name. */
function describe(list: readonly ValidationMessage[]): string {
  const detailed = list.filter((m) => m.message);
  const shown = detailed.length > 0 ? detailed : list;
  return [...new Set(shown.map((m) => `${m.code} ${m.name}${m.message ? `: ${m.message}` : ''}`))].join('; ');
}

export function istioHealth(status: IstioStatus | undefined, messages: readonly ValidationMessage[]): Health {
  const errors = messages.filter((m) => m.level === 'ERROR');
  if (errors.length > 0) return health('Failed', describe(errors));
  const warnings = messages.filter((m) => m.level === 'WARNING');
  if (warnings.length > 0) return health('Degraded', describe(warnings));
  const reconciled = status?.conditions?.find((c) => c.type === 'Reconciled');
  if (reconciled?.status === 'False')
    return health('Progressing', reconciled.message || reconciled.reason || 'Not yet distributed to every proxy');
  return health('Healthy', reconciled?.status === 'True' ? 'Reconciled' : 'No validation messages');
}
