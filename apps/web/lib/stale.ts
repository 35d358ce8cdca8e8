/**
 * Which clusters' answers are stale: the server marks lists and objects it serves from its watch cache
 * while the cluster cannot be reached with `X-Argus-Stale-Since` (and `X-Argus-Last-Contact`); every
 * resource read through `apiFetch` records what it saw, and the cluster pages show a banner.
 */
import { create } from 'zustand';

export interface StaleMark {
  since: string;
  lastContact: string | null;
}

interface StaleState {
  marks: Record<string, StaleMark | null>;
  set: (clusterId: string, mark: StaleMark | null) => void;
}

export const useStaleStore = create<StaleState>((set) => ({
  marks: {},
  set: (clusterId, mark) =>
    set((s) => {
      const cur = s.marks[clusterId] ?? null;
      if (cur?.since === mark?.since && cur?.lastContact === mark?.lastContact) return s;
      return { marks: { ...s.marks, [clusterId]: mark } };
    }),
}));

const RESOURCE_READ = /^\/api\/clusters\/([^/?]+)\/resources\//;

/** Records the stale mark (or its absence) of a successful resource read. */
export function noteStale(path: string, method: string | undefined, res: Response): void {
  if ((method ?? 'GET').toUpperCase() !== 'GET' || !res.ok) return;
  const m = RESOURCE_READ.exec(path);
  if (!m?.[1]) return;
  const since = res.headers.get('x-argus-stale-since');
  useStaleStore
    .getState()
    .set(decodeURIComponent(m[1]), since ? { since, lastContact: res.headers.get('x-argus-last-contact') } : null);
}
