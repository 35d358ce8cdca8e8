/**
 * Whether what this replica serves about a cluster is stale: the cluster failed its last health check, so
 * lists (and objects, see routes/resources.ts) come from the watch cache as it was at the last contact.
 * Fed after every health round with the clusters' recorded status; answered on list and get responses as
 * the `X-Argus-Stale-Since` / `X-Argus-Last-Contact` headers (docs/api.md, "Stale answers").
 */

export interface StaleMark {
  /** When the cluster was first found unreachable (ISO 8601). */
  since: string;
  /** The last health check that reached it (ISO 8601), null when none did since this server started. */
  last_contact: string | null;
}

export interface ClusterHealthSeen {
  id: string;
  status: string;
  last_checked_at: string | null;
}

export interface Staleness {
  /** Records a health round's outcome (the clusters as `ClusterService.list()` shows them). */
  observe(clusters: ClusterHealthSeen[]): void;
  /** The mark of a cluster whose last health check failed; undefined while it is reachable. */
  of(clusterId: string): StaleMark | undefined;
  forget(clusterId: string): void;
}

export const STALE_SINCE_HEADER = 'x-argus-stale-since';
export const LAST_CONTACT_HEADER = 'x-argus-last-contact';

/** The headers a stale answer carries (none when fresh). */
export function staleHeaders(mark: StaleMark | undefined): Record<string, string> {
  if (!mark) return {};
  return {
    [STALE_SINCE_HEADER]: mark.since,
    ...(mark.last_contact ? { [LAST_CONTACT_HEADER]: mark.last_contact } : {}),
  };
}

export function createStaleness(now: () => Date = () => new Date()): Staleness {
  const lastContact = new Map<string, string>();
  const stale = new Map<string, StaleMark>();
  return {
    observe(clusters) {
      for (const c of clusters) {
        const at = c.last_checked_at ?? now().toISOString();
        if (c.status === 'connected') {
          lastContact.set(c.id, at);
          stale.delete(c.id);
        } else if (c.status === 'disconnected' || c.status === 'error') {
          if (!stale.has(c.id)) stale.set(c.id, { since: at, last_contact: lastContact.get(c.id) ?? null });
        }
      }
    },
    of: (id) => stale.get(id),
    forget(id) {
      stale.delete(id);
      lastContact.delete(id);
    },
  };
}
