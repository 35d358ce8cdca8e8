import { randomBytes } from 'node:crypto';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile } from './load-key.js';
import { createSecretBox, parseKeyring } from './secret-box.js';

const key = () => randomBytes(32).toString('base64');

describe('secret box', () => {
  it('seals and opens, and never stores the plaintext', () => {
    const box = createSecretBox(parseKeyring(key()));
    const sealed = box.seal('apiVersion: v1\nkind: Config\ntoken: s3cret', 'cluster:1');
    expect(sealed).not.toContain('s3cret');
    expect(sealed.startsWith(`v1:${box.primaryKeyId}:`)).toBe(true);
    expect(box.open(sealed, 'cluster:1')).toContain('token: s3cret');
    expect(box.seal('x')).not.toBe(box.seal('x')); // a fresh IV every time
  });

  it('detects tampering and a wrong context', () => {
    const box = createSecretBox(parseKeyring(key()));
    const sealed = box.seal('hello', 'a');
    expect(() => box.open(sealed, 'b')).toThrow(/could not be decrypted/);
    const parts = sealed.split(':');
    parts[4] = Buffer.from('jello').toString('base64url');
    expect(() => box.open(parts.join(':'), 'a')).toThrow(/could not be decrypted/);
    expect(() => box.open('plain text')).toThrow(/not an Argus sealed secret/);
  });

  it('rotates keys: old ciphertexts open, new ones use the primary, reseal moves them', () => {
    const oldKey = key();
    const before = createSecretBox(parseKeyring(`old=${oldKey}`));
    const sealed = before.seal('kubeconfig');
    const after = createSecretBox(parseKeyring(`new=${key()},old=${oldKey}`));
    expect(after.open(sealed)).toBe('kubeconfig');
    const moved = after.reseal(sealed);
    expect(after.keyIdOf(moved)).toBe('new');
    expect(after.open(moved)).toBe('kubeconfig');
    const withoutOld = createSecretBox(parseKeyring(`new=${key()}`));
    expect(() => withoutOld.open(sealed)).toThrow(/sealed with key "old"/);
  });

  it('accepts hex keys and rejects keys of the wrong size', () => {
    expect(() => parseKeyring(randomBytes(32).toString('hex'))).not.toThrow();
    expect(() => parseKeyring('c2hvcnQ=')).toThrow(/32 bytes/);
  });

  it('generates a key file with mode 0600 once and reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'argus-key-'));
    const logger = pino({ level: 'silent' });
    const first = await loadOrCreateKeyFile(dir, 'encryption.key', 32, logger, 'encryption key');
    const second = await loadOrCreateKeyFile(dir, 'encryption.key', 32, logger, 'encryption key');
    expect(second).toBe(first);
    expect((await stat(join(dir, 'encryption.key'))).mode & 0o777).toBe(0o600);
    expect(() => createSecretBox(parseKeyring(first))).not.toThrow();
  });
});
