/** Values as `helm get values [--all]` shows them: user-supplied, or coalesced over the chart's defaults. */
import type { HelmRelease } from './release-codec.js';

type Values = Record<string, unknown>;

const isMap = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Helm's CoalesceValues for one chart: user values win; maps merge key by key; a user `null` removes
 * the chart's key.
 */
export function coalesceValues(chartValues: Values, userValues: Values): Values {
  const out: Values = { ...chartValues };
  for (const [key, value] of Object.entries(userValues)) {
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(out[key])) out[key] = coalesceValues(out[key] as Values, value);
    else out[key] = value;
  }
  return out;
}

export function userValues(release: HelmRelease): Values {
  return release.config ?? {};
}

export function computedValues(release: HelmRelease): Values {
  return coalesceValues(release.chart.values ?? {}, userValues(release));
}
