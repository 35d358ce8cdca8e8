/** Default grants of plugin permissions to the built-in roles, each seeded once (an admin may remove it). */
import type { Authorizer } from '../auth/types.js';
import type { Database } from '../db/types.js';
import type { LoadedPlugin } from './plugin-engine.js';

export async function seedPluginGrants(
  db: Database,
  authorizer: Authorizer,
  plugins: readonly LoadedPlugin[],
): Promise<void> {
  const seeded = await db.query<{ value: string[] }>("SELECT value FROM settings WHERE key = 'plugins.seeded_grants'");
  const done = new Set(seeded.rows[0]?.value ?? []);
  const added: string[] = [];
  for (const plugin of plugins) {
    for (const p of plugin.status === 'active' ? (plugin.manifest?.permissions ?? []) : [])
      for (const [role, actions] of Object.entries(p.default_roles))
        for (const action of actions ?? []) {
          const key = `${role}:${p.resource}:${action}`;
          if (done.has(key)) continue;
          await db.query(
            `INSERT INTO role_permissions (role_id, resource, action)
             SELECT id, $2, $3 FROM roles WHERE name = $1 AND is_builtin ON CONFLICT DO NOTHING`,
            [role, p.resource, action],
          );
          added.push(key);
        }
  }
  if (added.length === 0) return;
  await db.query(
    `INSERT INTO settings (key, value) VALUES ('plugins.seeded_grants', $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [JSON.stringify([...done, ...added])],
  );
  authorizer.invalidate();
}
