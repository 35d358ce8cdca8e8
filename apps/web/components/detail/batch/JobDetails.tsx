'use client';
import { StatusBadge } from '@argus/ui';
import type { KindDetailsProps } from '../KindDetails';
import { PodTable } from '../pod/PodTable';
import { Fields, ObjectLink, rec, Section, str } from '../shared';
import { selectorQuery } from '../workload/WorkloadDetails';
import { completions, duration, jobStatus } from './job-status';

/** A Job: completions, parallelism, timing, its pods and the CronJob that made it. */
export function JobDetails({ clusterId, object }: KindDetailsProps) {
  const spec = rec(object.spec);
  const status = rec(object.status);
  const ns = object.metadata.namespace;
  const cron = (object.metadata.ownerReferences ?? []).find((o) => o.kind === 'CronJob');
  const uid = object.metadata.uid;
  const selector = uid ? `batch.kubernetes.io/controller-uid=${uid}` : selectorQuery(rec(spec.selector));
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  return (
    <div className="grid gap-6">
      <Section title="Job">
        <Fields
          rows={{
            Status: <StatusBadge status={jobStatus(object)} />,
            Completions: completions(object),
            Parallelism: str(spec.parallelism) ?? '1',
            Pods: `${n(status.active)} active, ${n(status.succeeded)} succeeded, ${n(status.failed)} failed`,
            'Back-off limit': str(spec.backoffLimit),
            Started: str(status.startTime),
            Completed: str(status.completionTime),
            Duration: duration(str(status.startTime), str(status.completionTime)),
            'Created by': cron && <ObjectLink clusterId={clusterId} kind="cronjobs" name={cron.name} namespace={ns} />,
          }}
        />
      </Section>
      <Section title="Pods">
        <PodTable
          clusterId={clusterId}
          namespace={ns}
          labelSelector={selector}
          label={`Pods of ${object.metadata.name}`}
        />
      </Section>
    </div>
  );
}
