/** Tests only: a tiny chart (ConfigMap, Deployment, NOTES.txt) written to a directory, optionally packaged. */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { helmPath } from '@argus/kube-sim/testing';

export function writeTinyChart(dir: string, version = '0.1.0', extra = false): string {
  const chart = join(dir, `tiny-${version}`);
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(
    join(chart, 'Chart.yaml'),
    `apiVersion: v2\nname: tiny\nversion: ${version}\nappVersion: "1.0"\ndescription: a tiny chart\n`,
  );
  writeFileSync(
    join(chart, 'values.yaml'),
    'greeting: hello\nreplicas: 1\nimage: nginx:1.25\nnested:\n  a: 1\n  b: 2\n',
  );
  writeFileSync(
    join(chart, 'templates', 'configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
  );
  writeFileSync(
    join(chart, 'templates', 'deployment.yaml'),
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ .Release.Name }}-web',
      'spec:',
      '  replicas: {{ .Values.replicas }}',
      '  selector:',
      '    matchLabels: {app: {{ .Release.Name }}-web}',
      '  template:',
      '    metadata:',
      '      labels: {app: {{ .Release.Name }}-web}',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: {{ .Values.image }}',
      '',
    ].join('\n'),
  );
  if (extra)
    writeFileSync(
      join(chart, 'templates', 'extra.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra\ndata:\n  added: "in 0.2"\n',
    );
  writeFileSync(
    join(chart, 'templates', 'NOTES.txt'),
    'Installed {{ .Release.Name }}; greeting {{ .Values.greeting }}.\n',
  );
  return chart;
}

/** `helm package` the chart into `dir`; returns the .tgz path. */
export async function packageChart(chartDir: string, dir: string): Promise<string> {
  const { stdout } = await promisify(execFile)(helmPath(), ['package', chartDir, '--destination', dir], {
    env: {
      HOME: dir,
      HELM_CACHE_HOME: join(dir, '.c'),
      HELM_CONFIG_HOME: join(dir, '.cf'),
      HELM_DATA_HOME: join(dir, '.d'),
    },
  });
  const m = /saved it to: (.+\.tgz)/.exec(stdout);
  if (!m?.[1]) throw new Error(`helm package: ${stdout}`);
  return m[1].trim();
}
