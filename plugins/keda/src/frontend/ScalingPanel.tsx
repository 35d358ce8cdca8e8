/**
 * How one ScaledObject or ScaledJob scales: its health and why, pause/resume, target and bounds, the HPA
 * KEDA made with current and desired replicas, the triggers, and KEDA's conditions. Drawn on the plugin's
 * detail view and as the "Scaling" tab of the generic detail page.
 */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { age, ConditionsTable, HealthBadge } from '@argus/ui';
import type { ReactNode } from 'react';
import { HpaSection } from './HpaSection';
import { ScalerActions } from './ScalerActions';
import { TriggersTable } from './TriggersTable';
import type { Detail, ScaledJobSummary, ScaledObjectSummary, ScalerPlural, TriggerView } from './types';

export interface ScalingPanelProps {
  api: PluginApi;
  clusterId: string;
  plural: ScalerPlural;
  detail: Detail<ScaledObjectSummary | ScaledJobSummary>;
  onChanged(): void;
  onAuthentication?(auth: NonNullable<TriggerView['authentication']>): void;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

const pauseText = (p: { requested: boolean; replicas: number | null }) =>
  !p.requested ? 'No' : p.replicas === null ? 'Yes, at the current count' : `Yes, at ${p.replicas} replicas`;

export function ScalingPanel({ api, clusterId, plural, detail, onChanged, onAuthentication }: ScalingPanelProps) {
  const namespace = detail.metadata.namespace ?? '';
  const name = detail.metadata.name;
  const s = detail.summary;
  const so = plural === 'scaledobjects' ? (s as ScaledObjectSummary) : undefined;
  return (
    <div className="grid gap-5">
      <section aria-label="Health" className="flex flex-wrap items-start gap-3">
        <HealthBadge health={detail.health} />
        <p className="min-w-0 flex-1 text-sm">{detail.health.reason}</p>
        <ScalerActions
          api={api}
          plural={plural}
          namespace={namespace}
          name={name}
          actions={detail.actions}
          onDone={onChanged}
        />
      </section>

      <dl aria-label="Scaling" className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {so && (
          <Fact label="Scale target">
            {so.target.kind} {so.target.name}
          </Fact>
        )}
        <Fact label="Replicas">
          {s.min} – {s.max}
        </Fact>
        <Fact label="Activity">{s.activity ?? '—'}</Fact>
        <Fact label="Last active">{s.lastActiveTime ? `${age(s.lastActiveTime)} ago` : '—'}</Fact>
        <Fact label="Paused">{pauseText(s.pause)}</Fact>
        {so && (
          <Fact label="Fallback">
            {so.fallback ? `${so.fallback.replicas} replicas after ${so.fallback.failureThreshold} failures` : 'None'}
          </Fact>
        )}
        {plural === 'scaledjobs' && <Fact label="Scaling strategy">{(s as ScaledJobSummary).strategy}</Fact>}
      </dl>

      {so && <HpaSection api={api} clusterId={clusterId} namespace={namespace} scaledObject={name} summary={so} />}

      <section aria-label="Triggers" className="grid gap-2">
        <h3 className="text-sm font-semibold">Triggers</h3>
        <TriggersTable
          triggers={s.triggers}
          health={so?.triggerHealth ?? []}
          {...(onAuthentication ? { onAuthentication } : {})}
        />
      </section>

      <section aria-label="Conditions" className="grid gap-2">
        <h3 className="text-sm font-semibold">Conditions</h3>
        <ConditionsTable conditions={detail.status?.conditions ?? []} label="KEDA conditions" />
      </section>
    </div>
  );
}
