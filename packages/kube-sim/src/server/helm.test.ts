import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmPath } from '../testing/binaries.js';
import { type SimFixture, startSimFixture } from '../testing/sim-fixture.js';

let f: SimFixture;
let chart: string;

function helm(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    KUBECONFIG: f.kubeconfig,
    HELM_CACHE_HOME: join(f.dir, 'hc'),
    HELM_CONFIG_HOME: join(f.dir, 'hcfg'),
    HELM_DATA_HOME: join(f.dir, 'hd'),
  };
  return new Promise((resolve) => {
    execFile(helmPath(), args, { env, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? 1 : 0, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

beforeAll(async () => {
  f = await startSimFixture({ tls: true });
  chart = join(f.dir, 'chart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'replicas: 1\nmsg: hello\n');
  writeFileSync(
    join(chart, 'templates', 'all.yaml'),
    `apiVersion: v1
kind: ConfigMap
metadata: {name: "{{ .Release.Name }}-cfg"}
data: {msg: {{ .Values.msg | quote }}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: "{{ .Release.Name }}-web"}
spec:
  replicas: {{ .Values.replicas }}
  selector: {matchLabels: {app: "{{ .Release.Name }}"}}
  template:
    metadata: {labels: {app: "{{ .Release.Name }}"}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
`,
  );
});

afterAll(async () => {
  await f.close();
});

describe('real helm against kube-sim', () => {
  it('installs, upgrades, rolls back and uninstalls a chart', async () => {
    const install = await helm(['install', 'r1', chart, '--wait', '--timeout', '40s']);
    expect(install.stderr).toBe('');
    expect(install.stdout).toMatch(/STATUS: deployed/);
    expect((await helm(['upgrade', 'r1', chart, '--set', 'msg=bye,replicas=2'])).stdout).toMatch(/REVISION: 2/);
    expect((await f.kubectl.run(['get', 'cm', 'r1-cfg', '-o', 'jsonpath={.data.msg}'])).stdout).toBe('bye');
    expect((await helm(['rollback', 'r1', '1'])).stdout).toMatch(/Rollback was a success/);
    expect((await f.kubectl.run(['get', 'cm', 'r1-cfg', '-o', 'jsonpath={.data.msg}'])).stdout).toBe('hello');
    const history = await helm(['history', 'r1']);
    expect(history.stdout).toMatch(/1\s+.*superseded.*Install complete/);
    expect(history.stdout).toMatch(/3\s+.*deployed.*Rollback to 1/);
    const secrets = await f.kubectl.run(['get', 'secrets', '-l', 'owner=helm', '-o', 'name']);
    expect(secrets.stdout.trim().split('\n')).toEqual([
      'secret/sh.helm.release.v1.r1.v1',
      'secret/sh.helm.release.v1.r1.v2',
      'secret/sh.helm.release.v1.r1.v3',
    ]);
    expect((await helm(['uninstall', 'r1'])).stdout).toMatch(/release "r1" uninstalled/);
    expect((await f.kubectl.run(['get', 'deploy,cm,secrets', '-l', 'owner=helm', '-o', 'name'])).stdout.trim()).toBe(
      '',
    );
    expect((await f.kubectl.run(['get', 'deploy', 'r1-web'])).code).not.toBe(0);
  });
});
