export { CreditGate, MAX_CHUNK } from './credit-gate.js';
export { createFrameBatcher, type FrameBatcher, type FrameBatcherOptions, type FrameSink } from './frame-batcher.js';
export * from './gen/agent/v1/agent.js';
