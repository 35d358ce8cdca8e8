/**
 * The agent's credential, kept in a file (mode 0600) after enrolment so a restart reconnects without a
 * new token. It records a hash of the token it came from: a different token means enrol again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { kubeRequest } from './kube-request.js';
import type { KubeTarget } from './kube-target.js';

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

/** The credential in a Kubernetes Secret (key credential.json), so a rescheduled pod keeps it. */
export function createSecretCredentialStore(target: KubeTarget, ref: string): CredentialStore {
  const [namespace, name] = ref.split('/') as [string, string];
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`;
  return {
    file: `secret ${ref}`,
    async load() {
      const res = await kubeRequest(target, 'GET', path);
      if (res.status === 404) return undefined;
      if (res.status !== 200) throw new Error(`Reading the Secret ${ref} answered ${res.status}`);
      const data = (JSON.parse(res.body) as { data?: Record<string, string> }).data?.['credential.json'];
      if (!data) return undefined;
      const parsed = fileSchema.safeParse(JSON.parse(Buffer.from(data, 'base64').toString('utf8')));
      return parsed.success ? parsed.data : undefined;
    },
    async save(c) {
      const patch = JSON.stringify({ data: { 'credential.json': Buffer.from(JSON.stringify(c)).toString('base64') } });
      const res = await kubeRequest(target, 'PATCH', path, {
        contentType: 'application/merge-patch+json',
        data: patch,
      });
      if (res.status !== 200) throw new Error(`Writing the Secret ${ref} answered ${res.status}`);
    },
  };
}

/** Reads the first store that has a credential; writes to every store that accepts it. */
export function layeredCredentialStore(
  primary: CredentialStore,
  fallback: CredentialStore,
  log: Logger,
): CredentialStore {
  return {
    file: `${primary.file} (and ${fallback.file})`,
    async load() {
      try {
        const c = await primary.load();
        if (c) return c;
      } catch (err) {
        log.warn({ err: (err as Error).message, store: primary.file }, 'cannot read the stored credential');
      }
      return fallback.load();
    },
    async save(c) {
      await fallback.save(c);
      await primary
        .save(c)
        .catch((err: Error) => log.warn({ err: err.message, store: primary.file }, 'cannot store the credential'));
    },
  };
}
