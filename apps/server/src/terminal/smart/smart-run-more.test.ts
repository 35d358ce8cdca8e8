/**
 * POST /api/terminal/run, more commands, GOLDEN against the real kubectl on the same kube-sim (ages
 * normalised only): `get -o jsonpath`, `events`, `label`/`annotate`, `logs --since/--all-containers/deploy/NAME`,
 * `explain`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationsFixture, startOperationsFixture, until } from '../../test-support/operations-fixture.js';
import { expectGolden, kubectlRun, normaliseAges, smartRun } from './test-support/golden-kit.js';

const normalise = (text: string) => normaliseAges(text);

describe('smart terminal, more commands', () => {
  let f: OperationsFixture;
  const run = (command: string, token?: string, extra?: Record<string, unknown>) => smartRun(f, command, token, extra);
  const kubectl = (args: string[]) => kubectlRun(f, args);
  /** The smart terminal's answer equals kubectl's (ages normalised); retried once if an age ticked over. */
  const golden = (args: string[], command?: string) =>
    expectGolden(f, args, { ...(command ? { command } : {}), attempts: 2 });

  /**
   * Like golden, but lines compared as a sorted set, where kubectl's order is not reproducible (rows of equal
   * sort keys, containers in Go map order); every line's text and widths must still match.
   */
  async function goldenRows(args: string[]) {
    const rows = (text: string) => normalise(text).split('\n').sort();
    for (let attempt = 0; ; attempt++) {
      const want = await kubectl(args);
      const got = await run(args.join(' '));
      const same = rows(got.output).join('\n') === rows(want.output).join('\n') && got.exit_code === want.exit_code;
      // logs gain a line a second: a loaded machine may need another try to read both within the same second
      if (same || attempt === 3) {
        expect({ rows: rows(got.output), exit_code: got.exit_code }).toEqual({
          rows: rows(want.output),
          exit_code: want.exit_code,
        });
        return got;
      }
    }
  }

  beforeAll(async () => {
    f = await startOperationsFixture();
    await until(
      'web pods',
      async () => (await f.kget(['pods', '-n', 'shop', '-l', 'app=web', '--no-headers'])).split('\n').length === 2,
    );
  }, 120_000);
  afterAll(() => f?.stop());

  it('prints -o jsonpath templates like kubectl', async () => {
    await golden(['get', 'deployment', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}']);
    await golden(['get', 'pods', '-A', '-o', 'jsonpath={.items[*].metadata.name}']);
    await golden(
      [
        'get',
        'pods',
        '-n',
        'shop',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}',
      ],
      `get pods -n shop -o 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'`,
    );
    await golden(['get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.metadata.labels}']);
    await golden(
      ['get', 'deploy', 'web', '-n', 'shop', '-o=jsonpath=name: {.metadata.name} missing: {.nope}'],
      `get deploy web -n shop '-o=jsonpath=name: {.metadata.name} missing: {.nope}'`,
    );
    await golden(['get', 'deploy', '-A', '-o', 'jsonpath={.items[0].spec.template.spec.containers[0].image}']);
    await golden(['get', 'pods', '-n', 'empty-ns', '-o', 'jsonpath={.items[*].metadata.name}']);
    await golden(['get', 'pods', '-n', 'shop', '-o', 'jsonpath']);
    // unsupported neighbours say so, in kubectl's manner, and exit 1
    const asJson = await run(`get pods -n shop -o 'jsonpath-as-json={.items[*].metadata.name}'`);
    expect(asJson).toEqual({
      output:
        'error: the smart terminal does not support -o jsonpath-as-json (use json, yaml, name, wide, jsonpath or custom-columns)\n',
      exit_code: 1,
    });
  });

  it('prints events like kubectl events', async () => {
    const pod = (await f.kget(['pods', '-n', 'shop', '-l', 'app=web', '-o', 'name'])).split('\n')[0]!;
    await goldenRows(['events', '-n', 'shop']);
    await goldenRows(['events', '-A']);
    await golden(['events', '-n', 'shop', '--for', pod]);
    await golden(['events', '-n', 'shop', '--for', 'deployment/web']);
    await golden(['events', '-n', 'shop', '--types=Warning']);
    await golden(['events', '-n', 'empty-ns']);
    await goldenRows(['events', '-A', '--no-headers']);
    expect(await run('events -n shop -o json')).toEqual({
      output: 'error: the smart terminal prints events as a table only\n',
      exit_code: 1,
    });
  });

  it('labels and annotates like kubectl, as the user', async () => {
    // kubectl and the smart terminal each work on their own copy of the same objects
    for (const n of ['lab-k', 'lab-s'])
      await f.kubectl.run(['create', 'configmap', n, '-n', 'shop', '--from-literal=a=b']);
    const both = async (verb: string, rest: string[]) => {
      const want = await kubectl([verb, 'configmap', 'lab-k', '-n', 'shop', ...rest]);
      const got = await run([verb, 'configmap', 'lab-s', '-n', 'shop', ...rest].join(' '));
      expect(got).toEqual({ output: want.output.replaceAll('lab-k', 'lab-s'), exit_code: want.exit_code });
    };
    await both('label', ['tier=gold', 'team=a']);
    await both('label', ['tier=silver']);
    await both('label', ['tier=silver', '--overwrite']);
    await both('label', ['tier=silver']);
    await both('label', ['team-']);
    await both('label', ['team-']);
    await both('label', []);
    await both('annotate', ['note=hello']);
    await both('annotate', ['note=bye']);
    await both('annotate', ['note=bye', '--overwrite']);
    await both('annotate', ['note-']);
    const labels = async (n: string) => f.kget(['configmap', n, '-n', 'shop', '-o', 'jsonpath={.metadata.labels}']);
    expect(await labels('lab-s')).toBe(await labels('lab-k'));
    expect(await labels('lab-s')).toBe('{"tier":"silver"}');
    await golden(['label', 'pod', 'nope', '-n', 'shop', 'a=b']);
    await golden(['label', 'configmap/lab-s', '-n', 'shop', '--overwrite', 'tier=bronze']);
    const viewer = await run('label configmap lab-s -n shop x=y', f.viewer);
    expect(viewer.exit_code).toBe(1);
    expect(viewer.output).toMatch(/^Error from server \(Forbidden\): .+\n$/);
    await until('audit row', async () => {
      const log = await f.api<{ items: { user_email: string | null; method: string; path: string }[] }>(
        'GET',
        `/api/audit-log?cluster_id=${f.id}&limit=200`,
        f.s.adminToken,
      );
      return log.body.items.some((e) => e.method === 'PATCH' && e.path.includes('/configmaps/lab-s'));
    });
  });

  it('prints logs with --since, --all-containers and for workloads like kubectl', async () => {
    const pod = (await f.kget(['pods', '-n', 'payments', '-l', 'app=ledger', '-o', 'name'])).replace('pod/', '');
    await golden(['logs', pod, '-n', 'payments', '--since=1h']);
    await golden(['logs', pod, '-n', 'payments', '--since', '10m', '--tail=3']);
    await golden(['logs', pod, '-n', 'payments', '--all-containers']);
    await golden(['logs', pod, '-n', 'payments', '--since=nonsense']);
    await golden(['logs', 'deploy/ledger', '-n', 'payments']);
    await golden(['logs', 'deployment/nope', '-n', 'payments']);
    // a workload whose pod has two containers
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'duo', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'duo' } },
        template: {
          metadata: { labels: { app: 'duo' } },
          spec: {
            containers: [
              { name: 'app', image: 'nginx:1.27' },
              { name: 'sidecar', image: 'fluent-bit:3.0' },
            ],
          },
        },
      },
    };
    const applied = await f.kubectl.run(['apply', '-f', '-'], { input: JSON.stringify(manifest) });
    expect(applied.code).toBe(0);
    await until('duo running', async () =>
      (await f.kget(['pods', '-n', 'shop', '-l', 'app=duo', '--no-headers'])).includes('Running'),
    );
    // kubectl walks the containers in Go map order (random): their lines are compared as a set
    const all = await goldenRows(['logs', 'deploy/duo', '-n', 'shop', '--all-containers']);
    await goldenRows(['logs', 'deploy/duo', '-n', 'shop', '--all-containers', '--tail=1']);
    const sidecar = await golden(['logs', 'deploy/duo', '-n', 'shop', '-c', 'sidecar']);
    expect(sidecar.output).not.toBe('');
    // both containers' lines (the logs may grow between the calls: compare lines, not whole texts)
    const sidecarLines = new Set(sidecar.output.split('\n').filter(Boolean));
    const allLines = all.output.split('\n').filter(Boolean);
    expect(allLines).toContain(sidecar.output.split('\n')[0]);
    expect(allLines.some((l) => !sidecarLines.has(l))).toBe(true);
    // several pods: kubectl tells which one it reads (on stderr, before the logs)
    const want = await f.kubectl.run(['logs', 'deploy/web', '-n', 'shop', '--tail=2']);
    const got = await run('logs deploy/web -n shop --tail=2');
    expect(want.stderr).toMatch(/^Found 2 pods, using pod\/web-/);
    expect(got).toEqual({ output: want.stderr + want.stdout, exit_code: want.code });
  });

  it('explains kinds and fields from the cluster’s OpenAPI like kubectl', async () => {
    await golden(['explain', 'configmap']);
    await golden(['explain', 'deployment.spec.replicas']);
    await golden(['explain', 'pod.spec.nodeName']);
    await golden(['explain', 'deployments.spec']);
    await golden(['explain', 'pods.spec.containers']);
    await golden(['explain', 'pods']);
    await golden(['explain', 'deployment.metadata']);
    await golden(['explain', 'deployment.spec.template.spec.containers.ports']);
    await golden(['explain', 'deployment.spec.selector']);
    await golden(['explain', 'statefulsets.apps.spec.selector']);
    await golden(['explain', 'nodes.spec']);
    await golden(['explain', 'cronjobs']);
    await golden(['explain', 'deployment.spec.strategy.rollingUpdate.maxSurge']);
    await golden(['explain', 'deploy.spec.nope']);
    await golden(['explain', 'widgets']);
    await golden(['explain', 'pods', '--recursive']);
    const viewer = await run('explain deployment.spec.replicas', f.viewer);
    expect(viewer.exit_code).toBe(0);
    expect(viewer.output).toContain('FIELD: replicas <integer>');
  });
});
