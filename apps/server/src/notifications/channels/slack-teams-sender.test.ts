import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackSender } from './slack-sender.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, createTeamsSender } from './teams-sender.js';
import { testMessage } from './test-message.js';
import { reply, startTestReceiver, type TestReceiver } from './test-receiver.js';

interface SlackBlock {
  type: string;
  text?: { type: string; text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ url: string }>;
}
interface TeamsAttachment {
  contentType: string;
  content: { body: Array<{ type: string; facts?: unknown[] }>; actions?: unknown };
}

/** The secret part of an incoming-webhook URL: it must never appear in an outcome. */
const SECRET_PATH = '/services/T0001/B0002/XyZsecretTokenValue123';

describe('Slack incoming webhook', () => {
  let slack: TestReceiver;
  const sender = createSlackSender();
  const config = () => ({ url: `${slack.url}${SECRET_PATH}` });

  beforeAll(async () => {
    slack = await startTestReceiver();
  });
  beforeEach(() => {
    slack.requests.length = 0;
    slack.setDefault(reply(200, 'ok', { 'content-type': 'text/plain' }));
  });
  afterAll(() => slack.close());

  it('posts Block Kit blocks with a text fallback, escaping mrkdwn', async () => {
    const message = testMessage({}, { body: 'a <b>bold</b> & <!channel> claim' });
    const outcome = await sender.send(config(), message, {});
    expect(outcome).toEqual({ status: 'sent', detail: 'Slack answered 200 OK' });
    expect(slack.requests).toHaveLength(1);
    const req = slack.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(SECRET_PATH);
    expect(req.headers['content-type']).toBe('application/json');
    const payload = req.json() as { text: string; blocks: SlackBlock[] };
    expect(payload.text).toContain('[FIRING:CRITICAL] Deployment payments/api is crash-looping');
    expect(payload.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '[FIRING:CRITICAL] Deployment payments/api is crash-looping', emoji: false },
    });
    const section = payload.blocks.find((b) => b.type === 'section' && b.text)!;
    // An @channel mention or a fake link in an alert's text is shown, not acted on.
    expect(section.text?.text).toBe('a &lt;b&gt;bold&lt;/b&gt; &amp; &lt;!channel&gt; claim');
    const fields = (payload.blocks.find((b) => b.fields)?.fields ?? []).map((f) => f.text);
    expect(fields).toContain('*Severity*\ncritical');
    expect(fields).toContain('*Object*\nDeployment payments/api');
    const actions = payload.blocks.find((b) => b.type === 'actions')!;
    expect(actions.elements?.[0]?.url).toBe(message.url);
  });

  it('retries 429 and 5xx after the Retry-After the peer gives (seconds or a date)', async () => {
    slack.enqueue(reply(429, 'rate_limited', { 'retry-after': '7' }));
    expect(await sender.send(config(), testMessage(), {})).toEqual({
      status: 'retry',
      reason: 'Slack answered 429 Too Many Requests',
      retryAfterMs: 7000,
    });
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    slack.enqueue(reply(503, 'upstream details nobody should see', { 'retry-after': inAMinute }));
    const outcome = await sender.send(config(), testMessage(), {});
    expect(outcome.status).toBe('retry');
    if (outcome.status !== 'retry') return;
    expect(outcome.retryAfterMs).toBeGreaterThan(50_000);
    expect(outcome.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(outcome.reason).toBe('Slack answered 503 Service Unavailable');
  });

  it('fails permanently for a gone or refused webhook, naming only Slack’s known error codes', async () => {
    slack.enqueue(reply(410, 'channel_is_archived'));
    expect(await sender.send(config(), testMessage(), {})).toEqual({
      status: 'permanent',
      reason: 'Slack answered 410 Gone: channel_is_archived',
    });
    slack.enqueue(reply(404, 'no_service'));
    expect(await sender.send(config(), testMessage(), {})).toMatchObject({
      status: 'permanent',
      reason: 'Slack answered 404 Not Found: no_service',
    });
    slack.enqueue(reply(403, '<html>internal proxy page with secrets</html>'));
    const refused = await sender.send(config(), testMessage(), {});
    expect(refused).toEqual({
      status: 'permanent',
      reason: 'Slack answered 403 Forbidden: the credentials in the channel were refused',
    });
    expect(JSON.stringify(refused)).not.toContain('XyZsecretTokenValue123');
  });

  it('does not follow a redirect', async () => {
    slack.enqueue(reply(302, '', { location: `${slack.url}/elsewhere` }));
    const outcome = await sender.send(config(), testMessage(), {});
    expect(outcome).toMatchObject({ status: 'permanent' });
    expect(slack.requests.map((r) => r.path)).toEqual([SECRET_PATH]);
  });
});

describe('Microsoft Teams workflow webhook', () => {
  let teams: TestReceiver;
  const sender = createTeamsSender();

  beforeAll(async () => {
    teams = await startTestReceiver();
    teams.setDefault(reply(202));
  });
  afterAll(() => teams.close());

  it('posts a message with an Adaptive Card attachment', async () => {
    const message = testMessage({}, { state: 'resolved', title: 'Deployment payments/api recovered' });
    const outcome = await sender.send(
      { url: `${teams.url}/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t` },
      message,
      {},
    );
    expect(outcome).toEqual({ status: 'sent', detail: 'Teams answered 202 Accepted' });
    const payload = teams.requests[0]!.json() as { type: string; attachments: TeamsAttachment[] };
    expect(payload.type).toBe('message');
    expect(payload.attachments).toHaveLength(1);
    const [attachment] = payload.attachments;
    expect(attachment!.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(attachment!.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    const body = attachment!.content.body;
    expect(body[0]).toMatchObject({
      type: 'TextBlock',
      text: '[RESOLVED:CRITICAL] Deployment payments/api recovered',
      color: 'Good',
    });
    expect(body.find((b) => b.type === 'FactSet')!.facts).toContainEqual({
      title: 'Object',
      value: 'Deployment payments/api',
    });
    expect(attachment!.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open in Argus', url: message.url }]);
  });

  it('maps 429 with Retry-After to a retry, and 401 to a permanent failure', async () => {
    teams.enqueue(reply(429, '', { 'retry-after': '2' }));
    expect(await sender.send({ url: `${teams.url}/w` }, testMessage(), {})).toMatchObject({
      status: 'retry',
      retryAfterMs: 2000,
    });
    teams.enqueue(reply(401, '{"error":{"code":"DirectApiAuthorizationRequired","message":"secret sig=abc"}}'));
    const outcome = await sender.send({ url: `${teams.url}/w` }, testMessage(), {});
    expect(outcome).toEqual({
      status: 'permanent',
      reason: 'Teams answered 401 Unauthorized: the credentials in the channel were refused',
    });
  });
});
