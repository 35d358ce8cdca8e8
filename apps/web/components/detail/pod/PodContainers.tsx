'use client';
import { formatBytes, formatCpu, parseCpuMillicores, parseMemoryBytes } from '@argus/contracts/quantity';
import { Badge, Button, Card, CardContent, CardHeader, CardTitle, StatusBadge } from '@argus/ui';
import { LockIcon, ScrollTextIcon, TerminalIcon } from 'lucide-react';
import Link from 'next/link';
import { OpenPortButton } from '@/components/OpenPortButton';
import { usePermissions } from '@/hooks/use-permissions';
import { age } from '@/lib/format';
import type { PodTop } from '../operations';
import { arr, DetailTable, Fields, MUTED, rec, str } from '../shared';
import {
  type ContainerView,
  currentState,
  envRows,
  lastTermination,
  portsText,
  probeText,
  resourcesText,
  stateWord,
} from './container-info';
import { shellHref } from './shell';

function when(ts: string | undefined): string | undefined {
  return ts ? `${age(ts)} ago` : undefined;
}

/** Usage against the limit (or the request) in human units: `120m of 500m limit`. */
function usageText(c: ContainerView, usage: { cpu_millicores: number; memory_bytes: number } | undefined) {
  if (!usage) return undefined;
  const res = rec(c.spec.resources);
  const of = (kind: 'cpu' | 'memory') => {
    const limit = rec(res.limits)[kind];
    const request = rec(res.requests)[kind];
    const parse = kind === 'cpu' ? parseCpuMillicores : parseMemoryBytes;
    const fmt = kind === 'cpu' ? formatCpu : formatBytes;
    if (limit !== undefined) return ` of ${fmt(parse(str(limit)))} limit`;
    if (request !== undefined) return ` (request ${fmt(parse(str(request)))})`;
    return '';
  };
  return `CPU ${formatCpu(usage.cpu_millicores)}${of('cpu')} · memory ${formatBytes(usage.memory_bytes)}${of('memory')}`;
}

/** A container's ports, each TCP one with "Open" (in a new tab, through pods/proxy) when the user may. */
function ContainerPorts({
  container,
  canProxy,
  target,
}: {
  container: ContainerView;
  canProxy: boolean;
  target: { clusterId: string; namespace: string; pod: string };
}) {
  const ports = arr(container.spec.ports);
  if (ports.length === 0) return undefined;
  const texts = portsText(container.spec);
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {ports.map((p, i) => (
        <span key={`${str(p.containerPort)}/${str(p.protocol) ?? 'TCP'}`} className="inline-flex items-center gap-1">
          {texts[i]}
          {canProxy && (str(p.protocol) ?? 'TCP') === 'TCP' && str(p.containerPort) && (
            <OpenPortButton
              clusterId={target.clusterId}
              kind="pods"
              namespace={target.namespace}
              name={target.pod}
              port={Number(p.containerPort)}
            />
          )}
        </span>
      ))}
    </span>
  );
}

function ContainerCard({
  c,
  clusterId,
  namespace,
  pod,
  usage,
  canLogs,
  canProxy,
  onLogs,
}: {
  c: ContainerView;
  clusterId: string;
  namespace: string;
  pod: string;
  usage?: { cpu_millicores: number; memory_bytes: number };
  canLogs: boolean;
  canProxy: boolean;
  onLogs: (container: string) => void;
}) {
  const state = currentState(c.status);
  const last = lastTermination(c.status);
  const res = resourcesText(c.spec);
  const env = envRows(c.spec);
  const mounts = arr(c.spec.volumeMounts);
  const canExec = usePermissions().can('pods', 'exec', { clusterId, namespace });
  const shell = canExec && !c.init ? shellHref(clusterId, namespace, pod, c.name) : null;
  const restarts = typeof c.status?.restartCount === 'number' ? c.status.restartCount : 0;
  return (
    <Card aria-label={`Container ${c.name}`} role="region">
      <CardHeader className="flex flex-row flex-wrap items-center gap-2 space-y-0">
        <CardTitle className="font-mono text-sm">{c.name}</CardTitle>
        {c.init && <Badge variant="outline">init</Badge>}
        <StatusBadge status={stateWord(state)} />
        {c.status && <StatusBadge status={c.status.ready ? 'Ready' : 'NotReady'} />}
        <span className={`text-xs ${restarts > 0 ? 'text-destructive' : MUTED}`}>
          {restarts} {restarts === 1 ? 'restart' : 'restarts'}
        </span>
        <div className="ml-auto flex gap-2">
          {canLogs && (
            <Button variant="outline" size="sm" onClick={() => onLogs(c.name)} aria-label={`Logs of ${c.name}`}>
              <ScrollTextIcon aria-hidden="true" /> Logs
            </Button>
          )}
          {shell && (
            <Button variant="outline" size="sm" asChild>
              <Link href={shell} aria-label={`Shell in ${c.name}`}>
                <TerminalIcon aria-hidden="true" /> Shell
              </Link>
            </Button>
          )}
        </div>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Fields
          rows={{
            Image: <span className="font-mono text-xs">{str(c.spec.image)}</span>,
            State: (
              <span>
                {state.state}
                {state.reason ? ` (${state.reason})` : ''}
                {state.exitCode !== undefined ? `, exit code ${state.exitCode}` : ''}
                {state.since ? `, ${state.state === 'Running' ? 'since' : 'at'} ${when(state.since)}` : ''}
              </span>
            ),
            Message: state.message && <span className="text-xs">{state.message}</span>,
            'Last termination': last && (
              <span data-testid={`last-termination-${c.name}`}>
                <StatusBadge status={last.reason ?? 'Terminated'} /> exit code {last.exitCode ?? '?'}
                {last.since ? `, ${when(last.since)}` : ''}
              </span>
            ),
            Ports: (
              <ContainerPorts container={c} canProxy={canProxy && !c.init} target={{ clusterId, namespace, pod }} />
            ),
            Requests: res.requests,
            Limits: res.limits,
            Usage: usageText(c, usage),
            Liveness: probeText(c.spec.livenessProbe),
            Readiness: probeText(c.spec.readinessProbe),
            Startup: probeText(c.spec.startupProbe),
            Command: arr<string>(c.spec.command).join(' '),
            Args: arr<string>(c.spec.args).join(' '),
          }}
        />
        {mounts.length > 0 && (
          <DetailTable
            label={`Volume mounts of ${c.name}`}
            rows={mounts}
            rowKey={(m, i) => `${str(m.name)}-${i}`}
            columns={[
              { header: 'Volume', cell: (m) => str(m.name) },
              { header: 'Mount path', cell: (m) => <span className="font-mono text-xs">{str(m.mountPath)}</span> },
              { header: 'Sub path', cell: (m) => str(m.subPath) ?? '—' },
              { header: 'Mode', cell: (m) => (m.readOnly ? 'read-only' : 'read-write') },
            ]}
          />
        )}
        {env.length > 0 && (
          <DetailTable
            label={`Environment of ${c.name}`}
            rows={env}
            rowKey={(e, i) => `${e.name}-${i}`}
            columns={[
              { header: 'Variable', cell: (e) => <span className="font-mono text-xs">{e.name}</span> },
              {
                header: 'Value',
                cell: (e) =>
                  e.ref ? (
                    <span className="inline-flex items-center gap-1 text-xs text-muted-foreground">
                      {e.secret && <LockIcon className="size-3" aria-label="from a Secret" />}
                      {e.ref}
                    </span>
                  ) : (
                    <span className="break-all font-mono text-xs">{e.value}</span>
                  ),
              },
            ]}
          />
        )}
      </CardContent>
    </Card>
  );
}

/** Each container and init container of a pod. */
export function PodContainers({
  clusterId,
  namespace,
  pod,
  containers,
  top,
  canLogs,
  canProxy = false,
  onLogs,
}: {
  clusterId: string;
  namespace: string;
  pod: string;
  containers: ContainerView[];
  top?: PodTop;
  canLogs: boolean;
  /** `pods:proxy` here: each TCP container port gets "Open" (through the API server's pods/proxy). */
  canProxy?: boolean;
  onLogs: (container: string) => void;
}) {
  const usage = new Map((top?.containers ?? []).map((u) => [u.name, u]));
  return (
    <div className="grid gap-3">
      {containers.map((c) => (
        <ContainerCard
          key={`${c.init ? 'init' : 'app'}-${c.name}`}
          c={c}
          clusterId={clusterId}
          namespace={namespace}
          pod={pod}
          usage={usage.get(c.name)}
          canLogs={canLogs}
          canProxy={canProxy}
          onLogs={onLogs}
        />
      ))}
    </div>
  );
}
