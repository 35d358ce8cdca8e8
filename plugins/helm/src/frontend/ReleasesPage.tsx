/** The Helm page of a cluster: the release list, one release (`/releases/{ns}/{name}`), or the install form. */
import type { PluginPageProps } from '@argus/plugin-sdk/frontend';
import { ChartForm } from './ChartForm';
import { ReleaseDetailView } from './ReleaseDetailView';
import { ReleaseList } from './ReleaseList';

export default function ReleasesPage(props: PluginPageProps) {
  const [first, second] = props.subpath;
  if (first === 'install' && second === undefined) return <ChartForm {...props} />;
  if (first !== undefined && second !== undefined)
    return <ReleaseDetailView {...props} namespace={first} name={second} />;
  return <ReleaseList {...props} />;
}
