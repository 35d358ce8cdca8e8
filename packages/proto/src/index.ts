export { CreditGate, MAX_CHUNK } from './credit-gate.js';
export { createFrameBatcher, type FrameBatcher, type FrameBatcherOptions, type FrameSink } from './frame-batcher.js';
export * from './gen/agent/v1/agent.js';
// The generated service and client, with the Connect stream's faster encoders (these names shadow the generated ones).
export { AgentServiceClient, AgentServiceService, reusingEncoder } from './service.js';
