export { type RunningAgent, startAgent } from './agent.js';
export { backoffDelay } from './backoff.js';
export { type AgentConfig, AgentConfigError, loadAgentConfig, USAGE } from './config.js';
export { createCredentialStore, type StoredCredential } from './credential-store.js';
export { kubernetesVersion } from './kube-request.js';
export { AGENT_VERSION, FatalAgentError, type TunnelClient } from './tunnel-client.js';
