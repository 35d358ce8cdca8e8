/**
 * Install artefacts: the manifest from POST /api/clusters/agent-token (presets, limits, probes), applied
 * for real with kubectl into kube-sim through its install_command; the Helm chart linted and rendered by
 * the real helm, with the same objects.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl, helmPath, kubectlPath } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { AGENT_PRESETS, agentPresetsYaml } from './agent-presets.js';
import { installCommand, presetRules, renderAgentManifest } from './install-manifest.js';

const chart = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'deploy', 'helm', 'argus-agent');
type Doc = { kind: string; metadata: { name: string }; [k: string]: unknown };
// biome-ignore lint/suspicious/noExplicitAny: manifest fields are read field by field
type Container = Record<string, any>;
const docsOf = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Doc | null)
    .filter((d): d is Doc => Boolean(d));

const input = {
  clusterName: 'edge',
  serverAddress: 'argus.example.com:9090',
  token: 'argusenr_test',
  preset: 'operator' as const,
  namespace: 'argus-agent',
  image: 'ghcr.io/argus-dashboard/argus-agent:0.1.0',
  insecure: false,
};

describe('agent install artefacts', () => {
  let sim: KubeSim;
  let dir: string;
  beforeAll(async () => {
    sim = await startKubeSim({ tls: true, scenario: 'empty' });
    dir = mkdtempSync(join(tmpdir(), 'argus-install-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
  });
  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders Namespace, ServiceAccount, preset ClusterRole, bindings, Secrets and a Deployment with limits and probes', () => {
    const docs = docsOf(renderAgentManifest(input));
    expect(docs.map((d) => d.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
      'Secret',
      'Secret',
      'Deployment',
    ]);
    const role = docs.find((d) => d.kind === 'ClusterRole') as unknown as { rules: Array<{ verbs: string[] }> };
    expect(role.rules[0]!.verbs).toContain('delete');
    const dep = docs.find((d) => d.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { containers: Container[] } } };
    };
    const c = dep.spec.template.spec.containers[0]!;
    expect(c.resources.limits).toEqual({ cpu: '500m', memory: '256Mi' });
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    expect(c.args).toContain('argus.example.com:9090');
    expect(c.args).not.toContain('--insecure');
    expect(JSON.stringify(c)).not.toContain('argusenr_test');
    expect(presetRules('read-only')[0]!.verbs).toEqual(['get', 'list', 'watch']);
    expect(presetRules('admin')[0]!.verbs).toEqual(['*']);
  });

  it('install_command applies the manifest with the real kubectl (no token in any URL)', async () => {
    const cmd = installCommand(renderAgentManifest({ ...input, insecure: true }), { insecure: true });
    expect(cmd).toMatch(/^# WARNING: /);
    expect(cmd).not.toMatch(/https?:\/\/\S*argusenr_/);
    const res = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('sh', ['-c', cmd], {
        env: { PATH: `${dirname(kubectlPath())}:${process.env.PATH}`, KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.on('exit', (code) => resolve({ code, out }));
    });
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain('deployment.apps/argus-agent created');
    const kubectl = createKubectl(join(dir, 'kubeconfig'));
    const secret = await kubectl.run([
      'get',
      'secret',
      'argus-agent-token',
      '-n',
      'argus-agent',
      '-o',
      'jsonpath={.data.token}',
    ]);
    expect(Buffer.from(secret.stdout, 'base64').toString()).toBe('argusenr_test');
  });

  it('the Helm chart lints and renders the same objects', () => {
    const helm = helmPath();
    const lint = spawnSync(
      helm,
      ['lint', chart, '--set', 'server=argus.example.com:9090', '--set', 'token=argusenr_test'],
      {
        encoding: 'utf8',
      },
    );
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    const rendered = spawnSync(
      helm,
      [
        'template',
        'argus-agent',
        chart,
        '-n',
        'argus-agent',
        '--set',
        'server=argus.example.com:9090',
        '--set',
        'token=argusenr_test',
        '--set',
        'preset=operator',
      ],
      { encoding: 'utf8' },
    );
    expect(rendered.status, rendered.stderr).toBe(0);
    const docs = docsOf(rendered.stdout);
    const kinds = docs.map((d) => d.kind).sort();
    expect(kinds).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'Deployment',
      'Role',
      'RoleBinding',
      'Secret',
      'Secret',
      'ServiceAccount',
    ]);
    const dep = docs.find((d) => d.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { containers: Container[] } } };
    };
    const c = dep.spec.template.spec.containers[0]!;
    expect(c.resources.limits).toEqual({ cpu: '500m', memory: '256Mi' });
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(c.args).toContain('argus-agent/argus-agent-credential');
    const missing = spawnSync(helm, ['template', 'x', chart, '--set', 'token=t'], { encoding: 'utf8' });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('set server');
    const bad = spawnSync(
      helm,
      ['template', 'x', chart, '--set', 'server=a:1', '--set', 'token=t', '--set', 'preset=root'],
      {
        encoding: 'utf8',
      },
    );
    expect(bad.stderr).toContain('preset must be');
  });

  it("the chart and the install manifest take each preset's rules from one definition (agent-presets.ts)", () => {
    // presets.yaml is generated from agent-presets.ts (scripts/generate-agent-presets.ts); stale = a failure here.
    expect(readFileSync(join(chart, 'presets.yaml'), 'utf8')).toBe(agentPresetsYaml());
    const helm = helmPath();
    for (const preset of AGENT_PRESETS) {
      const rendered = spawnSync(
        helm,
        ['template', 'x', chart, '--set', 'server=a:1', '--set', 'token=t', '--set', `preset=${preset}`],
        { encoding: 'utf8' },
      );
      expect(rendered.status, rendered.stderr).toBe(0);
      const fromChart = docsOf(rendered.stdout).find((d) => d.kind === 'ClusterRole');
      const fromManifest = docsOf(renderAgentManifest({ ...input, preset })).find((d) => d.kind === 'ClusterRole');
      expect(fromChart?.rules).toEqual(presetRules(preset));
      expect(fromManifest?.rules).toEqual(presetRules(preset));
    }
  });
});
