/** The shapes the Helm plugin's routes answer with. */
export type { HistoryEntry, ReleaseDetail, ReleaseSummary, RevisionDiff } from '../shared/api-types';

export const releasePath = (r: { namespace: string; name: string }) =>
  `/releases/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`;

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
