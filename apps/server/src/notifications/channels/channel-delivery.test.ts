import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, type SignedIn, setupAdmin } from '../../test-support/identity.js';
import { testDrivers } from '../../test-support/test-database.js';
import { createTestServer, type TestServer } from '../../test-support/test-server.js';
import { createChannelSenders } from './channel-senders.js';
import { createChannelStore } from './channel-store.js';
import { deliverToChannel } from './deliver.js';
import { testMessage } from './test-message.js';
import { reply, startTestReceiver, type TestReceiver } from './test-receiver.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const UPSTREAM_BODY = 'internal stack trace: token=upstream-secret-body';

describe.each(testDrivers())('sending through channels on %s', (driver) => {
  let server: TestServer;
  let admin: SignedIn;
  let receiver: TestReceiver;
  let smtp: SMTPServer;
  let smtpPort: number;
  const mails: ParsedMail[] = [];

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    server.app.inject({ method, url, payload: payload as object, headers: bearer(admin.token) });
  const createChannel = async (body: unknown) => {
    const res = await api('POST', '/api/notifications/channels', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };

  beforeAll(async () => {
    server = await createTestServer(driver, { env: { PUBLIC_URL: 'https://argus.example.com' } });
    admin = await setupAdmin(server.app);
    receiver = await startTestReceiver();
    smtp = new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          mails.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.setDefault(reply(200, 'ok'));
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('"send test" delivers a signed test message and answers with the outcome', async () => {
    const channel = await createChannel({
      name: 'Hook',
      type: 'webhook',
      config: { url: `${receiver.url}/in`, secret: SECRET },
    });
    const res = await api('POST', `/api/notifications/channels/${channel.id}/test`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, status: 'sent', message: 'the webhook answered 200 OK' });
    expect(receiver.requests).toHaveLength(1);
    const req = receiver.requests[0]!;
    expect(req.headers['webhook-id']).toMatch(/^test-/);
    expect(req.headers['webhook-signature']).toMatch(/^v1,/);
    const payload = req.json() as { type: string; data: { type: string; url: string } };
    expect(payload.data).toMatchObject({
      type: 'argus.channel_test',
      url: 'https://argus.example.com/admin/notification-channels',
    });
  });

  it('reports a failure without the peer’s body and without disabling the channel', async () => {
    const channel = await createChannel({
      name: 'Gone hook',
      type: 'webhook',
      config: { url: `${receiver.url}/gone` },
    });
    receiver.enqueue(reply(410, UPSTREAM_BODY));
    const gone = await api('POST', `/api/notifications/channels/${channel.id}/test`, {});
    expect(gone.statusCode).toBe(200);
    expect(gone.json()).toEqual({
      ok: false,
      status: 'permanent',
      message: 'the webhook answered 410 Gone: the endpoint does not exist (any more)',
    });
    expect(gone.body).not.toContain('upstream-secret-body');
    receiver.enqueue(reply(429, UPSTREAM_BODY, { 'retry-after': '2' }));
    const limited = await api('POST', `/api/notifications/channels/${channel.id}/test`, {});
    expect(limited.json()).toEqual({
      ok: false,
      status: 'retry',
      message: 'the webhook answered 429 Too Many Requests',
      retry_after_ms: 2000,
    });
    expect((await api('GET', `/api/notifications/channels/${channel.id}`)).json()).toMatchObject({
      enabled: true,
      disabled_reason: null,
    });
  });

  it('"send test" of a mail channel without "to" goes to the caller', async () => {
    const channel = await createChannel({
      name: 'Mail',
      type: 'smtp',
      config: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'Argus <alerts@argus.example.com>' },
    });
    const res = await api('POST', `/api/notifications/channels/${channel.id}/test`, {});
    expect(res.json(), res.body).toMatchObject({ ok: true, status: 'sent' });
    const other = await api('POST', `/api/notifications/channels/${channel.id}/test`, { to: 'oncall@example.com' });
    expect(other.json()).toMatchObject({ ok: true });
    for (let i = 0; i < 100 && mails.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(mails.map((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address)).toEqual([
      'admin@example.com',
      'oncall@example.com',
    ]);
    expect(mails[0]!.subject).toBe('[INFO] Test notification for channel "Mail"');
  });

  it('a delivery that fails permanently disables the channel with the reason; a disabled channel sends nothing', async () => {
    const store = createChannelStore({ db: server.db, secrets: server.secrets });
    const senders = createChannelSenders();
    const logLines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
    const deps = { store, senders, logger };
    const channel = await createChannel({
      name: 'Archived',
      type: 'slack',
      config: { url: `${receiver.url}/services/T/B/SecretInUrl` },
    });

    receiver.enqueue(reply(503, UPSTREAM_BODY));
    expect(await deliverToChannel(deps, channel.id, testMessage())).toEqual({
      status: 'retry',
      reason: 'Slack answered 503 Service Unavailable',
    });
    expect((await api('GET', `/api/notifications/channels/${channel.id}`)).json().enabled).toBe(true);
    const errorAt = await server.db.query<{ last_error_at: Date | null }>(
      'SELECT last_error_at FROM notification_channels WHERE id = $1',
      [channel.id],
    );
    expect(errorAt.rows[0]?.last_error_at).not.toBeNull();

    receiver.enqueue(reply(410, 'channel_is_archived'));
    const outcome = await deliverToChannel(deps, channel.id, testMessage());
    expect(outcome).toEqual({ status: 'permanent', reason: 'Slack answered 410 Gone: channel_is_archived' });
    const shown = (await api('GET', `/api/notifications/channels/${channel.id}`)).json();
    expect(shown).toMatchObject({ enabled: false, disabled_reason: 'Slack answered 410 Gone: channel_is_archived' });

    const before = receiver.requests.length;
    expect(await deliverToChannel(deps, channel.id, testMessage())).toEqual({
      status: 'permanent',
      reason: 'the channel is disabled: Slack answered 410 Gone: channel_is_archived',
    });
    expect(receiver.requests.length).toBe(before);
    expect(await deliverToChannel(deps, '00000000-0000-4000-8000-000000000000', testMessage())).toEqual({
      status: 'permanent',
      reason: 'the channel was deleted',
    });
    // The failures were logged by channel id and type, without the URL or the peer's body.
    expect(logLines.join('\n')).toContain(channel.id);
    expect(logLines.join('\n')).not.toMatch(/SecretInUrl|upstream-secret-body/);
    await senders.close();
  });
});
