/** kube-sim in a child process (its memory is then not the server's): the real CLI, from source. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SimProcess {
  url: string;
  kubeconfig: string;
  child: ChildProcess;
  stop(): void;
}

export function spawnScaleSim(
  dir: string,
  name: string,
  pods: number,
  churn = 0,
  /** `related`: also a Service and an Event per Deployment; `seed`: other names per cluster. */
  extra: { related?: boolean; seed?: number } = {},
): Promise<SimProcess> {
  const out = join(dir, `${name}.kubeconfig`);
  const args = ['packages/kube-sim/bin/kube-sim.mjs', '--port', '0', '--scenario', 'scale', '--pods', String(pods)];
  if (churn) args.push('--churn', String(churn));
  if (extra.related) args.push('--related');
  if (extra.seed !== undefined) args.push('--seed', String(extra.seed));
  args.push('--kubeconfig-out', out);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  // Never leave a sim behind, even when the benchmark dies.
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('kube-sim did not start')), 60_000);
    let text = '';
    child.stdout?.on('data', async (d: Buffer) => {
      text += d.toString();
      const m = /at (https?:\/\/\S+) in/.exec(text);
      if (m && /kubeconfig written/.test(text)) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({
          url: m[1] as string,
          kubeconfig: await readFile(out, 'utf8'),
          child,
          stop: () => child.kill('SIGINT'),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`kube-sim exited ${code}`)));
  });
}
