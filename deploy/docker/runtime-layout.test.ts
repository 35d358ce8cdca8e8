/**
 * The images' runtime layouts, without a Docker engine: runs the Dockerfiles' build steps
 * (deploy/docker/build-runtime.sh, the very commands their RUN lines call) into a temporary directory, then
 * starts the server from that layout the way the image does — production dependencies only, the layout
 * read-only, a non-root user (when the test runs as root), writable only a data directory and TMPDIR,
 * HELM_PATH at the shipped helm, embedded PGlite, ARGUS_DEMO=false — and checks /readyz, the UI, the
 * METRICS_TOKEN on /metrics and a clean SIGTERM. The agent's layout runs its CLI.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withWebBuildLock } from '../../e2e/support/web-build.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'deploy', 'docker', 'build-runtime.sh');
const NONROOT = 65532;
const METRICS_TOKEN = 'runtime-layout-metrics-token';
/** Dev dependencies (root and workspaces) that must not be in a runtime layout. */
const DEV_ONLY = [
  'typescript',
  'vitest',
  'tsx',
  '@biomejs/biome',
  '@aws-cdk/lambda-layer-kubectl-v32',
  'oidc-provider',
  'jsdom',
];

function run(cmd: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    execFile(
      cmd,
      args,
      { cwd: opts.cwd ?? root, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

const installed = (app: string, name: string) => existsSync(join(app, 'node_modules', ...name.split('/')));

describe('runtime layouts of the images (deploy/docker/build-runtime.sh)', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'argus-runtime-'));
    // Non-root users must reach the layout (mkdtemp makes it 0700).
    chmodSync(work, 0o755);
  });
  afterAll(async () => {
    if (!work) return;
    await run('chmod', ['-R', 'u+w', work]);
    rmSync(work, { recursive: true, force: true });
  });

  it('server: builds, ships helm, keeps production dependencies only, and serves from a read-only layout as non-root', async () => {
    const out = join(work, 'server');
    // The web UI is built under the lock the e2e tests take (they build it too, in parallel workers).
    const built = await withWebBuildLock(() => run('sh', [script, 'server', out], { timeoutMs: 600_000 }));
    expect(built.code, built.out.slice(-4000)).toBe(0);

    const app = join(out, 'app');
    const helm = await run(join(out, 'helm'), ['version', '--short']);
    expect(helm.out).toMatch(/^v3\.17\./);
    for (const dev of DEV_ONLY) expect(installed(app, dev), `${dev} is a dev dependency`).toBe(false);
    for (const dep of ['next', 'fastify', '@electric-sql/pglite', '@kubernetes/client-node', '@argus/plugin-helm'])
      expect(installed(app, dep), dep).toBe(true);
    expect(existsSync(join(app, 'apps', 'web', '.next', 'BUILD_ID'))).toBe(true);
    expect(existsSync(join(app, 'apps', 'web', '.next', 'cache'))).toBe(false);
    expect(readdirSync(join(app, 'apps', 'server'))).not.toContain('src');
    // The assistant's knowledge base ships as Markdown beside the server's dist/ (read at run time).
    expect(
      readdirSync(join(app, 'apps', 'server', 'knowledge')).filter((f) => f.endsWith('.md')).length,
    ).toBeGreaterThan(40);

    // The image: layout read-only (chmod for any user, and root runs the server as 65532), /data and /tmp writable.
    expect((await run('chmod', ['-R', 'a-w', app])).code).toBe(0);
    const data = join(work, 'data');
    const tmp = join(work, 'tmp');
    for (const dir of [data, tmp]) {
      mkdirSync(dir);
      if (process.getuid?.() === 0) chownSync(dir, NONROOT, NONROOT);
    }
    const asRoot = process.getuid?.() === 0;
    const server: ChildProcess = spawn(process.execPath, [join(app, 'apps', 'server', 'dist', 'main.js')], {
      cwd: app,
      env: {
        PATH: process.env.PATH,
        HOME: tmp,
        TMPDIR: tmp,
        NODE_ENV: 'production',
        HELM_PATH: join(out, 'helm'),
        ARGUS_DATA_DIR: data,
        ARGUS_DEMO: 'false',
        PORT: '0',
        GRPC_PORT: '0',
        PROXY_PORT: '0',
        HOST: '127.0.0.1',
        METRICS_TOKEN,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: NONROOT, gid: NONROOT } : {}),
    });
    let output = '';
    server.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    server.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    try {
      const started = Date.now();
      let url: string | undefined;
      while (!url && Date.now() - started < 90_000 && server.exitCode === null) {
        url = /Argus is running at (http:\/\/\S+)/.exec(output)?.[1];
        if (!url) await new Promise((r) => setTimeout(r, 200));
      }
      expect(url, output).toBeDefined();

      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { status: string; checks: { database: { driver: string } } };
      expect(body.status).toBe('ready');
      expect(body.checks.database.driver).toBe('pglite');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const page = await fetch(`${url}/login`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<!DOCTYPE html>');
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(metrics.status).toBe(200);
      // Nothing but the data directory and TMPDIR was written.
      expect(readdirSync(data)).toContain('pglite');
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
  }, 720_000);

  it('agent: builds its layout with production dependencies only and runs its CLI', async () => {
    const out = join(work, 'agent');
    const built = await run('sh', [script, 'agent', out], { timeoutMs: 300_000 });
    expect(built.code, built.out.slice(-4000)).toBe(0);
    const app = join(out, 'app');
    for (const dev of DEV_ONLY) expect(installed(app, dev), `${dev} is a dev dependency`).toBe(false);
    // Only the agent's own dependencies: none of the server's or the UI's.
    for (const other of ['next', 'fastify', '@electric-sql/pglite']) expect(installed(app, other), other).toBe(false);
    const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { name: string };
    expect(pkg.name).toBe('argus');
    const help = await run(process.execPath, [join(app, 'apps', 'agent', 'dist', 'main.js'), '--help'], { cwd: app });
    expect(help.code, help.out).toBe(0);
    expect(help.out).toContain('--server HOST:PORT');
  }, 360_000);
});
