/**
 * A real Prometheus for tests: /usr/bin/prometheus (Debian package `prometheus`) on 127.0.0.1 with a
 * temporary TSDB, scraping the given targets every second. Fails loudly when the binary is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface ScrapeTarget {
  job: string;
  /** host:port */
  address: string;
  path?: string;
  labels?: Record<string, string>;
  /** a bearer token the target wants */
  bearerToken?: string;
}

export interface RealPrometheus {
  url: string;
  port: number;
  /** Prometheus's output so far, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const address = srv.address();
  await new Promise((r) => srv.close(r));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export function requirePrometheusBinary(): void {
  try {
    accessSync(PROMETHEUS_BIN, constants.X_OK);
  } catch {
    throw new Error(
      `${PROMETHEUS_BIN} is missing: these tests need a real Prometheus (apt-get install -y prometheus, as .ci/run does)`,
    );
  }
}

function configYaml(targets: ScrapeTarget[]): string {
  const jobs = targets.map((t) =>
    [
      `  - job_name: ${JSON.stringify(t.job)}`,
      '    scrape_interval: 1s',
      '    scrape_timeout: 1s',
      `    metrics_path: ${JSON.stringify(t.path ?? '/metrics')}`,
      ...(t.bearerToken ? ['    authorization:', `      credentials: ${JSON.stringify(t.bearerToken)}`] : []),
      '    static_configs:',
      `      - targets: [${JSON.stringify(t.address)}]`,
      `        labels: ${JSON.stringify(t.labels ?? {})}`,
    ].join('\n'),
  );
  return `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n${jobs.join('\n')}\n`;
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus did not become ready:\n${output()}`);
}

export async function startRealPrometheus(targets: ScrapeTarget[]): Promise<RealPrometheus> {
  requirePrometheusBinary();
  const dir = mkdtempSync(join(tmpdir(), 'argus-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, configYaml(targets));
  const port = await freePort();
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => out);
  } catch (err) {
    await close();
    throw err;
  }
  return { url, port, output: () => out, close };
}
