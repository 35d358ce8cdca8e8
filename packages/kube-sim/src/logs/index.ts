export { flavourFor } from './flavours.js';
export type { LogHandlerOptions, LogPlan } from './log-handler.js';
export { createLogHandler, planLogs, readPodLogs, renderLogs } from './log-handler.js';
export type { LogOptions } from './log-options.js';
export { parseLogOptions } from './log-options.js';
