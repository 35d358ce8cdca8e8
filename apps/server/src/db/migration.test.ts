import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, createTestDatabase, testDrivers } from '../test-support/test-database.js';
import { createPgDatabase } from './create-pg-database.js';
import { migrate, migrationStatus } from './migration.js';
import { migrations } from './migrations/index.js';

const SEED_TABLES = [
  'users',
  'refresh_tokens',
  'clusters',
  'roles',
  'role_permissions',
  'user_roles',
  'oidc_role_mappings',
  'settings',
  'audit_logs',
  'notifications',
  'notification_preferences',
  'notification_channels',
  'agent_tokens',
  'plugin_config',
  'ai_config',
  'ai_conversations',
  'ai_embeddings',
];

describe.each(testDrivers())('migrations on %s', (driver) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup) await c();
  });

  it('creates every table of the seed schema and records each migration once', async () => {
    const t = await createTestDatabase(driver, { migrated: false });
    cleanup.push(t.drop);
    await migrate(t.db, migrations);
    await migrate(t.db, migrations); // a second start applies nothing
    const tables = await t.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const names = tables.rows.map((r) => r.table_name);
    for (const table of SEED_TABLES) expect(names).toContain(table);
    const recorded = await t.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(await migrationStatus(t.db, migrations)).toEqual({
      applied: migrations.length,
      latest: migrations.at(-1)?.version,
    });
  });

  it('seeds the built-in roles', async () => {
    const t = await createTestDatabase(driver);
    cleanup.push(t.drop);
    const roles = await t.db.query<{ name: string }>('SELECT name FROM roles WHERE is_builtin ORDER BY name');
    expect(roles.rows.map((r) => r.name)).toEqual(['admin', 'operator', 'viewer']);
  });

  it('gives operator secrets:read, not viewer, also on an install migrated before it (custom grants stay)', async () => {
    const t = await createTestDatabase(driver, { migrated: false });
    cleanup.push(t.drop);
    await migrate(
      t.db,
      migrations.filter((m) => m.version < 40),
    );
    const grant = (role: string) =>
      t.db.query(
        "INSERT INTO role_permissions (role_id, resource, action) SELECT id, 'secrets', 'read' FROM roles WHERE name = $1",
        [role],
      );
    const secretReaders = async () =>
      (
        await t.db.query<{ name: string }>(
          `SELECT r.name FROM roles r JOIN role_permissions p ON p.role_id = r.id
            WHERE p.resource = 'secrets' AND p.action = 'read' ORDER BY r.name`,
        )
      ).rows.map((r) => r.name);
    expect(await secretReaders()).toEqual([]);
    await t.db.query("INSERT INTO roles (name) VALUES ('secret-reader')");
    await grant('secret-reader');
    await migrate(t.db, migrations);
    await migrate(t.db, migrations);
    expect(await secretReaders()).toEqual(['operator', 'secret-reader']);

    const fresh = await createTestDatabase(driver);
    cleanup.push(fresh.drop);
    const perms = await fresh.db.query<{ name: string; resource: string; action: string }>(
      `SELECT r.name, p.resource, p.action FROM roles r JOIN role_permissions p ON p.role_id = r.id
        WHERE (p.resource = 'secrets' OR p.resource = '*') ORDER BY r.name`,
    );
    expect(perms.rows).toEqual([
      { name: 'admin', resource: '*', action: '*' },
      { name: 'operator', resource: 'secrets', action: 'read' },
    ]);
  });

  it('keeps data valid with constraints', async () => {
    const t = await createTestDatabase(driver);
    cleanup.push(t.drop);
    const user = await t.db.query<{ id: string }>(
      "INSERT INTO users (email, name, password_hash) VALUES ('ada@example.com', 'Ada', 'x') RETURNING id",
    );
    await expect(
      t.db.query("INSERT INTO users (email, name, password_hash) VALUES ('ada@example.com', 'Ada 2', 'x')"),
    ).rejects.toThrow(/duplicate key|unique/i);
    await expect(t.db.query("INSERT INTO users (email, name) VALUES ('Upper@Example.com', 'U')")).rejects.toThrow(
      /check/i,
    );
    const role = await t.db.query<{ id: string }>("SELECT id FROM roles WHERE name = 'viewer'");
    // a namespace scope needs a cluster
    await expect(
      t.db.query('INSERT INTO user_roles (user_id, role_id, namespace) VALUES ($1, $2, $3)', [
        user.rows[0]?.id,
        role.rows[0]?.id,
        'payments',
      ]),
    ).rejects.toThrow(/check/i);
    // deleting a user removes their assignments
    await t.db.query('INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)', [user.rows[0]?.id, role.rows[0]?.id]);
    await t.db.query('DELETE FROM users WHERE id = $1', [user.rows[0]?.id]);
    expect((await t.db.query('SELECT 1 FROM user_roles')).rowCount).toBe(0);
  });

  it('rolls back a transaction that throws', async () => {
    const t = await createTestDatabase(driver);
    cleanup.push(t.drop);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query("INSERT INTO settings (key, value) VALUES ('a', '1')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await t.db.query("SELECT 1 FROM settings WHERE key = 'a'")).rowCount).toBe(0);
  });

  it('refuses a migration edited after it was applied', async () => {
    const t = await createTestDatabase(driver);
    cleanup.push(t.drop);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksumSource: `${m.checksumSource}--edited` } : m));
    await expect(migrate(t.db, edited)).rejects.toThrow(/Migration 1 \(initial-schema\) was changed/);
  });

  it('reports whether pgvector retrieval is available and stores embeddings either way', async () => {
    const t = await createTestDatabase(driver);
    cleanup.push(t.drop);
    const vector = await t.db.hasExtension('vector');
    if (driver === 'pglite') expect(vector).toBe(true);
    const value = vector ? '[0.1,0.2,0.3]' : '{0.1,0.2,0.3}';
    await t.db.query(
      "INSERT INTO ai_embeddings (source, source_id, content, embedding) VALUES ('doc', '1', 'hello', $1)",
      [value],
    );
    expect((await t.db.query('SELECT content FROM ai_embeddings')).rows).toEqual([{ content: 'hello' }]);
  });
});

describe.skipIf(!testDrivers().includes('postgres'))('migrations under concurrency (postgres)', () => {
  it('two servers migrating one empty database at once apply the schema once', async () => {
    const empty = await createEmptyPostgresDatabase();
    const [a, b] = await Promise.all([createPgDatabase(empty.url), createPgDatabase(empty.url)]);
    try {
      const results = await Promise.all([migrate(a, migrations), migrate(b, migrations)]);
      expect(results[0]).toEqual(results[1]);
      const rows = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows.rows[0]?.n).toBe(migrations.length);
      const roles = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM roles');
      expect(roles.rows[0]?.n).toBe(3);
    } finally {
      await a.close();
      await b.close();
      await empty.drop();
    }
  });
});
