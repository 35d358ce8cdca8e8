import { describe, expect, it } from 'vitest';
import {
  type AnalyzerContext,
  analyzeCertificate,
  analyzeDeployment,
  analyzeEvent,
  analyzeJob,
  analyzeNode,
  analyzeOperatorHealth,
  analyzePod,
  analyzePvc,
  type KubeLike,
} from './analyzers.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
const classes: Record<string, KubeLike> = {
  standard: {
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    volumeBindingMode: 'Immediate',
  },
  local: { metadata: { name: 'local' }, volumeBindingMode: 'WaitForFirstConsumer' },
};
const ctx: AnalyzerContext = {
  now: NOW,
  certExpiryMs: 14 * 86_400_000,
  recentMs: 15 * 60_000,
  storageClass: (name) => (name === undefined ? classes.standard : classes[name]),
};

const pod = (status: Record<string, unknown>, nodeName = 'node-1'): KubeLike => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop' },
  spec: { nodeName },
  status: { phase: 'Running', ...status },
});
const container = (state: Record<string, unknown>, lastState: Record<string, unknown> = {}) => ({
  containerStatuses: [{ name: 'web', restartCount: 4, state, lastState }],
});

describe('pod analyzers', () => {
  const cases: Array<[string, KubeLike, string[]]> = [
    ['a healthy pod', pod(container({ running: {} })), []],
    ['CrashLoopBackOff', pod(container({ waiting: { reason: 'CrashLoopBackOff' } })), ['CrashLoopBackOff']],
    [
      'ImagePullBackOff',
      pod(container({ waiting: { reason: 'ImagePullBackOff', message: 'not found' } })),
      ['ImagePullBackOff'],
    ],
    ['ErrImagePull', pod(container({ waiting: { reason: 'ErrImagePull' } })), ['ImagePullBackOff']],
    ['ContainerCreating is normal', pod(container({ waiting: { reason: 'ContainerCreating' } })), []],
    [
      'OOMKilled a minute ago (lastState), crash-looping now',
      pod(
        container(
          { waiting: { reason: 'CrashLoopBackOff' } },
          { terminated: { reason: 'OOMKilled', finishedAt: minutesAgo(1) } },
        ),
      ),
      ['CrashLoopBackOff', 'OOMKilled'],
    ],
    [
      'an OOM kill long ago does not alert forever',
      pod(container({ running: {} }, { terminated: { reason: 'OOMKilled', finishedAt: minutesAgo(120) } })),
      [],
    ],
    ['OOMKilled as the current state', pod(container({ terminated: { reason: 'OOMKilled' } })), ['OOMKilled']],
    [
      'an init container crash-looping',
      pod({ initContainerStatuses: [{ name: 'init', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }),
      ['CrashLoopBackOff'],
    ],
    [
      'Unschedulable',
      pod({
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' },
        ],
      }),
      ['Unschedulable'],
    ],
    [
      'PodScheduled False for another reason',
      pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulerError' }] }),
      [],
    ],
    [
      'Evicted',
      pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }),
      ['Evicted'],
    ],
    [
      'Evicted a minute ago',
      pod({
        phase: 'Failed',
        reason: 'Evicted',
        conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: minutesAgo(1) }],
      }),
      ['Evicted'],
    ],
    [
      'an evicted pod left over from yesterday is no news',
      pod({
        phase: 'Failed',
        reason: 'Evicted',
        conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: minutesAgo(1440) }],
      }),
      [],
    ],
    ['a completed pod', pod({ phase: 'Succeeded', ...container({ terminated: { reason: 'Completed' } }) }), []],
  ];
  it.each(cases)('%s', (_name, object, types) => {
    expect(analyzePod(object, ctx).map((s) => s.type)).toEqual(types);
  });

  it('names the node a pod signal happened on (for inhibition) and the restarts', () => {
    const [s] = analyzePod(pod(container({ waiting: { reason: 'CrashLoopBackOff' } }), 'node-7'), ctx);
    expect(s).toMatchObject({ node: 'node-7', severity: 'warning' });
    expect(s!.summary).toContain('shop/web-1');
    expect(s!.summary).toContain('4 restarts');
  });
});

describe('node analyzers', () => {
  const node = (conditions: Array<Record<string, string>>): KubeLike => ({
    metadata: { name: 'node-1' },
    status: { conditions },
  });
  const cases: Array<[string, KubeLike, Array<[string, string]>]> = [
    ['Ready', node([{ type: 'Ready', status: 'True' }]), []],
    ['NotReady', node([{ type: 'Ready', status: 'False', reason: 'KubeletNotReady' }]), [['NodeNotReady', 'critical']]],
    ['Unknown (kubelet stopped posting)', node([{ type: 'Ready', status: 'Unknown' }]), [['NodeNotReady', 'critical']]],
    [
      'pressures',
      node([
        { type: 'Ready', status: 'True' },
        { type: 'MemoryPressure', status: 'True' },
        { type: 'DiskPressure', status: 'True' },
        { type: 'PIDPressure', status: 'True' },
      ]),
      [
        ['NodeMemoryPressure', 'warning'],
        ['NodeDiskPressure', 'warning'],
        ['NodePIDPressure', 'warning'],
      ],
    ],
    [
      'no pressure',
      node([
        { type: 'Ready', status: 'True' },
        { type: 'MemoryPressure', status: 'False' },
      ]),
      [],
    ],
  ];
  it.each(cases)('%s', (_name, object, expected) => {
    expect(analyzeNode(object).map((s) => [s.type, s.severity])).toEqual(expected);
  });
});

describe('workload analyzers', () => {
  const withConditions = (conditions: Array<Record<string, string>>): KubeLike => ({
    metadata: { name: 'x', namespace: 'shop' },
    status: { conditions },
  });
  it.each([
    ['a failed Job', analyzeJob, [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }], ['JobFailed']],
    ['a complete Job', analyzeJob, [{ type: 'Complete', status: 'True' }], []],
    [
      'a stuck rollout',
      analyzeDeployment,
      [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      ['RolloutStuck'],
    ],
    [
      'a rollout in progress',
      analyzeDeployment,
      [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }],
      [],
    ],
  ] as const)('%s', (_name, analyze, conditions, types) => {
    expect(analyze(withConditions([...conditions])).map((s) => s.type)).toEqual(types);
  });
});

describe('PersistentVolumeClaims', () => {
  const pvc = (phase: string, storageClassName?: string): KubeLike => ({
    metadata: { name: 'data', namespace: 'shop' },
    spec: storageClassName ? { storageClassName } : {},
    status: { phase },
  });
  it.each([
    ['Pending on an Immediate class', pvc('Pending', 'standard'), ['PersistentVolumeClaimPending']],
    ['Pending on the default class', pvc('Pending'), ['PersistentVolumeClaimPending']],
    ['Pending on a WaitForFirstConsumer class (normal until a pod uses it)', pvc('Pending', 'local'), []],
    ['Bound', pvc('Bound', 'standard'), []],
  ])('%s', (_name, object, types) => {
    expect(analyzePvc(object, ctx).map((s) => s.type)).toEqual(types);
  });
});

describe('cert-manager Certificates', () => {
  const cert = (notAfter: string | undefined, ready = 'True'): KubeLike => ({
    metadata: { name: 'tls', namespace: 'shop' },
    status: { ...(notAfter ? { notAfter } : {}), conditions: [{ type: 'Ready', status: ready, reason: 'Issuing' }] },
  });
  const inDays = (d: number) => new Date(NOW + d * 86_400_000).toISOString();
  it.each([
    ['valid for 60 days', cert(inDays(60)), []],
    ['expiring in 3 days', cert(inDays(3)), [['CertificateExpiring', 'warning']]],
    ['expired', cert(inDays(-1)), [['CertificateExpiring', 'critical']]],
    ['not Ready', cert(inDays(60), 'False'), [['CertificateNotReady', 'warning']]],
    ['no notAfter yet, Ready unknown', cert(undefined, 'Unknown'), [['CertificateNotReady', 'warning']]],
  ])('%s', (_name, object, expected) => {
    expect(analyzeCertificate(object, ctx).map((s) => [s.type, s.severity])).toEqual(expected);
  });
});

describe('eviction events and operator health', () => {
  const event = (reason: string, at: string, kind = 'Pod'): KubeLike => ({
    metadata: { name: 'web-1.123', namespace: 'shop' },
    reason,
    type: 'Warning',
    message: 'The node was low on resource: memory.',
    lastTimestamp: at,
    involvedObject: { kind, name: 'web-1', namespace: 'shop' },
  });
  it.each([
    ['a recent eviction', event('Evicted', minutesAgo(2)), ['Evicted']],
    ['an old eviction', event('Evicted', minutesAgo(60)), []],
    ['another reason', event('BackOff', minutesAgo(1)), []],
    ['about a node', event('Evicted', minutesAgo(1), 'Node'), []],
  ])('%s', (_name, object, types) => {
    expect(analyzeEvent(object, ctx).map((s) => s.type)).toEqual(types);
  });

  it.each([
    ['Failed', 'critical'],
    ['Degraded', 'warning'],
  ])('an operator resource turning %s', (status, severity) => {
    const [s] = analyzeOperatorHealth(
      { metadata: { name: 'pg', namespace: 'db' } },
      { status, reason: 'no primary' },
      'CNPG Cluster',
    );
    expect(s).toMatchObject({ type: 'OperatorResourceUnhealthy', severity });
    expect(s!.summary).toBe(`CNPG Cluster db/pg is ${status}: no primary`);
  });
  it.each(['Healthy', 'Progressing', 'Paused', 'Unknown'])('%s is no alert', (status) => {
    expect(analyzeOperatorHealth({ metadata: { name: 'pg' } }, { status, reason: '' }, 'CNPG Cluster')).toEqual([]);
  });
});
