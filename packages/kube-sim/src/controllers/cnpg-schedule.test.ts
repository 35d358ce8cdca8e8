import { describe, expect, it } from 'vitest';
import { nextScheduledSecond, parseSecondsCron } from './cron.js';
import { healthyCluster, type J, status } from './operators-test-helpers.js';
import { CNPG_BACKUPS, CNPG_SCHEDULED_BACKUPS } from './refs.js';

const at = (iso: string) => Date.parse(iso);

describe('6-field cron (seconds first), as CNPG ScheduledBackups use', () => {
  it('finds the next run', () => {
    const daily = parseSecondsCron('0 0 2 * * *')!;
    expect(new Date(nextScheduledSecond(daily, at('2026-08-20T10:15:00Z'))!).toISOString()).toBe(
      '2026-08-21T02:00:00.000Z',
    );
    const every30s = parseSecondsCron('*/30 * * * * *')!;
    expect(new Date(nextScheduledSecond(every30s, at('2026-08-20T10:15:00Z'))!).toISOString()).toBe(
      '2026-08-20T10:15:30.000Z',
    );
    const weekly = parseSecondsCron('15 30 4 * * 0')!; // Sundays 04:30:15
    expect(new Date(nextScheduledSecond(weekly, at('2026-08-20T10:15:00Z'))!).toISOString()).toBe(
      '2026-08-23T04:30:15.000Z',
    );
    expect(parseSecondsCron('0 0 2 * *')?.seconds).toEqual([0]); // 5 fields: second 0
    expect(parseSecondsCron('61 0 2 * * *')).toBeUndefined();
  });
});

describe('simulated CloudNativePG: ScheduledBackup', () => {
  it('creates Backups on its schedule until it is suspended', () => {
    const h = healthyCluster(); // clock 12:00:10
    h.store.create(CNPG_SCHEDULED_BACKUPS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'ScheduledBackup',
      metadata: { name: 'pg-often', namespace: 'default' },
      spec: {
        schedule: '*/30 * * * * *',
        cluster: { name: 'pg' },
        method: 'plugin',
        pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
        backupOwnerReference: 'self',
      },
    });
    const sb = () => h.store.get(CNPG_SCHEDULED_BACKUPS, 'default', 'pg-often')!;
    const backups = () => h.store.list(CNPG_BACKUPS, { namespace: 'default' }).items;
    h.controllers.tick();
    expect(status(sb())).toMatchObject({
      lastCheckTime: '2025-03-01T12:00:10Z',
      nextScheduleTime: '2025-03-01T12:00:30Z',
    });
    expect(backups()).toHaveLength(0);

    h.run(25_000); // 12:00:35
    expect(backups().map((b) => b.metadata.name)).toEqual(['pg-often-20250301120030']);
    const first = backups()[0]!;
    expect(first.metadata.labels).toMatchObject({
      'cnpg.io/scheduled-backup': 'pg-often',
      'cnpg.io/cluster': 'pg',
      'cnpg.io/immediateBackup': 'false',
    });
    expect(first.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ScheduledBackup', name: 'pg-often' });
    expect(first.spec).toMatchObject({ cluster: { name: 'pg' }, method: 'plugin' });
    expect(status(sb())).toMatchObject({
      lastScheduleTime: '2025-03-01T12:00:30Z',
      nextScheduleTime: '2025-03-01T12:01:00Z',
    });
    h.run(30_000); // 12:01:05
    expect(backups()).toHaveLength(2);
    expect(status(backups()[0]).phase).toBe('completed');

    const suspended = structuredClone(sb());
    (suspended.spec as J).suspend = true;
    h.store.update(CNPG_SCHEDULED_BACKUPS, suspended, { preserveStatus: true });
    h.run(120_000);
    expect(backups()).toHaveLength(2);
  });

  it('takes an immediate backup when asked to', () => {
    const h = healthyCluster();
    h.store.create(CNPG_SCHEDULED_BACKUPS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'ScheduledBackup',
      metadata: { name: 'pg-daily', namespace: 'default' },
      spec: { schedule: '0 0 2 * * *', immediate: true, cluster: { name: 'pg' }, method: 'volumeSnapshot' },
    });
    h.run(10_000);
    const items = h.store.list(CNPG_BACKUPS, { namespace: 'default' }).items;
    expect(
      items.map((b) => [b.metadata.name, b.metadata.labels?.['cnpg.io/immediateBackup'], status(b).phase]),
    ).toEqual([['pg-daily-20250301120010', 'true', 'completed']]);
  });
});
