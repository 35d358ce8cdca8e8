/** Builds the assistant (settings, usage, tools as the user, confirmations, conversations) and mounts its routes. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createAuditStore } from '../audit/audit-store.js';
import type { Authorizer } from '../auth/types.js';
import type { ClusterModule } from '../clusters/cluster-module.js';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/types.js';
import type { OperationsService } from '../operations/operations-service.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { SmartRunner } from '../terminal/smart/run.js';
import { createConfirmationStore } from './confirmations/confirmation-store.js';
import { createConversationStore } from './conversations/conversation-store.js';
import type { TurnDeps } from './conversations/turn.js';
import { aiRoutes } from './http/ai-routes.js';
import { aiSettingsRoutes } from './http/settings-routes.js';
import { createAiSettingsService } from './settings/ai-settings.js';
import { createAiUsageService } from './settings/usage.js';
import { createToolbox } from './tools/toolbox.js';
import type { KnowledgeSearch } from './tools/types.js';

export interface AiDeps {
  config: Config;
  logger: Logger;
  db: Database;
  secrets: SecretBox;
  clusters: ClusterModule;
  operations: OperationsService;
  runner: SmartRunner;
  authorizer: Authorizer;
  retrieval?: KnowledgeSearch;
}

export async function registerAi(app: FastifyInstance, deps: AiDeps): Promise<TurnDeps> {
  const { config } = deps;
  const settings = createAiSettingsService({ db: deps.db, secrets: deps.secrets });
  const turn: TurnDeps = {
    config,
    settings,
    usage: createAiUsageService({
      db: deps.db,
      ratePerMinute: config.AI_RATE_LIMIT_PER_MINUTE,
      dailyTokenBudget: config.AI_DAILY_TOKEN_BUDGET,
    }),
    toolbox: createToolbox({
      module: deps.clusters,
      runner: deps.runner,
      operations: deps.operations,
      authorizer: deps.authorizer,
      retrieval: deps.retrieval,
    }),
    confirmations: createConfirmationStore(deps.db),
    conversations: createConversationStore(deps.db),
    audit: createAuditStore(deps.db),
    logger: deps.logger.child({ component: 'ai' }),
  };
  await app.register(aiSettingsRoutes, { settings, requestTimeoutMs: config.AI_REQUEST_TIMEOUT_MS });
  await app.register(aiRoutes, turn);
  return turn;
}
