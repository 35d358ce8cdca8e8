/** The "Network policies" tab on a pod's detail page (manifest `detail_tabs`, group "" resource pods). */
import type { PluginDetailTabProps } from '@argus/plugin-sdk/frontend';
import { PodPolicyList } from './PodPolicyList';

export default function PodPoliciesTab({ api, clusterId, object, navigate }: PluginDetailTabProps) {
  return (
    <PodPolicyList
      api={api}
      clusterId={clusterId}
      namespace={object.metadata.namespace ?? ''}
      name={object.metadata.name}
      onOpen={navigate}
    />
  );
}
