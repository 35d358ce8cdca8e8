import { createHash, randomBytes } from 'node:crypto';

/** Opaque high-entropy secrets (refresh tokens, API keys); only their SHA-256 is stored. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const REFRESH_TOKEN_PREFIX = 'argusrt_';
export const API_KEY_PREFIX = 'argus_';
