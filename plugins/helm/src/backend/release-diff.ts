/** Unified diffs between two revisions of a release: the rendered manifest and the values. */
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { RevisionDiff } from '../shared/api-types.js';
import type { HelmRelease } from './release-codec.js';
import { computedValues, userValues } from './release-values.js';

const chartRef = (r: HelmRelease) => `${r.chart.metadata.name}-${r.chart.metadata.version}`;

function yaml(values: Record<string, unknown>): string {
  return Object.keys(values).length === 0 ? '' : stringify(values, { sortMapEntries: true });
}

export function unifiedDiff(
  label: string,
  from: { rev: number; text: string },
  to: { rev: number; text: string },
): string {
  if (from.text === to.text) return '';
  return createTwoFilesPatch(`${label}@${from.rev}`, `${label}@${to.rev}`, from.text, to.text, '', '', { context: 3 });
}

export function diffRevisions(from: HelmRelease, to: HelmRelease): RevisionDiff {
  const pair = (text: (r: HelmRelease) => string, label: string) =>
    unifiedDiff(label, { rev: from.version, text: text(from) }, { rev: to.version, text: text(to) });
  return {
    from: from.version,
    to: to.version,
    manifest: pair((r) => r.manifest ?? '', 'manifest'),
    values: pair((r) => yaml(userValues(r)), 'values'),
    computed_values: pair((r) => yaml(computedValues(r)), 'computed-values'),
    chart: { from: chartRef(from), to: chartRef(to) },
  };
}
