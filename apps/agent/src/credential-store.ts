/**
 * The agent's credential, kept in a file (mode 0600) after enrolment so a restart reconnects without a
 * new token. It records a hash of the token it came from: a different token means enrol again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const fileSchema = z.object({
  server: z.string(),
  cluster_id: z.string(),
  agent_id: z.string(),
  credential: z.string().min(1),
  token_sha256: z.string().nullable(),
  enrolled_at: z.string(),
});
export type StoredCredential = z.infer<typeof fileSchema>;

export interface CredentialStore {
  readonly file: string;
  load(): Promise<StoredCredential | undefined>;
  save(c: StoredCredential): Promise<void>;
}

export const tokenDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

export function createCredentialStore(file: string): CredentialStore {
  return {
    file,
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      const parsed = fileSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`The credential file ${file} is not valid; delete it and enrol again`);
      return parsed.data;
    },
    async save(c) {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
      await rename(tmp, file);
    },
  };
}
