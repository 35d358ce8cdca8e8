/** Registers the agent feature on the app (routes; module closed with the app). The gRPC port opens in startServer. */
import type { FastifyInstance } from 'fastify';
import { agentRoutes } from '../http/routes/agents.js';
import { type AgentModule, type AgentModuleDeps, createAgentModule } from './agent-module.js';

export async function registerAgents(app: FastifyInstance, deps: AgentModuleDeps): Promise<AgentModule> {
  const agents = createAgentModule(deps);
  app.addHook('onClose', () => agents.close());
  await app.register(agentRoutes, { agents, config: deps.config, db: deps.db });
  return agents;
}
