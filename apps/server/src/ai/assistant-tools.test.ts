/**
 * The assistant's tools against kube-sim as an operator of `shop`: the read tools answer what kubectl would, as
 * the user (diagnose finds a crash loop with its last log lines); the other writes (apply with its dry-run
 * diff, restart, roll back, delete) wait for the card and happen only when approved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../test-support/operations-fixture.js';
import { type AssistantKit, framesOf, startAssistantKit } from './test-support/assistant-kit.js';

let k: AssistantKit;

beforeAll(async () => {
  k = await startAssistantKit('openai');
  await k.configure();
  const r = await k.f.kubectl.run(['apply', '-f', '-'], {
    input: `apiVersion: apps/v1
kind: Deployment
metadata: { name: crashy, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: crashy } }
  template:
    metadata: { labels: { app: crashy }, annotations: { kube-sim/crash: "true" } }
    spec:
      containers: [{ name: worker, image: "busybox:1.36" }]
`,
  });
  if (r.code !== 0) throw new Error(r.stderr);
  await until(
    'crashy restarting',
    async () =>
      Number(
        await k.f.kget([
          'pods',
          '-n',
          'shop',
          '-l',
          'app=crashy',
          '-o',
          'jsonpath={.items[0].status.containerStatuses[0].restartCount}',
        ]),
      ) >= 1,
    90_000,
  );
});
afterAll(() => k?.stop());

/** What the model received as the result of each tool call of the last turn. */
function toolResults(): string {
  const msgs = k.fake.received.at(-1)!.messages as { role: string; content: string }[];
  return msgs
    .filter((m) => m.role === 'tool')
    .map((m) => m.content)
    .join('\n');
}

describe('read tools', () => {
  it('answer as kubectl would, as the user', async () => {
    k.fake.script(
      {
        toolCalls: [
          { name: 'list_clusters', arguments: {} },
          { name: 'rollout_history', arguments: { kind: 'deployment', name: 'web', namespace: 'shop' } },
          { name: 'can_i', arguments: { verb: 'delete', kind: 'pods', namespace: 'payments' } },
          { name: 'explain', arguments: { field: 'deployment.spec.replicas' } },
          { name: 'search_resources', arguments: { query: 'ledger' } },
          { name: 'list_events', arguments: { namespace: 'shop', warnings_only: true } },
          { name: 'top', arguments: { what: 'pods', namespace: 'shop' } },
          { name: 'search_knowledge', arguments: { query: 'pod in CrashLoopBackOff' } },
        ],
      },
      { text: 'done' },
    );
    const c = await k.conversation(k.f.shopOperator);
    const frames = await k.send(k.f.shopOperator, c, 'tell me about web', { cluster_id: k.f.id, namespace: 'shop' });
    expect(framesOf(frames, 'tool_result').map((r) => [r.name, r.ok])).toEqual([
      ['list_clusters', true],
      ['rollout_history', true],
      ['can_i', true],
      ['explain', true],
      ['search_resources', true],
      ['list_events', true],
      ['top', true],
      ['search_knowledge', true],
    ]);
    const seen = toolResults();
    expect(seen).toContain('"name": "ops"');
    expect(seen).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s/);
    expect(seen).toMatch(/trust="untrusted">\nno\n/); // shop's operator may not delete in payments
    expect(seen).toMatch(/FIELD:\s+replicas <integer>/);
    expect(seen).not.toContain('ledger'); // payments is not the operator's: search shows nothing there
    expect(seen).toMatch(/tool="search_knowledge" trust="untrusted">\n\[1\] [^\n]+\((kb|runbook):/);
    expect(seen).toMatch(/NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)[^<]*\nweb-[a-z0-9-]+\s+\d+m\s+\d+Mi/);
  });

  it('diagnose finds the crash loop with its last log lines, and describe gives the owner chain', async () => {
    const pod = await k.f.kget(['pods', '-n', 'shop', '-l', 'app=crashy', '-o', 'jsonpath={.items[0].metadata.name}']);
    k.fake.script(
      {
        toolCalls: [
          { name: 'diagnose', arguments: { namespace: 'shop' } },
          { name: 'describe_resource', arguments: { kind: 'pod', name: pod, namespace: 'shop' } },
        ],
      },
      { text: 'crashy crashes' },
    );
    const c = await k.conversation(k.f.shopOperator);
    await k.send(k.f.shopOperator, c, 'what is wrong in shop?', { cluster_id: k.f.id });
    const seen = toolResults();
    expect(seen).toMatch(new RegExp(`\\[critical\\] crash_loop shop/pod/${pod}: container worker is crash-looping`));
    expect(seen).toMatch(/last log lines:\n[^<]*Error: unexpected EOF/); // busybox's last words, from the crashed container
    expect(seen).toMatch(new RegExp(`Owner chain: pod/${pod} → ReplicaSet/crashy-[a-z0-9]+ → Deployment/crashy`));
  });
});

describe('writes after approval', () => {
  async function card(args: { name: string; arguments: Record<string, unknown> }, ask: string) {
    k.fake.script({ toolCalls: [args] }, { text: 'Done.' });
    const c = await k.conversation(k.f.shopOperator);
    const frames = await k.send(k.f.shopOperator, c, ask, { cluster_id: k.f.id, namespace: 'shop' });
    const confirmation = framesOf(frames, 'confirmation')[0];
    if (!confirmation) throw new Error(`no card: ${JSON.stringify(frames)}`);
    return confirmation;
  }
  const approve = async (id: string) => {
    const r = await k.decide(k.f.shopOperator, id, 'approve');
    expect(r.status).toBe(200);
    expect(framesOf(r.frames, 'tool_result')[0]!.ok).toBe(true);
    return r;
  };

  it('apply_yaml shows the dry-run diff and creates the object only when approved', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { mode: fast }\n';
    const c = await card({ name: 'apply_yaml', arguments: { yaml } }, 'create a configmap settings');
    expect(c.summary).toBe('Apply ConfigMap shop/settings (created)');
    expect(c.diff).toMatch(/\+\s*mode: fast/);
    expect(await k.f.kget(['configmaps', '-n', 'shop', '-o', 'name'])).not.toContain('settings');
    await approve(c.id);
    expect(await k.f.kget(['configmap', 'settings', '-n', 'shop', '-o', 'jsonpath={.data.mode}'])).toBe('fast');
  });

  it('apply_yaml refuses Secrets: their values would pass through the model', async () => {
    const yaml = 'apiVersion: v1\nkind: Secret\nmetadata: { name: token }\nstringData: { token: abc }\n';
    k.fake.script({ toolCalls: [{ name: 'apply_yaml', arguments: { yaml } }] }, { text: 'I cannot.' });
    const c = await k.conversation(k.f.shopOperator);
    const frames = await k.send(k.f.shopOperator, c, 'create a secret', { cluster_id: k.f.id, namespace: 'shop' });
    expect(framesOf(frames, 'confirmation')).toHaveLength(0);
    expect(framesOf(frames, 'tool_result')[0]!.summary).toMatch(/does not apply Secrets/);
  });

  it('restart_rollout and rollback change the deployment only when approved', async () => {
    const restart = await card(
      { name: 'restart_rollout', arguments: { kind: 'deployment', name: 'web' } },
      'restart web',
    );
    const annotation = () =>
      k.f.kget([
        'deployment',
        'web',
        '-n',
        'shop',
        '-o',
        "jsonpath={.spec.template.metadata.annotations['kubectl\\.kubernetes\\.io/restartedAt']}",
      ]);
    expect(await annotation()).toBe('');
    await approve(restart.id);
    expect(await annotation()).not.toBe('');

    const image = () =>
      k.f.kget(['deployment', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    await k.f.kubectl.run(['rollout', 'status', '-n', 'shop', 'deployment/web', '--timeout=30s']);
    const back = await card(
      { name: 'rollback', arguments: { kind: 'deployment', name: 'web', revision: 1 } },
      'roll web back to 1',
    );
    expect(back.summary).toBe('Roll back Deployment shop/web to revision 1');
    expect(await image()).toBe('nginx:1.27');
    await approve(back.id);
    expect(await image()).toBe('nginx:1.26');
  });

  it('delete_resource shows the object and deletes it only when approved', async () => {
    const c = await card(
      { name: 'delete_resource', arguments: { kind: 'configmap', name: 'settings' } },
      'delete settings',
    );
    expect(c.diff).toMatch(/-\s*mode: fast/);
    expect(await k.f.kget(['configmap', 'settings', '-n', 'shop', '-o', 'name'])).toBe('configmap/settings');
    await approve(c.id);
    await until(
      'deleted',
      async () => !(await k.f.kget(['configmaps', '-n', 'shop', '-o', 'name'])).includes('settings'),
    );
  });
});
