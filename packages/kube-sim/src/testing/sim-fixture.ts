/** A sim plus a kubeconfig in a fresh temp dir (never ~/.kube) and a kubectl bound to it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeSim, type KubeSimOptions, startKubeSim } from '../index.js';
import { createKubectl, type Kubectl } from './kubectl-runner.js';

export interface SimFixture {
  sim: KubeSim;
  dir: string;
  kubeconfig: string;
  readonlyKubeconfig: string;
  kubectl: Kubectl;
  readonlyKubectl: Kubectl;
  close(): Promise<void>;
}

export async function startSimFixture(opts: KubeSimOptions = {}): Promise<SimFixture> {
  const sim = await startKubeSim({ scenario: 'empty', ...opts });
  const dir = mkdtempSync(join(tmpdir(), 'kube-sim-test-'));
  const kubeconfig = join(dir, 'admin.kubeconfig');
  const readonlyKubeconfig = join(dir, 'readonly.kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  sim.writeKubeconfig(readonlyKubeconfig, { token: 'readonly' });
  return {
    sim,
    dir,
    kubeconfig,
    readonlyKubeconfig,
    kubectl: createKubectl(kubeconfig),
    readonlyKubectl: createKubectl(readonlyKubeconfig),
    async close() {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, stepMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error('condition not met in time');
}
