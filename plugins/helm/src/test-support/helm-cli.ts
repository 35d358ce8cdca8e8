/** Tests only: the real helm 3.17 against a kube-sim kubeconfig, with its caches in the sim's directory. */
import { execFile } from 'node:child_process';
import { helmPath } from '@argus/kube-sim/testing';

export type HelmCli = (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

export function helmCli(sim: { dir: string; kubeconfig: string }): HelmCli {
  const bin = helmPath();
  const env = {
    HOME: sim.dir,
    HELM_CACHE_HOME: `${sim.dir}/helm-cache`,
    HELM_CONFIG_HOME: `${sim.dir}/helm-config`,
    HELM_DATA_HOME: `${sim.dir}/helm-data`,
  };
  return (args) =>
    new Promise((resolve) => {
      execFile(bin, [...args, '--kubeconfig', sim.kubeconfig], { env, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
    });
}
