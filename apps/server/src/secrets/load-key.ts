import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';

/**
 * Reads a secret from the data directory, or generates `bytes` random bytes into it (mode 0600) on first
 * start. Used for the encryption key and the JWT secret when the environment does not set them.
 */
export async function loadOrCreateKeyFile(
  dataDir: string,
  fileName: string,
  bytes: number,
  logger: Logger,
  what: string,
): Promise<string> {
  const dir = resolve(dataDir);
  const file = join(dir, fileName);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dir, { recursive: true });
  const value = randomBytes(bytes).toString('base64');
  try {
    const handle = await open(file, 'wx', 0o600);
    await handle.writeFile(`${value}\n`);
    await handle.close();
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(file, 'utf8')).trim();
    throw err;
  }
  await chmod(file, 0o600);
  logger.warn({ file }, `generated a new ${what}: keep this file safe and back it up; set it explicitly in production`);
  return value;
}
