export type { Clock, ManualClock } from './clock.js';
export { createManualClock, systemClock } from './clock.js';
export type { Controllers, ControllersOptions } from './controllers.js';
export { createControllers } from './controllers.js';
export type { Metrics } from './metrics.js';
export { createMetrics } from './metrics.js';
export type { Timings } from './runtime.js';
export { DEFAULT_TIMINGS } from './runtime.js';
