/** The JSON shapes the routes answer with (snake_case), cut from stored releases. */
import type { HistoryEntry, ReleaseDetail, ReleaseSummary } from '../shared/api-types.js';
import type { HelmRelease } from './release-codec.js';

export function releaseSummary(r: HelmRelease): ReleaseSummary {
  const meta = r.chart.metadata;
  return {
    name: r.name,
    namespace: r.namespace,
    revision: r.version,
    status: r.info.status,
    chart: `${meta.name}-${meta.version}`,
    chart_name: meta.name,
    chart_version: meta.version,
    app_version: meta.appVersion ?? null,
    updated: r.info.last_deployed || null,
    description: r.info.description ?? '',
  };
}

/** `notes`: whether the caller may read release content (secrets:read); otherwise notes are null. */
export function releaseDetail(r: HelmRelease, notes: boolean): ReleaseDetail {
  const meta = r.chart.metadata;
  return {
    ...releaseSummary(r),
    first_deployed: r.info.first_deployed || null,
    deleted: r.info.deleted || null,
    notes: notes ? (r.info.notes ?? '') : null,
    chart_metadata: {
      name: meta.name,
      version: meta.version,
      app_version: meta.appVersion ?? null,
      description: meta.description ?? '',
    },
  };
}

export function historyEntry(r: HelmRelease): HistoryEntry {
  const { name: _n, namespace: _ns, ...rest } = releaseSummary(r);
  return rest;
}
