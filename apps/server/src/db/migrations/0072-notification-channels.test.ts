import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDrivers } from '../../test-support/test-database.js';
import { migrate } from '../migration.js';
import { migrations } from './index.js';

describe.each(testDrivers())('migration 72 (notification channels) on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(driver, { migrated: false });
    await migrate(
      t.db,
      migrations.filter((m) => m.version < 72),
    );
    await t.db.query(
      "INSERT INTO notification_channels (name, type, config_encrypted) VALUES ('Mail', 'email', 'v1:x'), ('Hook', 'webhook', 'v1:y')",
    );
    await migrate(t.db, migrations);
  });
  afterAll(() => t?.drop());

  it("renames 'email' channels to 'smtp' and allows only the contract's types", async () => {
    const rows = await t.db.query<{ name: string; type: string }>(
      'SELECT name, type FROM notification_channels ORDER BY name',
    );
    expect(rows.rows).toEqual([
      { name: 'Hook', type: 'webhook' },
      { name: 'Mail', type: 'smtp' },
    ]);
    await expect(
      t.db.query("INSERT INTO notification_channels (name, type, config_encrypted) VALUES ('Old', 'email', 'v1:z')"),
    ).rejects.toThrow(/notification_channels_type_check/);
  });

  it('records why and when a channel was disabled', async () => {
    await t.db.query(
      "UPDATE notification_channels SET enabled = false, disabled_reason = 'gone', disabled_at = now() WHERE name = 'Hook'",
    );
    const row = await t.db.query<{ disabled_reason: string; last_error_at: Date | null }>(
      "SELECT disabled_reason, last_error_at FROM notification_channels WHERE name = 'Hook'",
    );
    expect(row.rows[0]).toEqual({ disabled_reason: 'gone', last_error_at: null });
  });
});
