import { stringify } from 'yaml';
import type { ScenarioBuilder } from '../builder.js';
import { addConfigMap, addSecret, addServiceAccount } from '../core/basics.js';
import { ctr } from '../core/containers.js';
import { addService } from '../core/network.js';
import { addDeployment } from '../core/workloads.js';
import { type HelmRelease, type HelmStatus, helmReleaseSecret } from '../helm-release.js';
import type { KubeObject } from '../types.js';

interface ChartInfo {
  name: string;
  version: string;
  appVersion: string;
  description: string;
}

function helmLabels(release: string, chart: ChartInfo, name = chart.name): Record<string, string> {
  return {
    'app.kubernetes.io/instance': release,
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/version': chart.appVersion,
    'helm.sh/chart': `${chart.name}-${chart.version}`,
  };
}

function helmAnnotations(release: string, ns: string): Record<string, string> {
  return { 'meta.helm.sh/release-name': release, 'meta.helm.sh/release-namespace': ns };
}

/** The rendered manifest document for a live object: what the chart's template produced. */
function rendered(obj: KubeObject): Record<string, unknown> {
  const { apiVersion, kind, metadata, status: _status, ...rest } = obj;
  const doc: Record<string, unknown> = { apiVersion, kind, metadata: { name: metadata.name, labels: metadata.labels } };
  for (const [k, v] of Object.entries(rest)) doc[k] = v;
  return doc;
}

function manifest(chart: string, docs: [string, Record<string, unknown>][]): string {
  return docs
    .map(([template, doc]) => `---\n# Source: ${chart}/templates/${template}\n${stringify(doc, { lineWidth: 0 })}`)
    .join('');
}

function retag(
  docs: [string, Record<string, unknown>][],
  from: string,
  to: string,
): [string, Record<string, unknown>][] {
  return docs.map(([t, d]) => [t, JSON.parse(JSON.stringify(d).replaceAll(from, to)) as Record<string, unknown>]);
}

interface Revision {
  version: number;
  status: HelmStatus;
  chart: ChartInfo;
  config: Record<string, unknown>;
  docs: [string, Record<string, unknown>][];
  agoSeconds: number;
  description: string;
}

function addRelease(
  b: ScenarioBuilder,
  release: string,
  ns: string,
  values: Record<string, unknown>,
  notes: string,
  revisions: Revision[],
): void {
  const first = revisions[0];
  if (!first) return;
  for (const r of revisions) {
    const rel: HelmRelease = {
      name: release,
      namespace: ns,
      version: r.version,
      info: {
        first_deployed: b.ago(first.agoSeconds),
        last_deployed: b.ago(r.agoSeconds),
        deleted: '',
        description: r.description,
        status: r.status,
        notes,
      },
      chart: {
        metadata: {
          name: r.chart.name,
          version: r.chart.version,
          appVersion: r.chart.appVersion,
          description: r.chart.description,
          apiVersion: 'v2',
          type: 'application',
        },
        lock: null,
        templates: r.docs.map(([t]) => ({
          name: `templates/${t}`,
          data: Buffer.from(
            `# ${t} template of ${r.chart.name}\n{{- include "${r.chart.name}.${t.replace('.yaml', '')}" . }}\n`,
          ).toString('base64'),
        })),
        values,
        schema: null,
        files: null,
      },
      config: r.config,
      manifest: manifest(r.chart.name, r.docs),
    };
    const secret = helmReleaseSecret(rel, Math.floor(new Date(b.ago(r.agoSeconds - 30)).getTime() / 1000));
    b.add(secret, r.agoSeconds);
  }
}

export function addHelmReleases(b: ScenarioBuilder): void {
  // checkout: three revisions, the last deployed.
  {
    const ns = 'payments';
    const chart: ChartInfo = {
      name: 'checkout',
      version: '1.4.2',
      appVersion: '2.3.1',
      description: 'Checkout service',
    };
    const labels = helmLabels('checkout', chart);
    const ann = helmAnnotations('checkout', ns);
    const sel = { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/instance': 'checkout' };
    const sa = addServiceAccount(b, ns, 'checkout', labels);
    sa.metadata.annotations = { ...ann };
    const cm = addConfigMap(b, {
      name: 'checkout',
      namespace: ns,
      labels,
      annotations: ann,
      data: { LOG_LEVEL: 'info', PAYMENT_GATEWAY_URL: 'http://payment-gateway.payments.svc' },
    });
    const d = addDeployment(b, {
      name: 'checkout',
      namespace: ns,
      replicas: 2,
      selector: sel,
      labels,
      annotations: ann,
      revision: 3,
      ageSeconds: 40 * 86400,
      containers: [ctr('checkout', 'ghcr.io/acme/checkout:2.3.1', { port: 8080, cpu: '200m', memory: '256Mi' })],
      serviceAccount: 'checkout',
    });
    const svc = addService(b, {
      name: 'checkout',
      namespace: ns,
      selector: sel,
      labels,
      annotations: ann,
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    });
    const docs: [string, Record<string, unknown>][] = [
      ['serviceaccount.yaml', rendered(sa)],
      ['configmap.yaml', rendered(cm)],
      ['service.yaml', rendered(svc)],
      ['deployment.yaml', rendered(d.deployment)],
    ];
    const v1 = retag(retag(docs, '2.3.1', '2.2.0'), 'checkout-1.4.2', 'checkout-1.3.0');
    const v2 = retag(retag(docs, '2.3.1', '2.3.0'), 'checkout-1.4.2', 'checkout-1.4.0');
    addRelease(
      b,
      'checkout',
      ns,
      { replicaCount: 1, image: { repository: 'ghcr.io/acme/checkout', tag: '' }, service: { port: 80 } },
      'Checkout is running at http://checkout.payments.svc',
      [
        {
          version: 1,
          status: 'superseded',
          chart: { ...chart, version: '1.3.0', appVersion: '2.2.0' },
          config: { replicaCount: 2 },
          docs: v1,
          agoSeconds: 40 * 86400,
          description: 'Install complete',
        },
        {
          version: 2,
          status: 'superseded',
          chart: { ...chart, version: '1.4.0', appVersion: '2.3.0' },
          config: { replicaCount: 2 },
          docs: v2,
          agoSeconds: 20 * 86400,
          description: 'Upgrade complete',
        },
        {
          version: 3,
          status: 'deployed',
          chart,
          config: { replicaCount: 2 },
          docs,
          agoSeconds: 13 * 86400,
          description: 'Upgrade complete',
        },
      ],
    );
  }
  // grafana: one deployed revision.
  {
    const ns = 'monitoring';
    const chart: ChartInfo = {
      name: 'grafana',
      version: '9.3.0',
      appVersion: '12.1.0',
      description: 'The leading tool for querying and visualizing time series and metrics.',
    };
    const labels = helmLabels('grafana', chart);
    const ann = helmAnnotations('grafana', ns);
    const sel = { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'grafana' };
    const sa = addServiceAccount(b, ns, 'grafana', labels);
    sa.metadata.annotations = { ...ann };
    const secret = addSecret(b, {
      name: 'grafana',
      namespace: ns,
      labels,
      annotations: ann,
      data: { 'admin-user': 'admin', 'admin-password': 'argus-demo', 'ldap-toml': '' },
    });
    const cm = addConfigMap(b, {
      name: 'grafana',
      namespace: ns,
      labels,
      annotations: ann,
      data: {
        'grafana.ini':
          '[analytics]\ncheck_for_updates = true\n[log]\nmode = console\n[paths]\ndata = /var/lib/grafana/\n',
        'datasources.yaml':
          'apiVersion: 1\ndatasources:\n- name: Prometheus\n  type: prometheus\n  url: http://prometheus-operated.monitoring.svc:9090\n  isDefault: true\n',
      },
    });
    const d = addDeployment(b, {
      name: 'grafana',
      namespace: ns,
      replicas: 1,
      selector: sel,
      labels,
      annotations: ann,
      ageSeconds: 60 * 86400,
      containers: [
        ctr('grafana', 'docker.io/grafana/grafana:12.1.0', {
          port: 3000,
          portName: 'grafana',
          cpu: '100m',
          memory: '256Mi',
        }),
      ],
      serviceAccount: 'grafana',
    });
    const svc = addService(b, {
      name: 'grafana',
      namespace: ns,
      selector: sel,
      labels,
      annotations: ann,
      ports: [{ name: 'service', port: 80, targetPort: 3000 }],
    });
    const docs: [string, Record<string, unknown>][] = [
      ['serviceaccount.yaml', rendered(sa)],
      ['secret.yaml', rendered(secret)],
      ['configmap.yaml', rendered(cm)],
      ['service.yaml', rendered(svc)],
      ['deployment.yaml', rendered(d.deployment)],
    ];
    addRelease(
      b,
      'grafana',
      ns,
      { replicas: 1, adminUser: 'admin', persistence: { enabled: false } },
      '1. Get your \'admin\' user password by running:\n\n   kubectl get secret --namespace monitoring grafana -o jsonpath="{.data.admin-password}" | base64 --decode ; echo\n',
      [
        {
          version: 1,
          status: 'deployed',
          chart,
          config: { adminPassword: 'argus-demo' },
          docs,
          agoSeconds: 60 * 86400,
          description: 'Install complete',
        },
      ],
    );
  }
  // report-exporter: revision 1 deployed, revision 2 failed (the live objects are still revision 1's).
  {
    const ns = 'analytics';
    const chart: ChartInfo = {
      name: 'report-exporter',
      version: '0.3.0',
      appVersion: '0.3.0',
      description: 'Exports reports to S3',
    };
    const labels = helmLabels('report-exporter', chart);
    const ann = helmAnnotations('report-exporter', ns);
    const sel = { 'app.kubernetes.io/name': 'report-exporter', 'app.kubernetes.io/instance': 'report-exporter' };
    const d = addDeployment(b, {
      name: 'report-exporter',
      namespace: ns,
      replicas: 1,
      selector: sel,
      labels,
      annotations: ann,
      ageSeconds: 10 * 86400,
      containers: [ctr('exporter', 'ghcr.io/acme/report-exporter:0.3.0', { port: 8080, cpu: '50m', memory: '128Mi' })],
    });
    const svc = addService(b, {
      name: 'report-exporter',
      namespace: ns,
      selector: sel,
      labels,
      annotations: ann,
      ports: [{ name: 'http', port: 8080, targetPort: 'http' }],
    });
    const docs: [string, Record<string, unknown>][] = [
      ['service.yaml', rendered(svc)],
      ['deployment.yaml', rendered(d.deployment)],
    ];
    const v2 = retag(
      retag(docs, 'report-exporter:0.3.0', 'report-exporter:0.4.0'),
      'report-exporter-0.3.0',
      'report-exporter-0.4.0',
    );
    addRelease(b, 'report-exporter', ns, { image: { tag: '' }, s3: { bucket: 'reports' } }, '', [
      {
        version: 1,
        status: 'deployed',
        chart,
        config: {},
        docs,
        agoSeconds: 10 * 86400,
        description: 'Install complete',
      },
      {
        version: 2,
        status: 'failed',
        chart: { ...chart, version: '0.4.0', appVersion: '0.4.0' },
        config: { s3: { bucket: 'reports-v2' } },
        docs: v2,
        agoSeconds: 2 * 86400,
        description: 'Upgrade "report-exporter" failed: context deadline exceeded',
      },
    ]);
  }
}
