import { buildDemoScenario } from './demo/index.js';
import { buildEmptyScenario } from './empty.js';
import { buildScaleScenario } from './scale.js';
import type { ScaleOptions, Scenario, ScenarioName } from './types.js';

export { DEFAULT_NOW } from './builder.js';
export { applyChurnOp, createChurn } from './churn.js';
export { buildDemoScenario } from './demo/index.js';
export { buildEmptyScenario } from './empty.js';
export {
  decodeHelmRelease,
  encodeHelmRelease,
  type HelmRelease,
  type HelmStatus,
  helmReleaseSecret,
  helmSecretName,
} from './helm-release.js';
export { Rng } from './rng.js';
export { buildScaleScenario, generateScaleObjects } from './scale.js';
export type * from './types.js';

export const SCENARIO_NAMES: readonly ScenarioName[] = ['demo', 'empty', 'scale'];

/** Builds a named scenario; `opts` are passed through (scale reads nodes/namespaces/deployments/pods). */
export function buildScenario(name: ScenarioName | string, opts: ScaleOptions = {}): Scenario {
  switch (name) {
    case 'demo':
      return buildDemoScenario(opts);
    case 'empty':
      return buildEmptyScenario(opts);
    case 'scale':
      return buildScaleScenario(opts);
    default:
      throw new Error(`unknown scenario "${name}" (known: ${SCENARIO_NAMES.join(', ')})`);
  }
}
