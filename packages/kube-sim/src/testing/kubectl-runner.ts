/** Runs the real kubectl against a kubeconfig, for tests. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { kubectlPath } from './binaries.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Kubectl {
  run(args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<KubectlResult>;
  /** a long-running kubectl (e.g. get -w); kill it with .kill() */
  spawn(args: string[]): { child: ChildProcess; output: () => string };
}

export function createKubectl(kubeconfigFile: string): Kubectl {
  const bin = kubectlPath();
  const env = { ...process.env, KUBECONFIG: kubeconfigFile, HOME: process.env.HOME ?? '/tmp' };
  return {
    run(args, opts = {}) {
      return new Promise((resolve) => {
        const child = execFile(
          bin,
          args,
          { env, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 },
          (err, stdout, stderr) => {
            const code = err
              ? typeof (err as { code?: unknown }).code === 'number'
                ? (err as { code: number }).code
                : 1
              : 0;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) });
          },
        );
        if (opts.input !== undefined) child.stdin?.end(opts.input);
      });
    },
    spawn(args) {
      const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr?.on('data', (d: Buffer) => {
        out += d.toString();
      });
      return { child, output: () => out };
    },
  };
}
