import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingIsVector } from '../../db/migrations/0101-ai-retrieval.js';
import { createTestDatabase, type TestDatabase, testDrivers } from '../../test-support/test-database.js';
import { createRetrievalService, fuse, type RetrievalService } from './retrieval-service.js';

const logger = pino({ level: 'silent' });

const RUNBOOK = `# Payments on-call

## Restarting the ledger
When the ledger-writer stalls, scale zeroledger-writer to zero and back.
Use the break-glass account, password: Hunter2-very-secret and token=abc123def456ghi789.

## Draining the settlement queue
Pause the settlement cron, wait for the quokka-queue depth to reach zero, then resume.
`;

/** A CustomResourceDefinition as a cluster serves it (the schema is what gets indexed). */
const widgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'flamingos.zoo.example.com' },
  spec: {
    group: 'zoo.example.com',
    scope: 'Namespaced',
    names: { kind: 'Flamingo', plural: 'flamingos', shortNames: ['flm'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            description: 'Flamingo keeps a flock of pink birds balanced on one leg.',
            properties: {
              spec: {
                type: 'object',
                required: ['legCount'],
                properties: {
                  legCount: { type: 'integer', description: 'How many legs each bird stands on.' },
                  posture: { type: 'string', enum: ['standing', 'wading'] },
                },
              },
            },
          },
        },
      },
    ],
  },
};

describe.each(testDrivers())('retrieval on %s', (driver) => {
  let t: TestDatabase;
  let service: RetrievalService;
  let vector: boolean;
  const clusterId = '00000000-0000-4000-8000-00000000c1d0';

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    vector = await embeddingIsVector(t.db);
    await t.db.query(
      `INSERT INTO clusters (id, name, connection_type) VALUES ($1, 'zoo', 'demo') ON CONFLICT DO NOTHING`,
      [clusterId],
    );
    service = createRetrievalService({
      db: t.db,
      logger,
      crds: async () => ({ version: '42', crds: [widgetCrd] }),
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('indexes the shipped knowledge base once and answers a troubleshooting question with the right document', async () => {
    await service.syncKnowledgeBase();
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ai_embeddings WHERE source = 'kb'`);
    // Another replica (a second service on the same database) finds the index current and writes nothing.
    await createRetrievalService({ db: t.db, logger }).syncKnowledgeBase();
    const after = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ai_embeddings WHERE source = 'kb'`);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    expect((await service.status()).documents).toBeGreaterThanOrEqual(40);

    const { items, mode } = await service.search('my pod keeps restarting, status CrashLoopBackOff');
    expect(mode).toBe(vector ? 'hybrid' : 'fulltext');
    expect(items[0]).toMatchObject({ source: 'kb', source_id: 'crashloopbackoff' });
    expect(items[0]?.content).toContain('--previous');
    expect(items.length).toBeLessThanOrEqual(5);
  });

  it('falls back to full-text search when pgvector is missing, and uses vectors when it is there', async () => {
    const status = await service.status();
    expect(status.vector).toBe(vector);
    const asked = await service.search('kubectl top says metrics API not available', { mode: 'vector' });
    expect(asked.mode).toBe(vector ? 'vector' : 'fulltext');
    expect(asked.items.map((i) => i.source_id)).toContain('metrics-server-missing');
    if (vector) {
      const rows = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ai_embeddings WHERE source = 'kb' AND embedding IS NOT NULL AND dims = 512`,
      );
      expect(rows.rows[0]?.n).toBeGreaterThanOrEqual(40);
    }
  });

  it('stores runbooks redacted, chunked by heading, searchable, and removes them completely', async () => {
    const runbook = await service.runbooks.create({ title: 'Payments on-call', content: RUNBOOK }, null);
    expect(runbook).toMatchObject({ title: 'Payments on-call', chunks: 2 });
    expect((await service.runbooks.list()).map((r) => r.id)).toContain(runbook.id);

    const { items } = await service.search('how do I drain the quokka-queue settlement');
    expect(items[0]).toMatchObject({
      source: 'runbook',
      source_id: runbook.id,
      heading: 'Draining the settlement queue',
    });

    const chunks = await t.db.query<{ text: string }>(
      'SELECT content AS text FROM ai_embeddings WHERE source_id = $1',
      [runbook.id],
    );
    const stored = await t.db.query<{ text: string }>('SELECT content AS text FROM ai_runbooks WHERE id = $1', [
      runbook.id,
    ]);
    const all = [...chunks.rows, ...stored.rows].map((r) => r.text).join('\n');
    expect(all).toContain('zeroledger-writer');
    expect(all).not.toContain('Hunter2-very-secret');
    expect(all).not.toContain('abc123def456ghi789');

    await service.runbooks.remove(runbook.id);
    const gone = await service.search('how do I drain the quokka-queue settlement');
    expect(gone.items.map((i) => i.source)).not.toContain('runbook');
    await expect(service.runbooks.remove(runbook.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("finds a cluster's CRD schema only when that cluster is asked for", async () => {
    const hidden = await service.search('flamingo legCount posture');
    expect(hidden.items.map((i) => i.source)).not.toContain('crd');

    const { items } = await service.search('flamingo legCount posture', { clusterIds: [clusterId] });
    const hit = items.find((i) => i.source === 'crd');
    expect(hit).toMatchObject({ source_id: 'flamingos.zoo.example.com', cluster_id: clusterId });
    expect(hit?.content).toContain('spec.legCount');
    expect(hit?.content).toContain('one of standing, wading');
  });
});

describe('reciprocal rank fusion', () => {
  const row = (id: string) => ({
    source: 'kb' as const,
    source_id: id,
    chunk_index: 0,
    title: id,
    heading: null,
    content: '',
    cluster_id: null,
  });
  it('ranks what both lists agree on above what only one ranks first', () => {
    const fused = fuse([
      [row('a'), row('b'), row('c')],
      [row('b'), row('d'), row('c')],
    ]);
    // c, third in both, beats a and d, each first or second in one list only.
    expect(fused.map((r) => r.source_id)).toEqual(['b', 'c', 'a', 'd']);
    expect(fused[0]?.score).toBeCloseTo(1 / 61 + 1 / 62, 6);
  });
});
