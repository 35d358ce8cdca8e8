import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFixture, startSimFixture, waitFor } from '../testing/sim-fixture.js';

let f: SimFixture;

beforeAll(async () => {
  f = await startSimFixture({ tls: true });
  await f.kubectl.run(['create', 'deployment', 'web', '--image=nginx:1.27']);
  await waitFor(
    async () =>
      (
        await f.kubectl.run(['get', 'pods', '-l', 'app=web', '--field-selector=status.phase=Running', '-o', 'name'])
      ).stdout.trim() !== '',
    20_000,
    200,
  );
});

afterAll(async () => {
  await f.close();
});

async function podName(): Promise<string> {
  return (
    await f.kubectl.run(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}'])
  ).stdout.trim();
}

describe('pod subresources through the router', () => {
  it('kubectl logs and logs --tail', async () => {
    const pod = await podName();
    const r = await f.kubectl.run(['logs', pod, '--tail=3']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    const d = await f.kubectl.run(['logs', 'deployment/web', '--tail=1']);
    expect(d.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('kubectl logs -f streams', async () => {
    const pod = await podName();
    const follow = f.kubectl.spawn(['logs', '-f', pod, '--tail=1']);
    await waitFor(() => follow.output().trim().split('\n').length >= 2, 20_000, 100);
    follow.child.kill();
  });

  it('kubectl exec -- echo hi', async () => {
    const pod = await podName();
    const r = await f.kubectl.run(['exec', pod, '--', 'echo', 'hi']);
    expect(r.stdout).toBe('hi\n');
  });

  it('the read-only token may read logs but not exec', async () => {
    const pod = await podName();
    expect((await f.readonlyKubectl.run(['logs', pod, '--tail=1'])).code).toBe(0);
    const r = await f.readonlyKubectl.run(['exec', pod, '--', 'echo', 'hi']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/forbidden/i);
  });
});
