export { CreditGate, MAX_CHUNK } from './credit-gate.js';
export * from './gen/agent/v1/agent.js';
