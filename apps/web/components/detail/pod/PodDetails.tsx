'use client';
import { formatBytes, formatCpu } from '@argus/contracts/quantity';
import { StatusBadge } from '@argus/ui';
import type { KubeObject } from '@/lib/kube';
import { podReady, podRestarts, podStatus } from '@/lib/pod-status';
import { type ApiResource, pluralOfKind } from '@/lib/resources';
import { usePodTop } from '../operations';
import { arr, DetailTable, Fields, KeyValues, MUTED, ObjectLink, rec, Section, str } from '../shared';
import { containersOf } from './container-info';
import { PodContainers } from './PodContainers';

/** A pod: where it runs, who owns it, its QoS and tolerations, and each container in detail. */
export function PodDetails({
  clusterId,
  pod,
  resources,
  canLogs,
  canProxy = false,
  onLogs,
}: {
  clusterId: string;
  pod: KubeObject;
  resources: ApiResource[];
  canLogs: boolean;
  canProxy?: boolean;
  onLogs: (container: string) => void;
}) {
  const ns = pod.metadata.namespace ?? 'default';
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const top = usePodTop(clusterId, ns);
  const usage = top.data?.items.find((p) => p.name === pod.metadata.name && p.namespace === ns);
  const node = str(spec.nodeName);
  const owners = pod.metadata.ownerReferences ?? [];
  return (
    <div className="grid gap-6">
      <Section title="Pod">
        <Fields
          rows={{
            Status: <StatusBadge status={podStatus(pod)} />,
            Ready: podReady(pod),
            Restarts: String(podRestarts(pod)),
            Node: node ? (
              <ObjectLink clusterId={clusterId} kind="nodes" name={node} />
            ) : (
              <span className={MUTED}>not scheduled</span>
            ),
            'Controlled by': owners.length > 0 && (
              <span className="flex flex-wrap gap-2">
                {owners.map((o) => {
                  const r = pluralOfKind(resources, o.apiVersion, o.kind);
                  return (
                    <span key={o.uid}>
                      {o.kind} {r ? <ObjectLink clusterId={clusterId} kind={r} name={o.name} namespace={ns} /> : o.name}
                    </span>
                  );
                })}
              </span>
            ),
            'Pod IP': str(status.podIP),
            'Host IP': str(status.hostIP),
            'QoS class': str(status.qosClass),
            'Service account': str(spec.serviceAccountName),
            'Priority class': str(spec.priorityClassName),
            'Restart policy': str(spec.restartPolicy),
            Usage: usage ? (
              `CPU ${formatCpu(usage.cpu_millicores)} · memory ${formatBytes(usage.memory_bytes)}`
            ) : top.data && !top.data.available ? (
              <span className={MUTED}>no metrics ({top.data.reason ?? 'metrics.k8s.io not served'})</span>
            ) : undefined,
            'Node selector': spec.nodeSelector ? (
              <KeyValues values={spec.nodeSelector as Record<string, string>} />
            ) : undefined,
          }}
        />
      </Section>
      <Section title="Containers">
        <PodContainers
          clusterId={clusterId}
          namespace={ns}
          pod={pod.metadata.name}
          containers={containersOf(pod)}
          top={usage}
          canLogs={canLogs}
          canProxy={canProxy}
          onLogs={onLogs}
        />
      </Section>
      <Section title="Tolerations">
        <DetailTable
          label="Tolerations"
          rows={arr(spec.tolerations)}
          rowKey={(t, i) => `${str(t.key)}-${i}`}
          empty="No tolerations."
          columns={[
            { header: 'Key', cell: (t) => str(t.key) ?? <span className={MUTED}>(any)</span> },
            { header: 'Operator', cell: (t) => str(t.operator) ?? 'Equal' },
            { header: 'Value', cell: (t) => str(t.value) ?? '—' },
            { header: 'Effect', cell: (t) => str(t.effect) ?? <span className={MUTED}>(all)</span> },
            { header: 'For', cell: (t) => (t.tolerationSeconds !== undefined ? `${str(t.tolerationSeconds)}s` : '—') },
          ]}
        />
      </Section>
    </div>
  );
}
