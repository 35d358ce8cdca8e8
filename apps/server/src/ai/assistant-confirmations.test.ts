/**
 * The checks of issue 20 against a fake provider that answers with tool calls: a viewer's delete is refused by
 * RBAC (no card); an operator's scale becomes a card and nothing changes until approved; an approval by
 * another user, replayed or expired is refused; a rejection changes nothing; the approved change is audited
 * under the user; no provider → how to configure one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../test-support/operations-fixture.js';
import { type AssistantKit, framesOf, startAssistantKit } from './test-support/assistant-kit.js';

let k: AssistantKit;
const replicas = async () => k.f.kget(['deployment', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}']);

beforeAll(async () => {
  k = await startAssistantKit('anthropic');
});
afterAll(() => k?.stop());

describe('the assistant without a provider', () => {
  it('answers with an error frame saying how to configure one, and the status says so too', async () => {
    const c = await k.conversation(k.f.viewer);
    const frames = await k.send(k.f.viewer, c, 'why is my pod crashing?');
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ type: 'error', code: 'AI_NOT_CONFIGURED' });
    expect((frames[0] as { message: string }).message).toMatch(/Settings → AI/);
    const status = await k.f.api<{ configured: boolean; how_to_configure?: string }>(
      'GET',
      '/api/ai/status',
      k.f.viewer,
    );
    expect(status.body.configured).toBe(false);
    expect(status.body.how_to_configure).toMatch(/PUT \/api\/settings\/ai/);
    const test = await k.f.api<{ error: { code: string } }>('POST', '/api/settings/ai/test', k.f.s.adminToken, {});
    expect(test.status).toBe(409);
    expect(test.body.error.code).toBe('AI_NOT_CONFIGURED');
  });
});

describe('settings', () => {
  it('keeps the API key write-only and encrypted; only admins see or change the settings', async () => {
    await k.configure();
    const got = await k.f.api<{ providers: Record<string, unknown>[] }>('GET', '/api/settings/ai', k.f.s.adminToken);
    expect(got.status).toBe(200);
    expect(got.body.providers[0]).toMatchObject({ provider: 'anthropic', has_api_key: true, is_default: true });
    expect(JSON.stringify(got.body)).not.toContain('sk-test-0123456789abcdef');
    const row = await k.f.s.server.db.query<{ api_key_encrypted: string }>('SELECT api_key_encrypted FROM ai_config');
    expect(row.rows[0]!.api_key_encrypted).not.toContain('sk-test');
    expect((await k.f.api('GET', '/api/settings/ai', k.f.shopOperator)).status).toBe(403);
    expect((await k.f.api('PUT', '/api/settings/ai', k.f.viewer, { providers: [] })).status).toBe(403);
    // an update without api_key keeps the stored key
    const again = await k.f.api<{ providers: { has_api_key: boolean }[] }>(
      'PUT',
      '/api/settings/ai',
      k.f.s.adminToken,
      {
        providers: [
          { provider: 'anthropic', model: 'fake-model', base_url: k.fake.baseUrl, enabled: true, is_default: true },
        ],
        tool_permission_level: 'all',
      },
    );
    expect(again.body.providers[0]!.has_api_key).toBe(true);
    const test = await k.f.api<{ ok: boolean }>('POST', '/api/settings/ai/test', k.f.s.adminToken, {});
    expect(test.body.ok).toBe(true);
    // the stored key reached the provider (the SDK's header: x-api-key or Authorization: Bearer)
    const h = k.fake.headers.at(-1)!;
    expect(h['x-api-key'] ?? h.authorization).toMatch(/sk-test-0123456789abcdef$/);
    // a provider's refusal is ok: false with its code (not the admin's own 401)
    k.fake.script({ status: 401, errorMessage: 'invalid x-api-key' });
    const failed = await k.f.api<{ ok: boolean; error?: { code: string; message: string } }>(
      'POST',
      '/api/settings/ai/test',
      k.f.s.adminToken,
      { provider: 'anthropic' },
    );
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ ok: false, error: { code: 'AI_PROVIDER_ERROR' } });
    expect(failed.body.error!.message).toMatch(/refused the API key/);
  });
});

describe('writes', () => {
  it("refuses a viewer's delete through RBAC: no confirmation card, nothing deleted", async () => {
    await k.configure();
    k.fake.script(
      { toolCalls: [{ name: 'delete_resource', arguments: { kind: 'deployment', name: 'web', namespace: 'shop' } }] },
      { text: 'You are not allowed to delete it.' },
    );
    const c = await k.conversation(k.f.viewer);
    const frames = await k.send(k.f.viewer, c, 'delete the web deployment in shop');
    expect(framesOf(frames, 'confirmation')).toHaveLength(0);
    const result = framesOf(frames, 'tool_result')[0]!;
    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/refused by Argus RBAC/);
    expect(frames.at(-1)!.type).toBe('done');
    // the model was told it was refused
    expect(JSON.stringify(k.fake.received.at(-1))).toMatch(/Refused by Argus RBAC/);
    expect(await k.f.kget(['deployment', 'web', '-n', 'shop', '-o', 'name'])).toBe('deployment.apps/web');
  });

  it("turns an operator's scale into a card; nothing changes until approved; another user, a replay and an expired one are refused", async () => {
    await k.configure();
    k.fake.script(
      {
        text: 'I will scale it.',
        toolCalls: [{ name: 'scale', arguments: { kind: 'deployment', name: 'web', namespace: 'shop', replicas: 3 } }],
      },
      { text: 'Scaled web to 3 replicas.' },
    );
    const c = await k.conversation(k.f.shopOperator);
    const frames = await k.send(k.f.shopOperator, c, 'scale web in shop to 3');
    const card = framesOf(frames, 'confirmation')[0]!;
    expect(card).toMatchObject({ tool: 'scale', arguments: { name: 'web', namespace: 'shop', replicas: 3 } });
    expect(card.summary).toMatch(/from 2 to 3 replicas/);
    expect(card.diff).toMatch(/-\s*replicas: 2[\s\S]*\+\s*replicas: 3/);
    expect(new Date(card.expires_at).getTime()).toBeGreaterThan(Date.now());
    expect(frames.at(-1)!.type).toBe('done');
    const calls = k.fake.received.length;
    expect(await replicas()).toBe('2');

    // someone else's approval: as if it did not exist
    const other = await k.decide(k.f.viewer, card.id, 'approve');
    expect(other.status).toBe(404);
    expect(other.body.error?.code).toBe('AI_CONFIRMATION_NOT_FOUND');
    expect(await replicas()).toBe('2');

    const ok = await k.decide(k.f.shopOperator, card.id, 'approve');
    expect(ok.status).toBe(200);
    expect(framesOf(ok.frames, 'tool_result')[0]).toMatchObject({ name: 'scale', ok: true });
    expect(
      framesOf(ok.frames, 'text')
        .map((t) => t.text)
        .join(''),
    ).toBe('Scaled web to 3 replicas.');
    expect(ok.frames.at(-1)!.type).toBe('done');
    expect(k.fake.received.length).toBe(calls + 1);
    await until('3 replicas', async () => (await replicas()) === '3');

    // audited under the user, before and after
    const audit = await k.f.s.server.db.query<{ action: string; user_email: string; outcome: string }>(
      `SELECT action, user_email, outcome FROM audit_logs WHERE action LIKE 'ai.tool.scale%' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { action: 'ai.tool.scale.confirmation', user_email: 'shop-operator@example.com', outcome: 'success' },
      { action: 'ai.tool.scale.execute', user_email: 'shop-operator@example.com', outcome: 'success' },
    ]);

    const replay = await k.decide(k.f.shopOperator, card.id, 'approve');
    expect(replay.status).toBe(409);
    expect(replay.body.error?.code).toBe('AI_CONFIRMATION_USED');

    // the conversation shows the call as approved
    const conv = await k.f.api<{ messages: { tool_calls?: { status: string }[] }[] }>(
      'GET',
      `/api/ai/conversations/${c}`,
      k.f.shopOperator,
    );
    expect(conv.body.messages.flatMap((m) => m.tool_calls ?? []).map((t) => t.status)).toContain('approved');
    expect((await k.f.api('GET', `/api/ai/conversations/${c}`, k.f.viewer)).status).toBe(404);
  });

  it('refuses an expired confirmation, and a rejected one changes nothing', async () => {
    await k.configure();
    const c = await k.conversation(k.f.shopOperator);
    k.fake.script({
      toolCalls: [{ name: 'scale', arguments: { kind: 'deployment', name: 'web', namespace: 'shop', replicas: 5 } }],
    });
    const first = framesOf(await k.send(k.f.shopOperator, c, 'scale web to 5'), 'confirmation')[0]!;
    await k.f.s.server.db.query(`UPDATE ai_confirmations SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      first.id,
    ]);
    const expired = await k.decide(k.f.shopOperator, first.id, 'approve');
    expect(expired.status).toBe(409);
    expect(expired.body.error?.code).toBe('AI_CONFIRMATION_EXPIRED');

    k.fake.script({
      toolCalls: [{ name: 'scale', arguments: { kind: 'deployment', name: 'web', namespace: 'shop', replicas: 6 } }],
    });
    const second = framesOf(await k.send(k.f.shopOperator, c, 'scale web to 6'), 'confirmation')[0]!;
    const rejected = await k.decide(k.f.shopOperator, second.id, 'reject');
    expect(rejected.status).toBe(200);
    expect((await k.decide(k.f.shopOperator, second.id, 'approve')).body.error?.code).toBe('AI_CONFIRMATION_USED');
    expect(await replicas()).toBe('3');
  });

  it('checks RBAC again when approved: a user who lost the role meanwhile is refused', async () => {
    await k.configure();
    const token = await k.f.s.addUser('fading-operator', 'operator', { cluster_id: k.f.id, namespace: 'shop' });
    k.fake.script({
      toolCalls: [{ name: 'scale', arguments: { kind: 'deployment', name: 'web', namespace: 'shop', replicas: 7 } }],
    });
    const c = await k.conversation(token);
    const card = framesOf(await k.send(token, c, 'scale web to 7'), 'confirmation')[0]!;
    const { rows } = await k.f.s.server.db.query<{ id: string }>(
      `SELECT ur.id::text FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE u.email = 'fading-operator@example.com'`,
    );
    for (const r of rows)
      expect((await k.f.api('DELETE', `/api/roles/assignments/${r.id}`, k.f.s.adminToken)).status).toBe(204);
    const refused = await k.decide(token, card.id, 'approve');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('FORBIDDEN');
    expect(await replicas()).toBe('3');
  });

  it('offers no write tools at read_only, and refuses a write the model calls anyway', async () => {
    await k.configure('read_only');
    k.fake.script(
      {
        toolCalls: [{ name: 'scale', arguments: { kind: 'deployment', name: 'web', namespace: 'shop', replicas: 9 } }],
      },
      { text: 'I cannot change anything.' },
    );
    const c = await k.conversation(k.f.shopOperator);
    const frames = await k.send(k.f.shopOperator, c, 'scale web to 9');
    const offered = (k.fake.received.at(-2)!.tools as { name: string }[]).map((t) => t.name);
    expect(offered).toContain('diagnose');
    expect(offered).not.toContain('scale');
    expect(framesOf(frames, 'confirmation')).toHaveLength(0);
    expect(framesOf(frames, 'tool_result')[0]!.summary).toMatch(/not allowed by the administrator/);
    expect(await replicas()).toBe('3');
    await k.configure('all');
  });
});
