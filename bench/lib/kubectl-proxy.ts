/** The real `kubectl proxy` in front of a cluster: the baseline a user would otherwise have for lists. */
import { type ChildProcess, spawn } from 'node:child_process';
import { kubectlPath } from '@argus/kube-sim/testing';

export function startKubectlProxy(kubeconfig: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(kubectlPath(), ['proxy', '--port=0', '--address=127.0.0.1', `--kubeconfig=${kubeconfig}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('kubectl proxy did not start')), 20_000);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Starting to serve on ([\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://${m[1]}`, child });
      }
    });
    child.on('exit', (code) => reject(new Error(`kubectl proxy exited ${code}`)));
  });
}
