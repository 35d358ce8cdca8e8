import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface ArgusProcess {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** The real server as a process (sources through tsx), on a fresh embedded database, without demo clusters. */
export async function startArgus(env: Record<string, string> = {}): Promise<ArgusProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-e2e-'));
  let out = '';
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@argus/source', '--import', 'tsx', join(root, 'apps', 'server', 'src', 'main.ts')],
    {
      cwd: root,
      env: {
        ...base,
        PORT: String(port),
        HOST: '127.0.0.1',
        GRPC_PORT: String(await freePort()),
        PROXY_PORT: String(await freePort()),
        ARGUS_DATA_DIR: dataDir,
        ARGUS_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`argus exited (${child.exitCode}):\n${out}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`argus did not get ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r(undefined);
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(t);
            r(undefined);
          });
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
