/** The maximum session length ends even a busy shell, with a message saying so; audited with its reason. */
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterTestServer, startClusterTestServer } from '../../test-support/cluster-test-kit.js';
import { connect, wsUrl } from '../../ws/ws-test-client.js';

describe('/ws/terminal: maximum session length', () => {
  let s: ClusterTestServer;
  let sim: KubeSim;
  let clusterId: string;

  beforeAll(async () => {
    [s, sim] = await Promise.all([
      startClusterTestServer({ env: { TERMINAL_MAX_SESSION_SECONDS: '1', TERMINAL_IDLE_TIMEOUT_SECONDS: '60' } }),
      startKubeSim({ scenario: 'demo', seed: 4 }),
    ]);
    const res = await s.fetch('/api/clusters', {
      method: 'POST',
      token: s.adminToken,
      body: JSON.stringify({ name: 'sim', kubeconfig: sim.kubeconfig() }),
    });
    clusterId = ((await res.json()) as { id: string }).id;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([s?.stop(), sim?.close()]);
  });

  it('closes a session that is still in use when it reaches the limit', async () => {
    const pods = (await (
      await s.fetch(
        `/api/clusters/${clusterId}/resources/core/v1/pods?namespace=default&labelSelector=app%3Dhello-web`,
        {
          token: s.adminToken,
        },
      )
    ).json()) as { items: Array<{ metadata: { name: string } }> };
    const c = await connect(wsUrl(s.url, '/ws/terminal'));
    c.send({ type: 'auth', token: s.adminToken });
    await c.next((m) => m.type === 'authenticated');
    c.send({ type: 'open', cluster: clusterId, namespace: 'default', pod: pods.items[0]!.metadata.name });
    expect(await c.next((m) => m.type === 'opened' || m.type === 'error', 10_000)).toMatchObject({ type: 'opened' });
    const busy = setInterval(() => c.send({ type: 'input', data: 'true\r' }), 100);
    try {
      const err = await c.next((m) => m.type === 'error', 10_000);
      expect(err).toEqual({
        type: 'error',
        code: 'SESSION_EXPIRED',
        message: 'session reached its maximum length of 1 s: closed',
      });
    } finally {
      clearInterval(busy);
    }
    await c.closed;
    await expect
      .poll(async () => {
        const rows = await s.server.db.query<{ error_code: string | null }>(
          "SELECT error_code FROM audit_logs WHERE action = 'terminal.exec.end'",
        );
        return rows.rows.map((r) => r.error_code);
      })
      .toEqual(['SESSION_EXPIRED']);
  });
});
