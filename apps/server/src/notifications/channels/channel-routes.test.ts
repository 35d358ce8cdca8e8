import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../secrets/secret-box.js';
import { bearer, createUser, type SignedIn, setupAdmin } from '../../test-support/identity.js';
import { testDrivers } from '../../test-support/test-database.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';
import { createChannelStore } from './channel-store.js';

const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0002/SlackSecretPart123';
const HOOK_URL = 'https://hooks.example.com/argus?token=WebhookUrlSecret456';
const SECRET_1 = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SECRET_2 = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SMTP_PASSWORD = 'smtp-password-value-789';
const SECRETS = ['SlackSecretPart123', 'WebhookUrlSecret456', SECRET_1, SECRET_2, BOT_TOKEN, SMTP_PASSWORD];

describe.each(testDrivers())('notification channel routes on %s', (driver) => {
  let server: TestServer;
  let admin: SignedIn;
  let viewer: SignedIn;

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token = admin.token) =>
    server.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
  const expectNoSecret = (text: string) => {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    server = await createTestServer(driver);
    admin = await setupAdmin(server.app);
    viewer = await createUser(server.app, admin.token, { email: 'viewer@example.com', role: 'viewer' });
  });
  afterAll(() => server?.stop());

  it('creates channels of every type, showing no secret and storing none in plaintext', async () => {
    const bodies = [
      { name: 'Ops Slack', type: 'slack', config: { url: SLACK_URL } },
      {
        name: 'Ops Teams',
        type: 'teams',
        config: { url: 'https://prod-01.westeurope.logic.azure.com/workflows/x?sig=TeamsSig' },
      },
      { name: 'Ops Telegram', type: 'telegram', config: { bot_token: BOT_TOKEN, chat_id: '-1001234567890' } },
      { name: 'Ops webhook', type: 'webhook', config: { url: HOOK_URL, secret: SECRET_1 } },
      {
        name: 'Ops mail',
        type: 'smtp',
        config: {
          host: 'smtp.example.com',
          port: 587,
          secure: false,
          require_tls: true,
          username: 'argus',
          password: SMTP_PASSWORD,
          from: 'Argus <alerts@example.com>',
        },
      },
    ];
    for (const body of bodies) {
      const res = await api('POST', '/api/notifications/channels', body);
      expect(res.statusCode, res.body).toBe(201);
      expectNoSecret(res.body);
      expect(res.body).not.toContain('TeamsSig');
      expect(res.json()).toMatchObject({ name: body.name, type: body.type, enabled: true, disabled_reason: null });
    }
    const list = await api('GET', '/api/notifications/channels');
    expect(list.statusCode).toBe(200);
    expectNoSecret(list.body);
    const byName = Object.fromEntries(list.json().items.map((c: { name: string }) => [c.name, c]));
    expect(byName['Ops Slack'].config).toEqual({ url_set: true, url_hint: 'https://hooks.slack.com' });
    expect(byName['Ops Telegram'].config).toEqual({
      bot_token_set: true,
      chat_id: '-1001234567890',
      api_base_url: null,
    });
    expect(byName['Ops webhook'].config).toEqual({
      url_set: true,
      url_hint: 'https://hooks.example.com',
      secret_set: true,
      previous_secret_ttl_hours: 24,
      previous_secrets: [],
    });
    expect(byName['Ops mail'].config).toMatchObject({
      host: 'smtp.example.com',
      username: 'argus',
      password_set: true,
      to: null,
    });

    // At rest: one sealed document per channel, no secret in any column; the audit log has none either.
    const rows = await server.db.query<Record<string, unknown>>('SELECT * FROM notification_channels');
    expect(rows.rows).toHaveLength(5);
    for (const row of rows.rows) expect(String(row.config_encrypted)).toMatch(/^v1:/);
    expectNoSecret(JSON.stringify(rows.rows));
    const audit = await server.db.query(
      "SELECT request_body FROM audit_logs WHERE action = 'notification_channel.create'",
    );
    expect(audit.rows).toHaveLength(5);
    expectNoSecret(JSON.stringify(audit.rows));
    expect(JSON.stringify(audit.rows)).not.toContain('TeamsSig');

    // The pipeline's view: the decrypted config.
    const store = createChannelStore({ db: server.db, secrets: server.secrets });
    const forDelivery = await store.getForDelivery(byName['Ops webhook'].id);
    expect(forDelivery?.config).toMatchObject({ url: HOOK_URL, secret: SECRET_1 });
  });

  it('keeps secrets a PUT leaves out, rotates a replaced webhook secret and removes one set to null', async () => {
    const created = await api('POST', '/api/notifications/channels', {
      name: 'Rotating',
      type: 'webhook',
      config: { url: HOOK_URL, secret: SECRET_1 },
    });
    const channel = created.json();
    const store = createChannelStore({ db: server.db, secrets: server.secrets });

    // The answer sent back as it came (read-only fields included) keeps the secrets.
    const renamed = await api('PUT', `/api/notifications/channels/${channel.id}`, {
      ...channel,
      name: 'Rotating hook',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Rotating hook', config: { url_set: true, secret_set: true } });
    expect((await store.getForDelivery(channel.id))?.config).toMatchObject({ url: HOOK_URL, secret: SECRET_1 });

    const rotated = await api('PUT', `/api/notifications/channels/${channel.id}`, {
      name: 'Rotating hook',
      type: 'webhook',
      config: { secret: SECRET_2, previous_secret_ttl_hours: 2 },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const previous = rotated.json().config.previous_secrets;
    expect(previous).toHaveLength(1);
    const ttl = Date.parse(previous[0].expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(1.9 * 3_600_000);
    expect(ttl).toBeLessThanOrEqual(2 * 3_600_000);
    expect((await store.getForDelivery(channel.id))?.config).toMatchObject({
      url: HOOK_URL,
      secret: SECRET_2,
      previous_secrets: [{ secret: SECRET_1 }],
    });

    const unsigned = await api('PUT', `/api/notifications/channels/${channel.id}`, {
      name: 'Rotating hook',
      type: 'webhook',
      config: { secret: null },
    });
    expect(unsigned.json().config).toMatchObject({ url_set: true, secret_set: false, previous_secrets: [] });
    expectNoSecret((await api('GET', `/api/notifications/channels/${channel.id}`)).body);
  });

  it('refuses bad input with stable codes', async () => {
    const bad: Array<[unknown, string]> = [
      [{ name: 'x', type: 'pager', config: {} }, 'type'],
      [{ name: 'x', type: 'slack', config: {} }, 'url'],
      [{ name: 'x', type: 'slack', config: { url: 'ftp://hooks.slack.com/x' } }, 'url'],
      [{ name: 'x', type: 'slack', config: { url: 'https://user:pw@hooks.slack.com/x' } }, 'url'],
      [{ name: 'x', type: 'webhook', config: { url: HOOK_URL, secret: 'not-a-whsec' } }, 'secret'],
      [{ name: 'x', type: 'webhook', config: { url: HOOK_URL, secret: 'whsec_c2hvcnQ=' } }, 'secret'],
      [{ name: 'x', type: 'telegram', config: { bot_token: 'nope', chat_id: '1' } }, 'bot_token'],
      [{ name: 'x', type: 'telegram', config: { bot_token: BOT_TOKEN, chat_id: 'general' } }, 'chat_id'],
      [
        { name: 'x', type: 'smtp', config: { host: 'smtp.example.com', port: 0, secure: false, from: 'a@b.c' } },
        'port',
      ],
      [
        {
          name: 'x',
          type: 'smtp',
          config: { host: 'smtp.example.com', port: 25, secure: false, from: 'a@b.c\r\nBcc: x@y.z' },
        },
        'from',
      ],
      [
        {
          name: 'x',
          type: 'smtp',
          config: { host: 'smtp.example.com', port: 25, secure: false, from: 'a@b.c', to: 'a@b.c, nope' },
        },
        'to',
      ],
      [{ name: '', type: 'slack', config: { url: SLACK_URL } }, 'name'],
      [{ name: 'x', type: 'slack', config: { url: SLACK_URL, channel: '#ops' } }, ''],
    ];
    for (const [body, path] of bad) {
      const res = await api('POST', '/api/notifications/channels', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      if (path) expect(JSON.stringify(res.json().error.details)).toContain(path);
    }
    const duplicate = await api('POST', '/api/notifications/channels', {
      name: 'ops slack',
      type: 'slack',
      config: { url: SLACK_URL },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('ALREADY_EXISTS');

    const slack = (await api('GET', '/api/notifications/channels'))
      .json()
      .items.find((c: { type: string }) => c.type === 'slack');
    const retyped = await api('PUT', `/api/notifications/channels/${slack.id}`, {
      name: 'Ops Slack',
      type: 'teams',
      config: { url: SLACK_URL },
    });
    expect(retyped.statusCode).toBe(409);
    expect(retyped.json().error.code).toBe('CONFLICT');

    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [method, url] of [
      ['GET', `/api/notifications/channels/${missing}`],
      ['PUT', `/api/notifications/channels/${missing}`],
      ['DELETE', `/api/notifications/channels/${missing}`],
      ['POST', `/api/notifications/channels/${missing}/test`],
    ] as const) {
      const res = await api(method, url, method === 'PUT' ? { name: 'x', type: 'slack', config: {} } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await api('GET', '/api/notifications/channels/not-a-uuid')).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('shows why the server disabled a channel, and enabling clears it', async () => {
    const created = (
      await api('POST', '/api/notifications/channels', { name: 'Flaky', type: 'slack', config: { url: SLACK_URL } })
    ).json();
    const store = createChannelStore({ db: server.db, secrets: server.secrets });
    await store.disable(created.id, 'Slack answered 410 Gone: channel_is_archived');
    const disabled = (await api('GET', `/api/notifications/channels/${created.id}`)).json();
    expect(disabled).toMatchObject({ enabled: false, disabled_reason: 'Slack answered 410 Gone: channel_is_archived' });
    expect(Date.parse(disabled.disabled_at)).toBeGreaterThan(Date.now() - 60_000);
    const enabled = await api('PUT', `/api/notifications/channels/${created.id}`, { ...disabled, enabled: true });
    expect(enabled.json()).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null });

    expect((await api('DELETE', `/api/notifications/channels/${created.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/api/notifications/channels/${created.id}`)).statusCode).toBe(404);
  });

  it('shows a channel whose config no longer decrypts as disabled, and takes its secrets again', async () => {
    const created = (
      await api('POST', '/api/notifications/channels', { name: 'Rekeyed', type: 'slack', config: { url: SLACK_URL } })
    ).json();
    // Sealed with a key that is not in ENCRYPTION_KEY (a ring that lost the old key).
    const otherBox = createSecretBox([{ id: 'gone', key: randomBytes(32) }]);
    await server.db.query('UPDATE notification_channels SET config_encrypted = $2 WHERE id = $1', [
      created.id,
      otherBox.seal(JSON.stringify({ url: SLACK_URL }), `notification_channel:${created.id}`),
    ]);
    const shown = await api('GET', `/api/notifications/channels/${created.id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      enabled: false,
      disabled_reason: 'the stored config cannot be decrypted with ENCRYPTION_KEY',
      config: { url_set: false },
    });
    expect((await api('GET', '/api/notifications/channels')).statusCode).toBe(200);
    const store = createChannelStore({ db: server.db, secrets: server.secrets });
    expect(await store.getForDelivery(created.id)).toMatchObject({ enabled: false });

    const withoutUrl = await api('PUT', `/api/notifications/channels/${created.id}`, {
      name: 'Rekeyed',
      type: 'slack',
      config: {},
    });
    expect(withoutUrl.statusCode).toBe(400);
    expect(withoutUrl.json().error.code).toBe('VALIDATION_FAILED');
    const fixed = await api('PUT', `/api/notifications/channels/${created.id}`, {
      name: 'Rekeyed',
      type: 'slack',
      config: { url: SLACK_URL },
      enabled: true,
    });
    expect(fixed.json()).toMatchObject({ enabled: true, disabled_reason: null, config: { url_set: true } });
    await api('DELETE', `/api/notifications/channels/${created.id}`);
  });

  it('is for admins only', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const body = { name: 'x', type: 'slack', config: { url: SLACK_URL } };
    for (const [method, url] of [
      ['GET', '/api/notifications/channels'],
      ['POST', '/api/notifications/channels'],
      ['GET', `/api/notifications/channels/${id}`],
      ['PUT', `/api/notifications/channels/${id}`],
      ['DELETE', `/api/notifications/channels/${id}`],
      ['POST', `/api/notifications/channels/${id}/test`],
    ] as const) {
      const payload = method === 'POST' || method === 'PUT' ? body : undefined;
      const res = await api(method, url, payload, viewer.token);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(
        (await server.app.inject({ method, url, payload: payload as object })).statusCode,
        `${method} ${url} anonymous`,
      ).toBe(401);
    }
  });

  it('lets any signed-in user see which channels exist for their preferences, without any config', async () => {
    const created = await api(
      'POST',
      '/api/notifications/channels',
      {
        name: 'options-webhook',
        type: 'webhook',
        config: { url: HOOK_URL, secret: SECRET_1 },
      },
      admin.token,
    );
    expect(created.statusCode).toBe(201);
    const res = await api('GET', '/api/notifications/channel-options', undefined, viewer.token);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual({
      id: created.json().id,
      name: 'options-webhook',
      type: 'webhook',
      enabled: true,
    });
    for (const secret of SECRETS) expect(res.body).not.toContain(secret);
    expect(res.body).not.toContain('hooks.example.com');
    expect((await server.app.inject({ url: '/api/notifications/channel-options' })).statusCode).toBe(401);
  });
});
