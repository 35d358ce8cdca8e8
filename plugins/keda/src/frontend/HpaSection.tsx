/** The HPA KEDA made for a ScaledObject: current and desired replicas, bounds and the HPA's conditions. */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { Alert, ConditionsTable } from '@argus/ui';
import type { HpaItem, ScaledObjectSummary } from './types';
import { useKedaData } from './use-keda';

const HPAS = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' } as const;

export function HpaSection({
  api,
  clusterId,
  namespace,
  scaledObject,
  summary,
}: {
  api: PluginApi;
  clusterId: string;
  namespace: string;
  scaledObject: string;
  summary: ScaledObjectSummary;
}) {
  const hpas = useKedaData<{ items: HpaItem[] }>(
    api,
    '/hpas',
    { namespace, scaledobject: scaledObject },
    { cluster: clusterId, ...HPAS, namespace },
  );
  const hpa = hpas.data?.items[0];
  return (
    <section aria-label="Horizontal Pod Autoscaler" className="grid gap-2">
      <h3 className="text-sm font-semibold">
        HPA <span className="font-mono font-normal text-muted-foreground">{hpa?.name ?? summary.hpaName}</span>
      </h3>
      {hpas.error && <Alert variant="destructive">{hpas.error}</Alert>}
      {!hpa && hpas.data && (
        <p className="text-sm text-muted-foreground">
          {summary.pause.requested
            ? 'KEDA removes its HPA while autoscaling is paused.'
            : 'KEDA has not made its HPA (yet).'}
        </p>
      )}
      {hpa && (
        <>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <div>
              <dt className="text-xs text-muted-foreground">Current replicas</dt>
              <dd className="text-2xl font-semibold">{hpa.currentReplicas ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Desired replicas</dt>
              <dd className="text-2xl font-semibold">{hpa.desiredReplicas ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">HPA bounds</dt>
              <dd className="text-sm">
                {hpa.minReplicas ?? '—'} – {hpa.maxReplicas ?? '—'}
              </dd>
            </div>
          </dl>
          <ConditionsTable
            label="HPA conditions"
            conditions={hpa.conditions.map((c) => ({
              type: c.type,
              status: c.status,
              ...(c.reason ? { reason: c.reason } : {}),
              ...(c.message ? { message: c.message } : {}),
            }))}
          />
        </>
      )}
    </section>
  );
}
