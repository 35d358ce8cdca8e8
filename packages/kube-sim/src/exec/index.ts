export { createAttachHandler } from './attach-handler.js';
export type { ExecHandler, ExecHandlerOptions, ExecTarget } from './exec-handler.js';
export { containerEnvironment, createExecHandler, planExec } from './exec-handler.js';
export type { PodGetter, PodShape } from './pod-shape.js';
export { SUPPORTED_PROTOCOLS } from './protocol.js';
