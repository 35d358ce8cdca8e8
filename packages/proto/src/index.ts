export * from './gen/agent/v1/agent.js';
