'use client';
import { Button, ConfirmDialog, StatusBadge } from '@argus/ui';
import { PauseIcon, PlayIcon, ZapIcon } from 'lucide-react';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { api } from '@/lib/api';
import { describeCron, nextCronRun } from '@/lib/cron-words';
import { age } from '@/lib/format';
import type { KubeObject } from '@/lib/kube';
import { objectPath, WELL_KNOWN } from '@/lib/resources';
import type { KindDetailsProps } from '../KindDetails';
import { operations } from '../operations';
import { DetailTable, Fields, MUTED, ObjectLink, rec, Section, str, useKubeList } from '../shared';
import { completions, duration, jobStatus } from './job-status';

const ago = (ts?: string) => (ts ? `${age(ts)} ago (${ts})` : undefined);

/** A CronJob: its schedule in words, last and next run, its jobs; trigger now, suspend and resume. */
export function CronJobDetails({ clusterId, resource, object, can, onChanged }: KindDetailsProps) {
  const spec = rec(object.spec);
  const status = rec(object.status);
  const ns = object.metadata.namespace;
  const name = object.metadata.name;
  const schedule = str(spec.schedule) ?? '';
  const tz = str(spec.timeZone);
  const words = describeCron(schedule, tz);
  const suspended = spec.suspend === true;
  const next = suspended ? undefined : nextCronRun(schedule, new Date(), tz);
  const canWrite = can('resources', 'write');
  const [triggered, setTriggered] = useState<string>();
  const jobs = useKubeList(clusterId, WELL_KNOWN.jobs as typeof resource, { namespace: ns });
  const own = (jobs.data?.items ?? [])
    .filter((j) => (j.metadata.ownerReferences ?? []).some((o) => o.uid === object.metadata.uid))
    .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
  const setSuspend = async (suspend: boolean) => {
    await api(objectPath(clusterId, resource, name, ns), {
      method: 'PATCH',
      rawBody: JSON.stringify({ spec: { suspend } }),
      contentType: 'application/merge-patch+json',
    });
    onChanged();
  };
  const actions = canWrite && (
    <>
      <ConfirmDialog
        trigger={
          <Button variant="outline" size="sm">
            <ZapIcon aria-hidden="true" /> Trigger now
          </Button>
        }
        title="Trigger now"
        description={`Create a Job from ${name} now (like kubectl create job --from=cronjob/${name}).`}
        confirm="Trigger"
        renderError={(e) => <ErrorAlert error={e} title="Trigger failed" />}
        onConfirm={async () => {
          const r = await operations.trigger(clusterId, resource, name, ns);
          setTriggered(r.job.name);
          void jobs.refetch();
        }}
      />
      <ConfirmDialog
        trigger={
          <Button variant="outline" size="sm">
            {suspended ? <PlayIcon aria-hidden="true" /> : <PauseIcon aria-hidden="true" />}
            {suspended ? 'Resume' : 'Suspend'}
          </Button>
        }
        title={suspended ? 'Resume' : 'Suspend'}
        description={
          suspended
            ? `Let ${name} create Jobs on its schedule again.`
            : `Stop ${name} from creating Jobs until resumed (running Jobs go on).`
        }
        confirm={suspended ? 'Resume' : 'Suspend'}
        renderError={(e) => <ErrorAlert error={e} title={suspended ? 'Resume failed' : 'Suspend failed'} />}
        onConfirm={() => setSuspend(!suspended)}
      />
    </>
  );
  return (
    <div className="grid gap-6">
      <Section title="CronJob" actions={actions}>
        {triggered && (
          <p role="status" className="text-sm">
            Created Job <ObjectLink clusterId={clusterId} kind="jobs" name={triggered} namespace={ns} />.
          </p>
        )}
        <Fields
          rows={{
            Schedule: <span className="font-mono text-xs">{schedule}</span>,
            'In words': <span className={words.valid ? undefined : 'text-destructive'}>{words.text}</span>,
            State: <StatusBadge status={suspended ? 'Suspended' : 'Active'} />,
            'Last run': ago(str(status.lastScheduleTime)) ?? <span className={MUTED}>never</span>,
            'Last success': ago(str(status.lastSuccessfulTime)),
            'Next run': suspended ? (
              <span className={MUTED}>suspended</span>
            ) : next ? (
              `in ${duration(new Date().toISOString(), next.toISOString())} (${next.toISOString()})`
            ) : undefined,
            Concurrency: str(spec.concurrencyPolicy),
            'Active jobs': String((status.active as unknown[] | undefined)?.length ?? 0),
            'History kept': `${str(spec.successfulJobsHistoryLimit) ?? 3} succeeded, ${str(spec.failedJobsHistoryLimit) ?? 1} failed`,
          }}
        />
      </Section>
      <Section title="Jobs">
        <DetailTable
          label={`Jobs of ${name}`}
          rows={own}
          rowKey={(j: KubeObject) => j.metadata.uid ?? j.metadata.name}
          empty={jobs.isLoading ? 'Loading…' : 'No jobs.'}
          columns={[
            {
              header: 'Name',
              cell: (j) => <ObjectLink clusterId={clusterId} kind="jobs" name={j.metadata.name} namespace={ns} />,
            },
            { header: 'Status', cell: (j) => <StatusBadge status={jobStatus(j)} /> },
            { header: 'Completions', cell: (j) => completions(j) },
            {
              header: 'Duration',
              cell: (j) => duration(str(rec(j.status).startTime), str(rec(j.status).completionTime)) ?? '—',
            },
            { header: 'Age', cell: (j) => age(j.metadata.creationTimestamp) },
          ]}
        />
      </Section>
    </div>
  );
}
