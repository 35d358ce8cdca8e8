/** The assistant's tools: read tools run at once; write tools prepare a confirmation and run once approved. */
import type { z } from 'zod';
import type { Authorizer, Principal } from '../../auth/types.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { OperationsService } from '../../operations/operations-service.js';
import type { SmartRunner } from '../../terminal/smart/run.js';

export interface ToolDeps {
  module: ClusterModule;
  runner: SmartRunner;
  operations: OperationsService;
  authorizer: Authorizer;
  /** The knowledge base (ai-retrieval), when present. */
  retrieval?: KnowledgeSearch | undefined;
}

/** What the assistant needs of the retrieval service (apps/server/src/ai/retrieval: ScopedRetrieval). */
export interface KnowledgeSearch {
  searchFor(
    principal: Principal,
    query: string,
    options?: { limit?: number; clusterId?: string },
  ): Promise<{
    items: { source: string; source_id: string; title: string; heading: string | null; content: string }[];
  }>;
}

export interface ToolContext {
  principal: Principal;
  /** The cluster the conversation or the UI names, used when a tool call gives none. */
  clusterId?: string | undefined;
  namespace?: string | undefined;
  signal: AbortSignal;
}

export interface ToolOutput {
  ok: boolean;
  /** What the model receives (before redaction and framing). */
  text: string;
  /** One line for the UI's card. */
  summary: string;
  /** Logs keep their newest lines when cut. */
  keep?: 'start' | 'end';
}

/** What a write will do, for the confirmation card; throws FORBIDDEN when RBAC refuses the caller. */
export interface WritePlan {
  summary: string;
  diff?: string;
  /** The arguments the confirmation binds (resolved: cluster id, namespace filled in). */
  arguments: Record<string, unknown>;
}

export interface ReadTool<A = Record<string, unknown>> {
  kind: 'read';
  name: string;
  description: string;
  schema: z.ZodType<A>;
  run(deps: ToolDeps, ctx: ToolContext, args: A): Promise<ToolOutput>;
}

export interface WriteTool<A = Record<string, unknown>> {
  kind: 'write';
  name: string;
  description: string;
  schema: z.ZodType<A>;
  /** Resolves, checks RBAC as the caller, and previews (dry run / current state); changes nothing. */
  plan(deps: ToolDeps, ctx: ToolContext, args: A): Promise<WritePlan>;
  /** Runs the approved arguments as the caller. */
  execute(deps: ToolDeps, ctx: ToolContext, args: A): Promise<ToolOutput>;
}

export type Tool = ReadTool<never> | WriteTool<never>;
