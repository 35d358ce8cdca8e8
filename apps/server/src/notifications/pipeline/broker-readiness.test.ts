import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '../../config/load-config.js';
import { type RunningServer, startServer } from '../../lifecycle/start-server.js';
import { inProcessServerEnv } from '../../test-support/server-env.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { until } from './pipeline-test-kit.js';

/** KAFKA_BROKERS pointing nowhere: the server starts, warns clearly, and stays ready with a degraded broker check. */
describe('an unreachable KAFKA_BROKERS', () => {
  let server: RunningServer;
  let dir: string;
  const lines: Array<{ level: number; msg: string; brokers?: string[] }> = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'argus-kafka-down-'));
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const t = await createTestDatabase('pglite');
    server = await startServer(
      configFrom({ ...inProcessServerEnv(dir), KAFKA_BROKERS: '127.0.0.1:1', LOG_LEVEL: 'warn' }),
      pino({ level: 'warn' }, sink),
      { listen: false, database: { db: t.db, close: t.drop } },
    );
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts, warns, and answers /readyz 200 with the broker check degraded', async () => {
    expect(server.live.broker.kind).toBe('kafka');
    await until('the warning', () => lines.some((l) => l.msg.startsWith('kafka unreachable')), 30_000);
    const warning = lines.find((l) => l.msg.startsWith('kafka unreachable'))!;
    expect(warning.level).toBe(40);
    expect(warning.brokers).toEqual(['127.0.0.1:1']);
    const res = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ready');
    expect(res.json().checks.broker).toMatchObject({
      status: 'degraded',
      kind: 'kafka',
      message: expect.stringMatching(/Kafka unreachable/),
    });
  }, 60_000);
});
