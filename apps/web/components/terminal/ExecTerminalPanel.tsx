'use client';
import { Button, Label } from '@argus/ui';
import { RotateCcwIcon } from 'lucide-react';
import { useState } from 'react';
import { ExecTerminal } from './ExecTerminal';

const SELECT = 'h-9 min-w-0 rounded-md border bg-transparent px-2 text-sm';
export const SHELLS = ['sh', 'bash'] as const;
export type Shell = (typeof SHELLS)[number];

/**
 * A terminal panel: pick the pod (when opened on a workload), the container and the shell, then a live
 * xterm session; changing a choice or "Reconnect" opens a new session.
 */
export function ExecTerminalPanel({
  clusterId,
  namespace,
  pods,
  pod: initialPod,
  containersOf,
  container: initialContainer,
  shell: initialShell = 'sh',
  pickPod = false,
}: {
  clusterId: string;
  namespace: string;
  /** The pods to choose from (one when opened on a pod). */
  pods: string[];
  pod?: string;
  containersOf: (pod: string) => string[];
  container?: string;
  shell?: Shell;
  /** Show the pod picker even with one pod (opened on a workload). */
  pickPod?: boolean;
}) {
  const [pod, setPod] = useState(initialPod && pods.includes(initialPod) ? initialPod : pods[0]);
  const containers = pod ? containersOf(pod) : [];
  const [container, setContainer] = useState(
    initialContainer && containers.includes(initialContainer) ? initialContainer : containers[0],
  );
  const [shell, setShell] = useState<Shell>(initialShell);
  const [session, setSession] = useState(0);
  if (!pod) return <p className="text-sm text-muted-foreground">No running pod to open a terminal in.</p>;
  return (
    <div className="grid h-full min-h-0 grid-rows-[auto_1fr] gap-3">
      <div className="flex flex-wrap items-end gap-3">
        {(pickPod || pods.length > 1) && (
          <div className="grid gap-1">
            <Label htmlFor="terminal-pod">Pod</Label>
            <select
              id="terminal-pod"
              className={SELECT}
              value={pod}
              onChange={(e) => {
                setPod(e.target.value);
                setContainer(containersOf(e.target.value)[0]);
              }}
            >
              {pods.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="grid gap-1">
          <Label htmlFor="terminal-container">Container</Label>
          <select
            id="terminal-container"
            className={SELECT}
            value={container}
            onChange={(e) => setContainer(e.target.value)}
          >
            {containers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="terminal-shell">Shell</Label>
          <select
            id="terminal-shell"
            className={SELECT}
            value={shell}
            onChange={(e) => setShell(e.target.value as Shell)}
          >
            {SHELLS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <Button variant="outline" size="sm" onClick={() => setSession((n) => n + 1)}>
          <RotateCcwIcon aria-hidden="true" /> Reconnect
        </Button>
      </div>
      <ExecTerminal
        key={`${pod}/${container}/${shell}/${session}`}
        clusterId={clusterId}
        namespace={namespace}
        pod={pod}
        {...(container ? { container } : {})}
        command={[shell]}
      />
    </div>
  );
}
