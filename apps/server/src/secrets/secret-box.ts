import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a keyring. Each ciphertext carries the id of the key that sealed it, so keys can be
 * rotated: new data is sealed with the primary key, old data still opens with any key in the ring, and
 * reseal() moves a value to the primary key.
 *
 * Format: `v1:<key id>:<iv b64url>:<tag b64url>:<ciphertext b64url>`.
 */
export interface SecretBox {
  readonly primaryKeyId: string;
  seal(plaintext: string, context?: string): string;
  open(sealed: string, context?: string): string;
  /** Re-encrypts with the primary key (after a rotation); returns the input when it already uses it. */
  reseal(sealed: string, context?: string): string;
  keyIdOf(sealed: string): string;
}

export class SecretBoxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretBoxError';
  }
}

export interface KeyringEntry {
  id: string;
  key: Buffer;
}

export function keyIdFor(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function decodeKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new SecretBoxError('an encryption key must be 32 bytes, given as 64 hex characters or base64');
  return key;
}

/**
 * Parses ENCRYPTION_KEY: one key, or a comma-separated ring `id1=key1,id2=key2` whose first entry is the
 * primary (used to seal). An entry without `id=` gets an id derived from the key.
 */
export function parseKeyring(spec: string): KeyringEntry[] {
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      // base64 may end in '=': an id is only what precedes '=' when it looks like an id.
      const id =
        eq > 0 && /^[A-Za-z0-9_-]{1,32}$/.test(part.slice(0, eq)) && eq < part.length - 2
          ? part.slice(0, eq)
          : undefined;
      const key = decodeKey(id ? part.slice(eq + 1) : part);
      return { id: id ?? keyIdFor(key), key };
    });
  if (entries.length === 0) throw new SecretBoxError('no encryption key given');
  const ids = new Set(entries.map((e) => e.id));
  if (ids.size !== entries.length) throw new SecretBoxError('encryption key ids must be unique');
  return entries;
}

const b64 = (b: Buffer) => b.toString('base64url');

export function createSecretBox(keyring: KeyringEntry[]): SecretBox {
  const primary = keyring[0];
  if (!primary) throw new SecretBoxError('no encryption key given');
  const byId = new Map(keyring.map((e) => [e.id, e.key]));

  function parts(sealed: string): [string, Buffer, Buffer, Buffer] {
    const p = sealed.split(':');
    if (p.length !== 5 || p[0] !== 'v1') throw new SecretBoxError('not an Argus sealed secret');
    return [
      p[1] as string,
      Buffer.from(p[2] as string, 'base64url'),
      Buffer.from(p[3] as string, 'base64url'),
      Buffer.from(p[4] as string, 'base64url'),
    ];
  }

  const box: SecretBox = {
    primaryKeyId: primary.id,
    seal(plaintext, context = '') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', primary.key, iv);
      cipher.setAAD(Buffer.from(context));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1:${primary.id}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(ct)}`;
    },
    open(sealed, context = '') {
      const [id, iv, tag, ct] = parts(sealed);
      const key = byId.get(id);
      if (!key) throw new SecretBoxError(`the secret was sealed with key "${id}", which is not in ENCRYPTION_KEY`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
      } catch (err) {
        throw new SecretBoxError('the secret could not be decrypted: wrong key or tampered data', { cause: err });
      }
    },
    reseal(sealed, context = '') {
      return box.keyIdOf(sealed) === primary.id ? sealed : box.seal(box.open(sealed, context), context);
    },
    keyIdOf(sealed) {
      return parts(sealed)[0];
    },
  };
  return box;
}
