import type { KubeObject } from '@/lib/kube';
import { arr, rec, str } from '../shared';

/** Complete, Failed, Suspended or Running, from a Job's conditions and counts. */
export function jobStatus(job: KubeObject): string {
  const conds = arr(rec(job.status).conditions).filter((c) => c.status === 'True');
  if (conds.some((c) => c.type === 'Complete')) return 'Complete';
  if (conds.some((c) => c.type === 'Failed')) return 'Failed';
  if (conds.some((c) => c.type === 'Suspended') || job.spec?.suspend === true) return 'Suspended';
  return 'Running';
}

/** `2m 5s` between two timestamps (or until now). */
export function duration(from?: string, to?: string): string | undefined {
  if (!from) return undefined;
  const s = Math.max(0, Math.round(((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 1000));
  if (!Number.isFinite(s)) return undefined;
  const parts: string[] = [];
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s % 60 || parts.length === 0) parts.push(`${s % 60}s`);
  return parts.slice(0, 2).join(' ');
}

export const completions = (job: KubeObject) =>
  `${typeof rec(job.status).succeeded === 'number' ? rec(job.status).succeeded : 0}/${str(job.spec?.completions) ?? '1'}`;
