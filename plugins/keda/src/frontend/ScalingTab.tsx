/** The "Scaling" tab on the generic detail page of a ScaledObject or ScaledJob (manifest `detail_tabs`). */
import type { PluginDetailTabProps } from '@argus/plugin-sdk/frontend';
import { Alert, Button, Skeleton } from '@argus/ui';
import { ScalingPanel } from './ScalingPanel';
import { type Detail, KEDA, type ScaledJobSummary, type ScaledObjectSummary, type ScalerPlural } from './types';
import { useKedaData } from './use-keda';

export default function ScalingTab({ api, clusterId, object, resource, reload, navigate }: PluginDetailTabProps) {
  const plural: ScalerPlural = resource.resource === 'scaledjobs' ? 'scaledjobs' : 'scaledobjects';
  const namespace = object.metadata.namespace ?? '';
  const name = object.metadata.name;
  const detail = useKedaData<Detail<ScaledObjectSummary | ScaledJobSummary>>(
    api,
    `/resources/${plural}/${encodeURIComponent(name)}`,
    { namespace },
    { cluster: clusterId, ...KEDA, resource: plural, namespace },
  );
  if (detail.error) return <Alert variant="destructive">{detail.error}</Alert>;
  if (!detail.data) return <Skeleton className="h-48 w-full" />;
  return (
    <div className="grid gap-3">
      <ScalingPanel
        api={api}
        clusterId={clusterId}
        plural={plural}
        detail={detail.data}
        onChanged={() => {
          detail.reload();
          reload();
        }}
        onAuthentication={(a) =>
          navigate(
            `/authentications?q=${encodeURIComponent(a.name)}${a.kind === 'TriggerAuthentication' ? `&namespace=${encodeURIComponent(namespace)}` : ''}`,
          )
        }
      />
      <div>
        <Button
          variant="link"
          size="sm"
          className="px-0"
          onClick={() => navigate(`/${plural}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`)}
        >
          Open in KEDA
        </Button>
      </div>
    </div>
  );
}
