/** Test helpers for code that drives kube-sim: the real kubectl and helm binaries, a kubeconfig-bound kubectl runner, a sim fixture. */
export { helmPath, kubectlPath, writeLayerBinary } from './binaries.js';
export { createKubectl, type Kubectl, type KubectlResult } from './kubectl-runner.js';
export { type SimFixture, startSimFixture, waitFor } from './sim-fixture.js';
