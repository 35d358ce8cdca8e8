/**
 * Field validation and the kinds a production Helm chart renders (policy/v1 PodDisruptionBudget,
 * autoscaling/v2 HorizontalPodAutoscaler, networking.k8s.io/v1 Ingress), driven by the real kubectl:
 * unknown fields are refused under kubectl's default `--validate=strict` exactly as kube-apiserver words it,
 * warned about under `--validate=warn`, accepted with `--validate=false`; unknown kinds are refused; a CRD's
 * kind is served (and validated against its schema) only once the CRD exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFixture, startSimFixture } from '../testing/sim-fixture.js';

let f: SimFixture;
beforeAll(async () => {
  f = await startSimFixture();
});
afterAll(async () => {
  await f?.close();
});

const deployment = (containerExtra: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: web
          image: nginx:1.27
          ports: [{name: http, containerPort: 8080}]
          env:
            - name: TOKEN
              valueFrom: {secretKeyRef: {name: s, key: t}}
          envFrom: [{configMapRef: {name: c}}]
          startupProbe: {httpGet: {path: /healthz, port: http}, failureThreshold: 30, periodSeconds: 2}
          livenessProbe: {httpGet: {path: /healthz, port: http}}
          readinessProbe: {httpGet: {path: /readyz, port: http}}
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 512Mi}}
          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
          volumeMounts: [{name: tmp, mountPath: /tmp}]
${containerExtra}
      volumes:
        - name: tmp
          emptyDir: {sizeLimit: 1Gi}
        - name: data
          persistentVolumeClaim: {claimName: data}
`;

const run = (args: string[], input: string) => f.kubectl.run(args, { input });

describe('field validation', () => {
  it('accepts a complete Deployment and refuses an unknown field as kube-apiserver does (strict by default)', async () => {
    const ok = await run(['apply', '--dry-run=server', '-f', '-'], deployment(''));
    expect(ok.stderr).toBe('');
    expect(ok.stdout.trim()).toBe('deployment.apps/web created (server dry run)');

    const typo = deployment('          imagePullPolicey: Always');
    const strict = await run(['apply', '--dry-run=server', '-f', '-'], typo);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicey"',
    );

    const warn = await run(['apply', '--dry-run=server', '--validate=warn', '-f', '-'], typo);
    expect(warn.code).toBe(0);
    expect(warn.stderr).toContain('Warning: unknown field "spec.template.spec.containers[0].imagePullPolicey"');

    const ignore = await run(['apply', '--dry-run=server', '--validate=false', '-f', '-'], typo);
    expect(ignore.code).toBe(0);
    expect(ignore.stderr).toBe('');
  });

  it('checks nested parts it models (security contexts, probes, volumes) and the top level', async () => {
    const nested = deployment('').replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesytem: true');
    const res = await run(['create', '--dry-run=server', '-f', '-'], nested);
    expect(res.stderr).toContain(
      'unknown field "spec.template.spec.containers[0].securityContext.readOnlyRootFilesytem"',
    );
    const top = await run(
      ['create', '--dry-run=server', '-f', '-'],
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: b}\nspec: {}\n',
    );
    expect(top.stderr).toContain(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"',
    );
  });

  it('checks what a patch adds to an existing object (apply: strict; kubectl patch: the server default, warn)', async () => {
    expect((await run(['apply', '-f', '-'], deployment(''))).code).toBe(0);
    const reapply = await run(['apply', '-f', '-'], deployment('          imagePullPolicey: Always'));
    expect(reapply.code).not.toBe(0);
    expect(reapply.stderr).toContain(
      'error when patching "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicey"',
    );
    const patch = await f.kubectl.run([
      'patch',
      'deployment',
      'web',
      '-n',
      'default',
      '--type=merge',
      '-p',
      '{"spec":{"pausd":true}}',
    ]);
    expect(patch.code).toBe(0);
    expect(patch.stderr).toContain('Warning: unknown field "spec.pausd"');
    const fine = await f.kubectl.run([
      'patch',
      'deployment',
      'web',
      '-n',
      'default',
      '--type=merge',
      '-p',
      '{"spec":{"replicas":3}}',
    ]);
    expect(fine.stderr).toBe('');
  });

  it('serves PodDisruptionBudget (policy/v1), HorizontalPodAutoscaler (autoscaling/v2) and Ingress (networking.k8s.io/v1)', async () => {
    const manifests = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: default}
spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: default}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: default}
spec:
  ingressClassName: nginx
  tls: [{hosts: [argus.example.com], secretName: web-tls}]
  rules:
    - host: argus.example.com
      http:
        paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]
`;
    const res = await run(['apply', '-f', '-'], manifests);
    expect(res.stderr).toBe('');
    expect(res.stdout.trim().split('\n')).toEqual([
      'poddisruptionbudget.policy/web created',
      'horizontalpodautoscaler.autoscaling/web created',
      'ingress.networking.k8s.io/web created',
    ]);
    const pdb = await f.kubectl.run(['get', 'pdb', '-n', 'default']);
    expect(pdb.stdout).toMatch(/NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE/);
    expect(pdb.stdout).toMatch(/web\s+N\/A\s+1\s+0/);
    const bad = await run(
      ['apply', '--dry-run=server', '-f', '-'],
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: x, namespace: default}\nspec: {minAvailabel: 1}\n',
    );
    expect(bad.stderr).toContain('unknown field "spec.minAvailabel"');
  });

  it('refuses a kind nothing serves, and serves a CRD kind (validated by its schema) once the CRD exists', async () => {
    const monitor = (extra = '') => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: web}}
  endpoints:
    - port: http
      path: /metrics
      authorization: {type: Bearer, credentials: {name: web, key: token}}
${extra}`;
    const before = await run(['apply', '--dry-run=server', '--validate=false', '-f', '-'], monitor());
    expect(before.code).not.toBe(0);
    expect(before.stderr).toContain('no matches for kind "ServiceMonitor" in version "monitoring.coreos.com/v1"');
    expect((await run(['apply', '--dry-run=server', '-f', '-'], monitor())).code).not.toBe(0);

    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: servicemonitors.monitoring.coreos.com}
spec:
  group: monitoring.coreos.com
  scope: Namespaced
  names: {kind: ServiceMonitor, plural: servicemonitors, singular: servicemonitor, listKind: ServiceMonitorList}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                selector: {type: object, x-kubernetes-preserve-unknown-fields: true}
                endpoints:
                  type: array
                  items:
                    type: object
                    properties:
                      port: {type: string}
                      path: {type: string}
                      authorization:
                        type: object
                        properties:
                          type: {type: string}
                          credentials: {type: object, properties: {name: {type: string}, key: {type: string}}}
`;
    expect((await run(['apply', '-f', '-'], crd)).code).toBe(0);
    const after = await run(['apply', '--dry-run=server', '-f', '-'], monitor());
    expect(after.stderr).toBe('');
    expect(after.stdout.trim()).toBe('servicemonitor.monitoring.coreos.com/web created (server dry run)');
    const typo = await run(['apply', '--dry-run=server', '-f', '-'], monitor('      scheme: https\n'));
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain('unknown field "spec.endpoints[0].scheme"');
  });
});
