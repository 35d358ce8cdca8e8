/**
 * Which plugin is enabled on which cluster, and its per-cluster config: `plugin_config` rows, with the
 * manifest's `enabled_by_default` for clusters without one. A config may hold credentials (a Prometheus
 * URL with a password), so it is stored sealed (`{"sealed": "…"}`, AES-256-GCM bound to plugin and cluster). Reads are cached for a few seconds (another
 * replica's change is seen within `ttlMs`); this process's own writes update the cache at once.
 */
import type { Database } from '../db/types.js';
import type { SecretBox } from '../secrets/secret-box.js';

export interface PluginStateStore {
  isEnabled(pluginId: string, clusterId: string, byDefault: boolean): Promise<boolean>;
  setEnabled(pluginId: string, clusterId: string, enabled: boolean): Promise<void>;
  config(pluginId: string, clusterId: string): Promise<unknown>;
  setConfig(pluginId: string, clusterId: string, value: unknown, byDefault: boolean): Promise<void>;
  /** Drops the cached state of a removed cluster. */
  forgetCluster(clusterId: string): void;
}

interface Row {
  enabled: boolean;
  config: unknown;
}

export function createPluginStateStore(db: Database, secrets: SecretBox, ttlMs = 5_000): PluginStateStore {
  const context = (pluginId: string, clusterId: string) => `plugin:${pluginId}:${clusterId}`;
  const unseal = (pluginId: string, clusterId: string, stored: unknown): unknown => {
    const sealed = (stored as { sealed?: unknown } | null)?.sealed;
    return typeof sealed === 'string' ? JSON.parse(secrets.open(sealed, context(pluginId, clusterId))) : {};
  };
  const cache = new Map<string, { row: Row | null; at: number }>();
  const key = (p: string, c: string) => `${p}\u0000${c}`;

  async function row(pluginId: string, clusterId: string): Promise<Row | null> {
    const k = key(pluginId, clusterId);
    const hit = cache.get(k);
    if (hit && Date.now() - hit.at < ttlMs) return hit.row;
    const res = await db.query<Row>(
      'SELECT enabled, config FROM plugin_config WHERE plugin_id = $1 AND cluster_id = $2',
      [pluginId, clusterId],
    );
    const r = res.rows[0] ?? null;
    cache.set(k, { row: r, at: Date.now() });
    return r;
  }

  return {
    async isEnabled(pluginId, clusterId, byDefault) {
      const r = await row(pluginId, clusterId);
      return r ? r.enabled : byDefault;
    },
    async setEnabled(pluginId, clusterId, enabled) {
      const res = await db.query<Row>(
        `INSERT INTO plugin_config (plugin_id, cluster_id, enabled) VALUES ($1, $2, $3)
         ON CONFLICT (plugin_id, cluster_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()
         RETURNING enabled, config`,
        [pluginId, clusterId, enabled],
      );
      cache.set(key(pluginId, clusterId), { row: res.rows[0] ?? null, at: Date.now() });
    },
    async config(pluginId, clusterId) {
      return unseal(pluginId, clusterId, (await row(pluginId, clusterId))?.config);
    },
    async setConfig(pluginId, clusterId, value, byDefault) {
      const res = await db.query<Row>(
        `INSERT INTO plugin_config (plugin_id, cluster_id, enabled, config) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (plugin_id, cluster_id) DO UPDATE SET config = EXCLUDED.config, updated_at = now()
         RETURNING enabled, config`,
        [
          pluginId,
          clusterId,
          byDefault,
          JSON.stringify({ sealed: secrets.seal(JSON.stringify(value), context(pluginId, clusterId)) }),
        ],
      );
      cache.set(key(pluginId, clusterId), { row: res.rows[0] ?? null, at: Date.now() });
    },
    forgetCluster(clusterId) {
      for (const k of cache.keys()) if (k.endsWith(`\u0000${clusterId}`)) cache.delete(k);
    },
  };
}
