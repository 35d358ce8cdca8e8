/** Age like kubectl: 45s, 12m, 3h, 5d, 2y ("—" without a valid timestamp). */
export function age(timestamp: string | undefined | null, now = Date.now()): string {
  if (!timestamp) return '—';
  const s = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (Number.isNaN(s)) return '—';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return d < 730 ? `${d}d` : `${Math.floor(d / 365)}y`;
}
