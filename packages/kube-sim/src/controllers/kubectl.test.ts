/**
 * The real kubectl against startKubeSim(): logs, logs -f, exec, scale and rollout status, served by
 * the controllers, log and exec handlers of this package.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeSim, startKubeSim } from '../index.js';
import { findKubectl, kubectlRunner } from './kubectl-test-helpers.js';

const bin = findKubectl();

const manifest = `
apiVersion: v1
kind: Node
metadata:
  name: worker-1
status:
  conditions: [{ type: Ready, status: "True" }]
  addresses: [{ type: InternalIP, address: 172.18.0.2 }]
---
apiVersion: v1
kind: Node
metadata:
  name: worker-2
status:
  conditions: [{ type: Ready, status: "True" }]
  addresses: [{ type: InternalIP, address: 172.18.0.3 }]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          env: [{ name: GREETING, value: hello }]
`;

describe.skipIf(!bin)('kubectl against kube-sim (logs, exec, scale, rollout)', () => {
  let sim: KubeSim;
  let dir: string;
  let kubectl: ReturnType<typeof kubectlRunner>;
  let pod = '';

  beforeAll(async () => {
    sim = await startKubeSim({ scenario: 'empty', tls: true });
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-kubectl-'));
    const file = join(dir, 'kubeconfig');
    sim.writeKubeconfig(file);
    kubectl = kubectlRunner(bin!, file);
    const applied = await kubectl.run(['apply', '-f', '-'], manifest);
    expect(applied.stderr).toBe('');
    const status = await kubectl.run(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect(status.stdout).toContain('deployment "web" successfully rolled out');
    const pods = await kubectl.run(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}']);
    pod = pods.stdout.trim();
    expect(pod).toMatch(/^web-\w{10}-\w{5}$/);
  });

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('kubectl logs (tail, timestamps) and logs -f streams', async () => {
    const logs = await kubectl.run(['logs', pod]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    const tail = await kubectl.run(['logs', pod, '--tail=2', '--timestamps']);
    const lines = tail.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z /);
    const previous = await kubectl.run(['logs', pod, '--previous']);
    expect(previous.code).not.toBe(0);
    expect(previous.stderr).toContain(`previous terminated container "nginx" in pod "${pod}" not found`);

    const child = kubectl.spawn(['logs', '-f', '--tail=1', pod]);
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${seen.length} lines`)), 8000);
      child.stdout?.on('data', (chunk: Buffer) => {
        seen.push(...chunk.toString().split('\n').filter(Boolean));
        if (seen.length >= 3) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill();
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('kubectl exec -- echo hi, env, exit codes', async () => {
    const hi = await kubectl.run(['exec', pod, '--', 'echo', 'hi']);
    expect(hi).toMatchObject({ code: 0, stdout: 'hi\n' });
    const env = await kubectl.run(['exec', pod, '--', 'env']);
    expect(env.stdout).toContain('GREETING=hello\n');
    expect(env.stdout).toContain(`HOSTNAME=${pod}\n`);
    const failed = await kubectl.run(['exec', pod, '--', 'sh', '-c', 'exit 3']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain('command terminated with exit code 3');
    const missing = await kubectl.run(['exec', pod, '--', 'frobnicate']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('sh: frobnicate: not found');
  });

  it('kubectl scale and rollout status; a new image rolls out', async () => {
    expect((await kubectl.run(['scale', 'deployment/web', '--replicas=4'])).code).toBe(0);
    const scaled = await kubectl.run(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect(scaled.stdout).toContain('successfully rolled out');
    const pods = await kubectl.run(['get', 'pods', '-l', 'app=web', '--no-headers']);
    expect(pods.stdout.trim().split('\n')).toHaveLength(4);

    expect((await kubectl.run(['set', 'image', 'deployment/web', 'nginx=nginx:1.28'])).code).toBe(0);
    const rolled = await kubectl.run(['rollout', 'status', 'deployment/web', '--timeout=60s'], undefined, 70_000);
    expect(rolled.stdout).toContain('successfully rolled out');
    const images = await kubectl.run([
      'get',
      'pods',
      '-l',
      'app=web',
      '-o',
      'jsonpath={.items[*].spec.containers[0].image}',
    ]);
    expect(images.stdout.split(' ').sort()).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28', 'nginx:1.28']);

    expect((await kubectl.run(['scale', 'deployment/web', '--replicas=1'])).code).toBe(0);
    expect((await kubectl.run(['rollout', 'status', 'deployment/web', '--timeout=30s'])).code).toBe(0);
    const events = await kubectl.run(['get', 'events', '--field-selector', 'reason=ScalingReplicaSet', '-o', 'name']);
    expect(events.code).toBe(0);
  });
});
