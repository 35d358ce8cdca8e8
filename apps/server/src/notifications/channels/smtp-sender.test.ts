import type { AddressInfo } from 'node:net';
import { generateTls, type TlsMaterial } from '@argus/kube-sim';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpChannelConfig } from './channel-config.js';
import { createSmtpSender } from './smtp-sender.js';
import { testMessage } from './test-message.js';

interface Mailbox {
  port: number;
  mails: Array<{ mail: ParsedMail; envelopeTo: string[]; secure: boolean }>;
  connections: number;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) that parses each mail with mailparser. */
async function startMailbox(options: SMTPServerOptions): Promise<Mailbox> {
  const box: Mailbox = { port: 0, mails: [], connections: 0, close: async () => undefined };
  const server = new SMTPServer({
    logger: false,
    onConnect(_session, callback) {
      box.connections++;
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          box.mails.push({
            mail,
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            secure: session.secure,
          });
          callback();
        })
        .catch(callback);
    },
    ...options,
  });
  // A client that refuses the certificate closes the socket mid-handshake: the server reports it, nothing more.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  box.port = (server.server.address() as AddressInfo).port;
  box.close = () => new Promise((resolve) => server.close(() => resolve()));
  return box;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
};

describe('SMTP sender against a real SMTP server', () => {
  let tls: TlsMaterial;
  let starttls: Mailbox;
  let implicit: Mailbox;
  const sender = createSmtpSender({ timeoutMs: 5000 });

  beforeAll(async () => {
    tls = await generateTls(['127.0.0.1', 'localhost']);
    starttls = await startMailbox({
      key: tls.keyPem,
      cert: tls.certPem,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'argus' && auth.password === 'mail-password-1') return callback(null, { user: 'argus' });
        callback(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody@'))
          return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
        if (address.address.startsWith('later@'))
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        callback();
      },
    });
    implicit = await startMailbox({ secure: true, key: tls.keyPem, cert: tls.certPem, authOptional: true });
  });
  afterAll(async () => {
    await sender.close();
    await starttls?.close();
    await implicit?.close();
  });

  const starttlsConfig = (): SmtpChannelConfig => ({
    host: '127.0.0.1',
    port: starttls.port,
    secure: false,
    require_tls: true,
    username: 'argus',
    password: 'mail-password-1',
    from: 'Argus <alerts@argus.example.com>',
    tls_ca: tls.caPem,
  });

  it('sends text and HTML over STARTTLS with auth to the user, with a Message-ID stable on redelivery', async () => {
    const message = testMessage({}, { body: 'Pods <restart> & fail' });
    const before = starttls.mails.length;
    expect(await sender.send(starttlsConfig(), message, {})).toEqual({
      status: 'sent',
      detail: 'accepted for 1 recipient(s)',
    });
    expect(await sender.send(starttlsConfig(), message, {})).toMatchObject({ status: 'sent' });
    await until(() => starttls.mails.length >= before + 2);
    const [first, again] = starttls.mails.slice(before);
    expect(first!.secure).toBe(true);
    expect(first!.envelopeTo).toEqual(['alice@example.com']);
    const mail = first!.mail;
    expect(mail.subject).toBe('[FIRING:CRITICAL] Deployment payments/api is crash-looping');
    expect(mail.from?.value[0]).toMatchObject({ address: 'alerts@argus.example.com', name: 'Argus' });
    expect(mail.text).toContain('Pods <restart> & fail');
    expect(mail.text).toContain(`Open in Argus: ${message.url}`);
    expect(mail.html).toContain('Pods &lt;restart&gt; &amp; fail');
    expect(mail.html).toContain(`<a href="${message.url}">Open in Argus</a>`);
    expect(mail.messageId).toMatch(/^<[0-9a-f]{40}\.argus@argus\.example\.com>$/);
    expect(again!.mail.messageId).toBe(mail.messageId);
    expect(mail.headers.get('x-argus-event-id')).toBe('evt-1');

    // Another notification: another Message-ID.
    await sender.send(starttlsConfig(), testMessage({ idempotencyKey: 'evt-2:c:u' }), {});
    await until(() => starttls.mails.length >= before + 3);
    expect(starttls.mails[before + 2]!.mail.messageId).not.toBe(mail.messageId);
  });

  it('keeps a pooled connection open across mails', async () => {
    const config = { ...starttlsConfig(), to: 'team@example.com, oncall@example.com' };
    const pooled = createSmtpSender({ timeoutMs: 5000 });
    const connectionsBefore = starttls.connections;
    for (let i = 0; i < 3; i++)
      expect((await pooled.send(config, testMessage({ idempotencyKey: `pool-${i}` }), {})).status).toBe('sent');
    expect(starttls.connections - connectionsBefore).toBe(1);
    await pooled.close();
    const last = starttls.mails.at(-1)!;
    expect(last.envelopeTo).toEqual(['team@example.com', 'oncall@example.com']);
  });

  it('fails permanently for refused credentials, an untrusted certificate or a refused recipient; retries a deferral', async () => {
    expect(await sender.send({ ...starttlsConfig(), password: 'wrong-password' }, testMessage(), {})).toEqual({
      status: 'permanent',
      reason: 'the SMTP server refused the credentials',
    });
    const { tls_ca: _ca, ...withoutCa } = starttlsConfig();
    expect(await sender.send(withoutCa, testMessage(), {})).toEqual({
      status: 'permanent',
      reason: "the SMTP server's TLS certificate is not trusted",
    });
    expect(await sender.send({ ...starttlsConfig(), to: 'nobody@example.com' }, testMessage(), {})).toEqual({
      status: 'permanent',
      reason: 'the SMTP server refused the message (reply 550)',
    });
    expect(await sender.send({ ...starttlsConfig(), to: 'later@example.com' }, testMessage(), {})).toEqual({
      status: 'retry',
      reason: 'the SMTP server deferred the message (reply 451)',
    });
  });

  it('speaks implicit TLS (secure) and trusts the channel’s CA only', async () => {
    const config: SmtpChannelConfig = {
      host: '127.0.0.1',
      port: implicit.port,
      secure: true,
      from: 'alerts@argus.example.com',
      to: 'ops@example.com',
      tls_ca: tls.caPem,
    };
    expect(await sender.send(config, testMessage(), {})).toMatchObject({ status: 'sent' });
    await until(() => implicit.mails.length >= 1);
    expect(implicit.mails[0]!.secure).toBe(true);
    expect(implicit.mails[0]!.mail.subject).toContain('[FIRING:CRITICAL]');
    const untrusted = await sender.send({ ...config, tls_ca: null }, testMessage(), {});
    expect(untrusted).toMatchObject({
      status: 'permanent',
      reason: "the SMTP server's TLS certificate is not trusted",
    });
  });

  it('refuses to send in the clear when the channel requires STARTTLS and the server does not offer it', async () => {
    const plain = await startMailbox({ authOptional: true, disabledCommands: ['STARTTLS'] });
    // Its own pool, closed before the server (which waits for open connections when closing).
    const own = createSmtpSender({ timeoutMs: 5000 });
    try {
      const config: SmtpChannelConfig = {
        host: '127.0.0.1',
        port: plain.port,
        secure: false,
        from: 'a@argus.example.com',
        to: 'b@example.com',
      };
      expect(await own.send({ ...config, require_tls: true }, testMessage(), {})).toEqual({
        status: 'permanent',
        reason: 'the SMTP server does not offer the TLS that the channel requires',
      });
      expect(plain.mails).toHaveLength(0);
      // Without require_tls the same server takes the mail (opportunistic STARTTLS).
      expect((await own.send(config, testMessage(), {})).status).toBe('sent');
      await until(() => plain.mails.length === 1);
      expect(plain.mails[0]!.secure).toBe(false);
    } finally {
      await own.close();
      await plain.close();
    }
  });

  it('retries when the server cannot be reached, and needs a recipient', async () => {
    const down = await startMailbox({ authOptional: true });
    const port = down.port;
    await down.close();
    const outcome = await sender.send({ ...starttlsConfig(), port }, testMessage(), {});
    expect(outcome.status).toBe('retry');
    expect(outcome).toMatchObject({ reason: expect.stringMatching(/could not be reached/) });
    const noRecipient = await sender.send(starttlsConfig(), testMessage({ recipient: { userId: 'u' } }), {});
    expect(noRecipient.status).toBe('permanent');
  });
});
