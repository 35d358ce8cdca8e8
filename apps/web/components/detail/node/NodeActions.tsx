'use client';
import { Button, ConfirmDialog, Input, Label } from '@argus/ui';
import { BanIcon, CheckIcon, LogOutIcon } from 'lucide-react';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ApiError } from '@/lib/api';
import { type DrainResult, type ObjectRef, operations } from '../operations';
import { DetailTable } from '../shared';

type Blocked = ObjectRef & { reason: string };

/** The pods a refused drain names (409 DRAIN_BLOCKED: `blocked`, at the top of the body or in details). */
export function blockedOf(err: unknown): Blocked[] | undefined {
  if (!(err instanceof ApiError) || err.code !== 'DRAIN_BLOCKED') return undefined;
  const from = (v: unknown) =>
    v && typeof v === 'object' && Array.isArray((v as { blocked?: unknown }).blocked)
      ? ((v as { blocked: Blocked[] }).blocked as Blocked[])
      : undefined;
  return from(err.body) ?? from(err.details) ?? [];
}

function PodRefs({ label, rows }: { label: string; rows: Array<ObjectRef & { reason?: string }> }) {
  return (
    <DetailTable
      label={label}
      rows={rows}
      rowKey={(r) => `${r.namespace}/${r.name}`}
      empty="None."
      columns={[
        { header: 'Pod', cell: (r) => `${r.namespace}/${r.name}` },
        ...(rows.some((r) => r.reason)
          ? [{ header: 'Reason', cell: (r: { reason?: string }) => r.reason ?? '—' }]
          : []),
      ]}
    />
  );
}

/** What the last drain did: evicted and left pods, or the pods a budget kept (drawn under the node's header). */
export type DrainOutcome = { result: DrainResult } | { blocked: { error: unknown; pods: Blocked[] } };

export function DrainOutcomeView({ node, outcome }: { node: string; outcome: DrainOutcome }) {
  if ('blocked' in outcome)
    return (
      <div className="grid gap-2" role="status" aria-label="Drain blocked">
        <ErrorAlert error={outcome.blocked.error} title="Drain stopped: a PodDisruptionBudget refused an eviction" />
        <PodRefs label="Pods not evicted" rows={outcome.blocked.pods} />
      </div>
    );
  const { result } = outcome;
  return (
    <div className="grid gap-2" role="status" aria-label="Drain result">
      <p className="text-sm">
        Drained {node}: {result.evicted.length} evicted, {result.skipped.length} left in place.
      </p>
      {result.evicted.length > 0 && (
        <>
          <h4 className="text-xs font-medium text-muted-foreground">Evicted</h4>
          <PodRefs label="Evicted pods" rows={result.evicted} />
        </>
      )}
      {result.skipped.length > 0 && (
        <>
          <h4 className="text-xs font-medium text-muted-foreground">Left in place</h4>
          <PodRefs label="Pods left in place" rows={result.skipped} />
        </>
      )}
    </div>
  );
}

/** Cordon/uncordon and a confirmed drain that evicts (PodDisruptionBudgets respected); `onOutcome` hears what it did. */
export function NodeActions({
  clusterId,
  node,
  unschedulable,
  onChanged,
  onOutcome,
}: {
  clusterId: string;
  node: string;
  unschedulable: boolean;
  onChanged: () => void;
  onOutcome: (outcome: DrainOutcome | undefined) => void;
}) {
  const [ignoreDaemonSets, setIgnoreDaemonSets] = useState(true);
  const [deleteEmptyDir, setDeleteEmptyDir] = useState(false);
  const [timeout, setTimeoutText] = useState('60');
  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmDialog
        trigger={
          <Button variant="outline" size="sm">
            {unschedulable ? <CheckIcon aria-hidden="true" /> : <BanIcon aria-hidden="true" />}
            {unschedulable ? 'Uncordon' : 'Cordon'}
          </Button>
        }
        title={unschedulable ? 'Uncordon' : 'Cordon'}
        description={
          unschedulable
            ? `Let the scheduler place new pods on ${node} again.`
            : `Mark ${node} unschedulable: pods on it keep running, no new pods are placed on it.`
        }
        confirm={unschedulable ? 'Uncordon' : 'Cordon'}
        renderError={(e) => <ErrorAlert error={e} title="Failed" />}
        onConfirm={async () => {
          await operations.cordon(clusterId, node, !unschedulable);
          onChanged();
        }}
      />
      <ConfirmDialog
        trigger={
          <Button variant="destructive" size="sm">
            <LogOutIcon aria-hidden="true" /> Drain
          </Button>
        }
        title="Drain"
        description={`Cordon ${node}, then evict each of its pods through the Eviction API: PodDisruptionBudgets respected, retried while a budget refuses, until the time below.`}
        confirm="Drain"
        destructive
        renderError={(e) => <ErrorAlert error={e} title="Drain failed" />}
        onConfirm={async () => {
          const seconds = Number(timeout);
          if (!Number.isInteger(seconds) || seconds < 1)
            throw new Error('Give up after a whole number of seconds, 1 or more.');
          onOutcome(undefined);
          try {
            onOutcome({
              result: await operations.drain(clusterId, node, {
                ignore_daemonsets: ignoreDaemonSets,
                delete_emptydir_data: deleteEmptyDir,
                timeout_seconds: seconds,
              }),
            });
          } catch (err) {
            const pods = blockedOf(err);
            if (!pods) throw err;
            onOutcome({ blocked: { error: err, pods } });
          } finally {
            onChanged();
          }
        }}
      >
        <div className="grid gap-2 text-sm">
          <div className="flex items-center gap-2">
            <Label htmlFor="drain-timeout">Give up after (seconds)</Label>
            <Input
              id="drain-timeout"
              className="w-24"
              inputMode="numeric"
              value={timeout}
              onChange={(e) => setTimeoutText(e.target.value.replace(/\D/g, ''))}
            />
          </div>
          <Label className="flex items-center gap-2 font-normal">
            <input type="checkbox" checked={ignoreDaemonSets} onChange={(e) => setIgnoreDaemonSets(e.target.checked)} />
            Leave DaemonSet pods (they would come back)
          </Label>
          <Label className="flex items-center gap-2 font-normal">
            <input type="checkbox" checked={deleteEmptyDir} onChange={(e) => setDeleteEmptyDir(e.target.checked)} />
            Evict pods with emptyDir volumes (their data is lost)
          </Label>
        </div>
      </ConfirmDialog>
    </div>
  );
}
