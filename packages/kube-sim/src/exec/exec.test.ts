import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExecTestServer, execOverWebSocket, execQuery, runningPod, startExecServer } from './exec-test-helpers.js';
import type { PodShape } from './pod-shape.js';

const base = '/api/v1/namespaces/default/pods';
const stdin = (text: string) => Buffer.concat([Buffer.from([0]), Buffer.from(text)]);

describe('exec over WebSocket', () => {
  let server: ExecTestServer;
  const pending: PodShape = {
    metadata: { name: 'pending', namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase: 'Pending' },
  };
  beforeAll(async () => {
    server = await startExecServer([
      runningPod('web', [{ name: 'nginx', image: 'nginx:1.27', env: { GREETING: 'hello' } }]),
      runningPod('multi', [
        { name: 'a', image: 'alpine:3.20' },
        { name: 'b', image: 'busybox' },
      ]),
      pending,
    ]);
  });
  afterAll(async () => server.close());

  it('v5: echo hi writes stdout and a Success status, then closes normally', async () => {
    const r = await execOverWebSocket(`${server.url}${base}/web/exec?${execQuery(['echo', 'hi'])}`, {
      protocols: ['v5.channel.k8s.io'],
    });
    expect(r.protocol).toBe('v5.channel.k8s.io');
    expect(r.stdout).toBe('hi\n');
    expect(JSON.parse(r.error)).toEqual({ metadata: {}, status: 'Success' });
    expect(r.closeCode).toBe(1000);
  });

  it('v4: echo hi, preferring v5 when both are offered', async () => {
    const r4 = await execOverWebSocket(`${server.url}${base}/web/exec?${execQuery(['echo', 'hi'])}`, {
      protocols: ['v4.channel.k8s.io'],
    });
    expect(r4.protocol).toBe('v4.channel.k8s.io');
    expect(r4.stdout).toBe('hi\n');
    expect(JSON.parse(r4.error).status).toBe('Success');
    const both = await execOverWebSocket(`${server.url}${base}/web/exec?${execQuery(['true'])}`, {
      protocols: ['v4.channel.k8s.io', 'v5.channel.k8s.io'],
    });
    expect(both.protocol).toBe('v5.channel.k8s.io');
  });

  it('nonzero exit gives NonZeroExitCode with the ExitCode cause', async () => {
    const r = await execOverWebSocket(`${server.url}${base}/web/exec?${execQuery(['sh', '-c', 'exit 3'])}`, {
      protocols: ['v5.channel.k8s.io'],
    });
    const status = JSON.parse(r.error);
    expect(status.status).toBe('Failure');
    expect(status.reason).toBe('NonZeroExitCode');
    expect(status.details.causes).toEqual([{ reason: 'ExitCode', message: '3' }]);
  });

  it('unknown command: stderr "sh: X: not found", exit 127', async () => {
    const r = await execOverWebSocket(`${server.url}${base}/web/exec?${execQuery(['frobnicate'])}`, {
      protocols: ['v4.channel.k8s.io'],
    });
    expect(r.stderr).toBe('sh: frobnicate: not found\n');
    expect(JSON.parse(r.error).details.causes[0].message).toBe('127');
  });

  it('v1 channel.k8s.io: plain output, a text error only on failure', async () => {
    const ok = await execOverWebSocket(`${server.url}${base}/web/exec?${execQuery(['hostname'])}`, {
      protocols: ['channel.k8s.io'],
    });
    expect(ok.stdout).toBe('web\n');
    expect(ok.error).toBe('');
    const bad = await execOverWebSocket(`${server.url}${base}/web/exec?${execQuery(['false'])}`, {
      protocols: ['channel.k8s.io'],
    });
    expect(bad.error).toContain('exit code 1');
  });

  it('env, hostname, cat and ls reflect the pod', async () => {
    const script = 'env; echo ---; cat /etc/hostname /etc/os-release; ls /etc; pwd; cd /tmp && pwd; echo $GREETING';
    const r = await execOverWebSocket(`${server.url}${base}/web/exec?${execQuery(['sh', '-c', script])}`, {
      protocols: ['v5.channel.k8s.io'],
    });
    const [env, rest] = r.stdout.split('---\n');
    expect(env).toContain('GREETING=hello\n');
    expect(env).toContain('HOSTNAME=web\n');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(rest).toContain('web\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect(rest).toContain('hostname\nhosts\n');
    expect(rest!.endsWith('/\n/tmp\nhello\n')).toBe(true);
  });

  it('pipelines through head, grep and wc', async () => {
    const script =
      'cat /etc/os-release | head -n 2 | wc -l; env | grep GREETING; ls /etc | grep -c host; echo a || echo b';
    const r = await execOverWebSocket(`${server.url}${base}/web/exec?${execQuery(['sh', '-c', script])}`, {
      protocols: ['v5.channel.k8s.io'],
    });
    expect(r.stdout).toBe('2\nGREETING=hello\n2\na\n');
    expect(JSON.parse(r.error).status).toBe('Success');
  });

  it('interactive tty: prompt, echo, backspace, resize, exit code', async () => {
    const q = execQuery(['sh'], { stdin: true, stdout: true, stderr: true, tty: true });
    const r = await execOverWebSocket(`${server.url}${base}/web/exec?${q}`, {
      protocols: ['v5.channel.k8s.io'],
      send: [
        Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":120,"Height":40}')]),
        stdin('echo hx\x7fi\r'),
        stdin('nope\r'),
        stdin('exit 4\r'),
      ],
    });
    expect(r.stdout).toContain('/ # ');
    expect(r.stdout).toContain('echo hx\b \bi\r\nhi\r\n');
    expect(r.stdout).toContain('sh: nope: not found\r\n');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.error).details.causes[0].message).toBe('4');
  });

  it('interactive without tty: lines from stdin, v5 close of stdin ends the shell', async () => {
    const q = execQuery(['/bin/sh'], { stdin: true, stdout: true, stderr: true });
    const r = await execOverWebSocket(`${server.url}${base}/web/exec?${q}`, {
      protocols: ['v5.channel.k8s.io'],
      send: [stdin('echo one\necho two'), Buffer.from([255, 0])],
    });
    expect(r.stdout).toBe('one\ntwo\n');
    expect(JSON.parse(r.error).status).toBe('Success');
  });

  it('errors as the API server gives them, before the upgrade', async () => {
    const url = (pod: string, q: string) => `${server.url}${base}/${pod}/exec?${q}`;
    const opts = { protocols: ['v5.channel.k8s.io'] };
    await expect(execOverWebSocket(url('nosuch', execQuery(['ls'])), opts)).rejects.toThrow(
      /404 .*pods \\"nosuch\\" not found/,
    );
    await expect(execOverWebSocket(url('multi', execQuery(['ls'])), opts)).rejects.toThrow(
      /400 .*a container name must be specified for pod multi, choose one of: \[a b\]/,
    );
    await expect(execOverWebSocket(url('multi', `${execQuery(['ls'])}&container=c`), opts)).rejects.toThrow(
      /container c is not valid for pod multi/,
    );
    await expect(execOverWebSocket(url('pending', execQuery(['ls'])), opts)).rejects.toThrow(
      /400 .*pod pending does not have a host assigned/,
    );
    const r = await execOverWebSocket(url('multi', `${execQuery(['cat', '/etc/os-release'])}&container=a`), opts);
    expect(r.stdout).toContain('Alpine Linux');
  });
});
