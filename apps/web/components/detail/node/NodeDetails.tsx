'use client';
import { formatBytes, formatCpu, parseCpuMillicores, parseMemoryBytes } from '@argus/contracts/quantity';
import { StatusBadge } from '@argus/ui';
import { useState } from 'react';
import { UsageBar } from '@/components/UsageBar';
import { nodeReady } from '@/lib/pod-status';
import type { KindDetailsProps } from '../KindDetails';
import { useNodeTop } from '../operations';
import { PodTable } from '../pod/PodTable';
import { arr, DetailTable, Fields, MUTED, rec, Section, str } from '../shared';
import { type DrainOutcome, DrainOutcomeView, NodeActions } from './NodeActions';

const ROLE = 'node-role.kubernetes.io/';

/** A node: state, system info, capacity/allocatable/usage, taints, its pods; cordon and drain. */
export function NodeDetails({ clusterId, object, can, onChanged }: KindDetailsProps) {
  const status = rec(object.status);
  const info = rec(status.nodeInfo);
  const alloc = rec(status.allocatable);
  const cap = rec(status.capacity);
  const name = object.metadata.name;
  const top = useNodeTop(clusterId);
  const usage = top.data?.items.find((n) => n.name === name);
  const roles = Object.keys(object.metadata.labels ?? {})
    .filter((k) => k.startsWith(ROLE))
    .map((k) => k.slice(ROLE.length) || 'node');
  const addresses = arr(status.addresses).map((a) => `${str(a.address)} (${str(a.type)})`);
  const cpuAlloc = parseCpuMillicores(str(alloc.cpu)) ?? 0;
  const memAlloc = parseMemoryBytes(str(alloc.memory)) ?? 0;
  const unschedulable = object.spec?.unschedulable === true;
  const [outcome, setOutcome] = useState<DrainOutcome>();
  return (
    <div className="grid gap-6">
      <Section
        title="Node"
        actions={
          can('resources', 'write') && (
            <NodeActions
              clusterId={clusterId}
              node={name}
              unschedulable={unschedulable}
              onChanged={onChanged}
              onOutcome={setOutcome}
            />
          )
        }
      >
        {outcome && <DrainOutcomeView node={name} outcome={outcome} />}
        <Fields
          rows={{
            Status: <StatusBadge status={nodeReady(object)} />,
            Roles: roles.join(', ') || undefined,
            Addresses: addresses.join(', '),
            Kubelet: str(info.kubeletVersion),
            'OS image': str(info.osImage),
            Kernel: str(info.kernelVersion),
            Runtime: str(info.containerRuntimeVersion),
            Architecture: [str(info.operatingSystem), str(info.architecture)].filter(Boolean).join('/'),
            'Pod CIDR': str(object.spec?.podCIDR),
            'Provider ID': str(object.spec?.providerID),
          }}
        />
      </Section>
      <Section title="Resources">
        <div className="grid gap-3 sm:grid-cols-2">
          <UsageBar label="CPU" used={usage ? usage.cpu_millicores : null} total={cpuAlloc} format={formatCpu} />
          <UsageBar label="Memory" used={usage ? usage.memory_bytes : null} total={memAlloc} format={formatBytes} />
        </div>
        {top.data && !top.data.available && (
          <p className="text-xs text-muted-foreground">No live usage: {top.data.reason ?? 'no metrics.k8s.io'}.</p>
        )}
        <DetailTable
          label="Capacity and allocatable"
          rows={['cpu', 'memory', 'pods', 'ephemeral-storage']}
          rowKey={(k) => k}
          columns={[
            { header: 'Resource', cell: (k) => k },
            {
              header: 'Capacity',
              cell: (k) => human(k, str(cap[k])),
            },
            { header: 'Allocatable', cell: (k) => human(k, str(alloc[k])) },
            {
              header: 'Usage',
              cell: (k) =>
                usage && k === 'cpu' ? (
                  formatCpu(usage.cpu_millicores)
                ) : usage && k === 'memory' ? (
                  formatBytes(usage.memory_bytes)
                ) : (
                  <span className={MUTED}>—</span>
                ),
            },
          ]}
        />
      </Section>
      <Section title="Taints">
        <DetailTable
          label="Taints"
          rows={arr(object.spec?.taints)}
          rowKey={(t, i) => `${str(t.key)}-${i}`}
          empty="No taints."
          columns={[
            { header: 'Key', cell: (t) => <span className="font-mono text-xs">{str(t.key)}</span> },
            { header: 'Value', cell: (t) => str(t.value) ?? '—' },
            { header: 'Effect', cell: (t) => str(t.effect) },
          ]}
        />
      </Section>
      <Section title="Pods">
        <PodTable
          clusterId={clusterId}
          fieldSelector={`spec.nodeName=${name}`}
          label={`Pods on ${name}`}
          showNamespace
        />
      </Section>
    </div>
  );
}

function human(kind: string, v: string | undefined): string {
  if (v === undefined) return '—';
  if (kind === 'cpu') return formatCpu(parseCpuMillicores(v));
  if (kind === 'memory' || kind === 'ephemeral-storage') return formatBytes(parseMemoryBytes(v));
  return v;
}
