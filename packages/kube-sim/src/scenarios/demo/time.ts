/** The most recent instant at `hour`:00 UTC not after `now`. */
export function lastDailyAt(now: Date, hour: number): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, 0, 0));
  if (d.getTime() > now.getTime()) d.setUTCDate(d.getUTCDate() - 1);
  return d;
}

export function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function addSeconds(d: Date, s: number): Date {
  return new Date(d.getTime() + s * 1000);
}

export function secondsBefore(now: Date, d: Date): number {
  return Math.round((now.getTime() - d.getTime()) / 1000);
}

/** `20260820` */
export function ymd(d: Date): string {
  return iso(d).slice(0, 10).replaceAll('-', '');
}
