/**
 * The smart terminal's later additions, GOLDEN against the real kubectl on the same kube-sim: `-o
 * custom-columns`, `explain --recursive`, and `label`/`annotate` with `-l SELECTOR` or `--all` (each write
 * run by the smart terminal and by kubectl from the same starting state: the same words).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationsFixture, startOperationsFixture, until } from '../../test-support/operations-fixture.js';
import { kubectlRun, normaliseAges, smartRun } from './test-support/golden-kit.js';

const normalise = (text: string) => normaliseAges(text);

describe('smart terminal: custom-columns, explain --recursive, label -l/--all', () => {
  let f: OperationsFixture;
  const run = (command: string) => smartRun(f, command);
  const kubectl = (args: string[]) => kubectlRun(f, args);
  const quote = (a: string) => (/[\s'"()*]/.test(a) ? `'${a}'` : a);
  async function golden(args: string[]) {
    const want = await kubectl(args);
    const got = await run(args.map(quote).join(' '));
    expect({ output: normalise(got.output), exit_code: got.exit_code }).toEqual({
      output: normalise(want.output),
      exit_code: want.exit_code,
    });
    return got;
  }
  /** A write: the smart terminal's answer, then `reset`, then kubectl's answer from the same state. */
  async function goldenWrite(args: string[], reset: string[]) {
    const got = await run(args.map(quote).join(' '));
    await kubectl(reset);
    const want = await kubectl(args);
    expect(got).toEqual(want);
    return got;
  }

  beforeAll(async () => {
    f = await startOperationsFixture();
    await until(
      'web pods',
      async () => (await f.kget(['pods', '-n', 'shop', '-l', 'app=web', '--no-headers'])).split('\n').length === 2,
    );
  }, 120_000);
  afterAll(() => f?.stop());

  it('prints -o custom-columns like kubectl', async () => {
    const out = await golden([
      'get',
      'pods',
      '-n',
      'shop',
      '-o',
      'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,NODE:.spec.nodeName',
    ]);
    expect(out.output).toMatch(/^NAME\s+IMAGE\s+NODE\n/);
    await golden([
      'get',
      'deploy',
      '-A',
      '-o',
      'custom-columns=NS:metadata.namespace,N:{.metadata.name},R:.spec.replicas',
    ]);
    await golden([
      'get',
      'deploy',
      'web',
      '-n',
      'shop',
      '-o',
      'custom-columns=X:.spec.nope,L:.spec.selector.matchLabels',
    ]);
    await golden(['get', 'deploy', '-n', 'shop', '--no-headers', '-o', 'custom-columns=A:.metadata.name']);
    await golden(['get', 'deploy', '-n', 'shop', '--sort-by=.metadata.name', '-o', 'custom-columns=A:.metadata.name']);
    await golden(['get', 'nodes', '-o', 'custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu']);
    await golden(['get', 'pods', '-n', 'empty-ns', '-o', 'custom-columns=A:.metadata.name']);
    await golden(['get', 'pods', '-n', 'shop', '-o', 'custom-columns=']);
    await golden(['get', 'pods', '-n', 'shop', '-o', 'custom-columns=NAME']);
  });

  it('explains --recursive like kubectl', async () => {
    const out = await golden(['explain', 'deployment.spec.strategy', '--recursive']);
    expect(out.output).toMatch(/\nFIELDS:\n {2}rollingUpdate\t<Object>\n {4}maxSurge/);
    await golden(['explain', 'configmap', '--recursive']);
    await golden(['explain', 'pods.spec.containers.ports', '--recursive']);
    await golden(['explain', 'cronjobs.spec.jobTemplate.spec.template.spec.volumes', '--recursive']);
    await golden(['explain', 'pods.spec.nope.x']);
    await golden(['explain', 'pods.spec.volumes', '--recursive']);
  });

  it('labels and annotates what -l and --all find, in kubectl’s words', async () => {
    const labelled = await goldenWrite(
      ['label', 'pods', '-l', 'app=web', 'tier=front', '-n', 'shop'],
      ['label', 'pods', '-l', 'app=web', 'tier-', '-n', 'shop'],
    );
    expect(labelled.output).toMatch(/^pod\/web-\S+ labeled\npod\/web-\S+ labeled\n$/);
    await goldenWrite(
      ['label', 'pods', '-l', 'app=web', 'tier-', '-n', 'shop'],
      ['label', 'pods', '-l', 'app=web', 'tier=front', '-n', 'shop'],
    );
    await goldenWrite(
      ['label', 'deploy', '--all', 'team=shop', '-n', 'shop'],
      ['label', 'deploy', '--all', 'team-', '-n', 'shop'],
    );
    await goldenWrite(
      ['label', 'deploy', '--all', 'team=shop', '-n', 'shop'],
      ['label', 'deploy', '--all', 'team=shop', '-n', 'shop'],
    );
    await goldenWrite(
      ['annotate', 'deploy', '-l', 'team=shop', 'note=hi', '-n', 'shop'],
      ['annotate', 'deploy', '-l', 'team=shop', 'note-', '-n', 'shop'],
    );
    await golden(['label', 'pods', '-l', 'app=nope', 'x=y', '-n', 'shop']);
    await golden(['label', 'pods', 'cache-0', '-l', 'app=web', 'x=y', '-n', 'shop']);
    await golden(['label', 'pods', '--all', '-l', 'app=web', 'x=y', '-n', 'shop']);
    await golden(['label', 'pods', 'x=y', '-n', 'shop']);
  });
});
