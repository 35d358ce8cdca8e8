import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramSender } from './telegram-sender.js';
import { TELEGRAM_MAX_MESSAGE } from './telegram-split.js';
import { testMessage } from './test-message.js';
import { type ReceivedRequest, type Responder, reply, startTestReceiver, type TestReceiver } from './test-receiver.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const CHAT = '-1001234567890';

/** What Telegram does with `parse_mode: HTML`: only known tags and entities; the parsed text at most 4,096 characters. */
function parseTelegramHtml(html: string): string | Error {
  const stack: string[] = [];
  let text = '';
  const token = /<(\/?)(b|a)(?: href="[^"<>]*")?>|&(amp|lt|gt|quot|#\d+);|([^<&]+)|(.)/gs;
  for (const m of html.matchAll(token)) {
    if (m[2]) {
      if (m[1]) {
        if (stack.pop() !== m[2]) return new Error("can't parse entities: unbalanced tag");
      } else stack.push(m[2]);
    } else if (m[3])
      text += m[3].startsWith('#')
        ? String.fromCodePoint(Number(m[3].slice(1)))
        : ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[m[3]];
    else if (m[4]) text += m[4];
    else return new Error(`can't parse entities: unexpected ${m[5]}`);
  }
  return stack.length ? new Error("can't parse entities: unclosed tag") : text;
}

let nextId = 1;
const telegramBotApi: Responder = (req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.path !== `/bot${TOKEN}/sendMessage`)
    return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
  const { chat_id, text, parse_mode } = req.json() as { chat_id: string; text: string; parse_mode: string };
  if (chat_id !== CHAT) return send(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
  const parsed = parse_mode === 'HTML' ? parseTelegramHtml(text) : text;
  if (parsed instanceof Error)
    return send(400, { ok: false, error_code: 400, description: `Bad Request: ${parsed.message}` });
  if (parsed.length === 0 || parsed.length > 4096)
    return send(400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
  send(200, { ok: true, result: { message_id: nextId++, text: parsed } });
};

describe('Telegram Bot API sender', () => {
  let telegram: TestReceiver;
  const sender = createTelegramSender();
  const config = () => ({ bot_token: TOKEN, chat_id: CHAT, api_base_url: telegram.url });
  const texts = (requests: ReceivedRequest[]) => requests.map((r) => (r.json() as { text: string }).text);

  beforeAll(async () => {
    telegram = await startTestReceiver();
  });
  beforeEach(() => {
    telegram.requests.length = 0;
    telegram.setDefault(telegramBotApi);
  });
  afterAll(() => telegram.close());

  it('sends sendMessage with parse_mode HTML, escaping the text', async () => {
    const message = testMessage({}, { title: 'x < y & "z"', body: '<script>alert(1)</script>' });
    expect(await sender.send(config(), message, {})).toEqual({ status: 'sent', detail: 'Telegram accepted 1 message' });
    const [req] = telegram.requests;
    expect(req!.path).toBe(`/bot${TOKEN}/sendMessage`);
    const body = req!.json() as Record<string, unknown>;
    expect(body).toMatchObject({ chat_id: CHAT, parse_mode: 'HTML' });
    expect(body.text).toContain('<b>[FIRING:CRITICAL] x &lt; y &amp; &quot;z&quot;</b>');
    expect(body.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body.text).toContain(`<a href="${message.url}">Open in Argus</a>`);
  });

  it('splits a long message into parts of at most 4,096 characters, losing nothing', async () => {
    const longLine = 'lorem <ipsum> & dolor '.repeat(300); // one line of 6,600 characters
    const lines = Array.from({ length: 120 }, (_, i) => `line ${i}: ${'x'.repeat(40)} <${i}>`);
    const bodyText = `${longLine}\n${lines.join('\n')}`;
    const outcome = await sender.send(config(), testMessage({}, { body: bodyText }), {});
    expect(outcome.status).toBe('sent');
    const parts = texts(telegram.requests);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const visible = parts.map((p) => parseTelegramHtml(p) as string);
    for (const v of visible) expect(v.length).toBeLessThanOrEqual(TELEGRAM_MAX_MESSAGE);
    // Every part was accepted by the emulated Bot API (valid HTML, within the limit).
    expect(outcome).toEqual({ status: 'sent', detail: `Telegram accepted ${parts.length} messages` });
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(visible.join(''))).toContain(squash(bodyText));
  });

  it('retries after retry_after on 429 and continues with the parts not yet sent', async () => {
    const bodyText = Array.from({ length: 200 }, (_, i) => `line ${i} ${'y'.repeat(40)}`).join('\n');
    const message = testMessage({ idempotencyKey: 'evt-429:chan:user' }, { body: bodyText });
    telegram.enqueue(telegramBotApi, (_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 3',
          parameters: { retry_after: 3 },
        }),
      );
    });
    expect(await sender.send(config(), message, {})).toEqual({
      status: 'retry',
      reason: 'Telegram answered 429 Too Many Requests',
      retryAfterMs: 3000,
    });
    const firstPart = texts(telegram.requests)[0];
    telegram.requests.length = 0;
    expect((await sender.send(config(), message, {})).status).toBe('sent');
    // The redelivery did not repeat the part Telegram had already accepted.
    expect(texts(telegram.requests)).not.toContain(firstPart);
    expect(telegram.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('fails permanently for a refused token or an unknown chat, never naming the token', async () => {
    const badToken = await sender.send(
      { ...config(), bot_token: '987654321:ZZZdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' },
      testMessage(),
      {},
    );
    expect(badToken).toEqual({
      status: 'permanent',
      reason: 'Telegram answered 401 Unauthorized: the bot token was refused',
    });
    const badChat = await sender.send({ ...config(), chat_id: '-42' }, testMessage(), {});
    expect(badChat).toEqual({
      status: 'permanent',
      reason: 'Telegram answered 400 Bad Request: the chat was not found',
    });
    expect(JSON.stringify([badToken, badChat])).not.toMatch(/ZZZdqTcv|AAHdqTcv/);
  });

  it('retries when the Bot API is down', async () => {
    telegram.enqueue(reply(502, '<html>Bad Gateway</html>'));
    expect(await sender.send(config(), testMessage(), {})).toEqual({
      status: 'retry',
      reason: 'Telegram answered 502 Bad Gateway',
    });
  });
});
