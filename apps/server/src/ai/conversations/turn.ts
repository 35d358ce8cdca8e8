/**
 * One turn of a conversation (issue 20 items 2–3): the model streams, read tools run at once as the user,
 * a write tool stops the turn with a confirmation, and every tool call is audited before it runs. Bounded:
 * rounds of tool calls (AI_MAX_TOOL_ROUNDS), time (AI_TURN_TIMEOUT_MS), output per tool and per turn.
 */
import { type AiStreamFrame, AppError, type ToolPermissionLevel } from '@argus/contracts';
import type { Logger } from 'pino';
import type { AuditStore } from '../../audit/audit-store.js';
import type { Principal } from '../../auth/types.js';
import type { Config } from '../../config/load-config.js';
import type { ConfirmationStore } from '../confirmations/confirmation-store.js';
import { createProvider } from '../providers/create-provider.js';
import { isAbort } from '../providers/provider-errors.js';
import type { AiProvider, ChatMessage, ToolCall } from '../providers/types.js';
import { auditArguments, bound, untrusted } from '../safety/redact-output.js';
import { type AiSettingsService, HOW_TO_CONFIGURE } from '../settings/ai-settings.js';
import type { AiUsageService } from '../settings/usage.js';
import type { Toolbox } from '../tools/toolbox.js';
import type { ToolContext } from '../tools/types.js';
import type { ConversationStore, StoredConversation, StoredMessage, StoredToolCall } from './conversation-store.js';
import { systemPrompt } from './system-prompt.js';

export type Emit = (frame: AiStreamFrame) => void;

export interface TurnDeps {
  config: Pick<
    Config,
    | 'AI_MAX_TOOL_ROUNDS'
    | 'AI_TURN_TIMEOUT_MS'
    | 'AI_REQUEST_TIMEOUT_MS'
    | 'AI_TOOL_OUTPUT_MAX_CHARS'
    | 'AI_CONFIRMATION_TTL_SECONDS'
  >;
  settings: AiSettingsService;
  usage: AiUsageService;
  toolbox: Toolbox;
  confirmations: ConfirmationStore;
  conversations: ConversationStore;
  audit: AuditStore;
  logger: Logger;
}

const MAX_TOKENS = 4096;
const now = () => new Date().toISOString();

/** How much of a long conversation the model sees: the latest messages, from a user message on. */
const HISTORY_MESSAGES = 40;
const HISTORY_CHARS = 200_000;

function recent(messages: StoredMessage[]): StoredMessage[] {
  let start = messages.length;
  let chars = 0;
  while (start > 0 && messages.length - start < HISTORY_MESSAGES) {
    const m = messages[start - 1]!;
    chars += m.content.length + (m.tool_calls ?? []).reduce((n, c) => n + (c.result?.length ?? 0), 0);
    if (chars > HISTORY_CHARS && start < messages.length) break;
    start--;
  }
  while (start < messages.length && messages[start]!.role !== 'user') start++;
  return messages.slice(start);
}

/** The stored transcript as the providers take it (its recent part): every tool call followed by its result. */
export function toChatMessages(messages: StoredMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of recent(messages)) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else {
      const calls = m.tool_calls ?? [];
      out.push({
        role: 'assistant',
        content: m.content,
        ...(calls.length ? { toolCalls: calls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })) } : {}),
      });
      for (const c of calls)
        out.push({ role: 'tool', toolCallId: c.id, name: c.name, content: c.result ?? '(no result)' });
    }
  }
  return out;
}

/** The context of the latest user message (the approval of a confirmation continues in it). */
const lastContext = (c: StoredConversation) => [...c.messages].reverse().find((m) => m.role === 'user')?.context;

export interface TurnInput {
  principal: Principal;
  conversation: StoredConversation;
  emit: Emit;
  /** Fires when the client goes away. */
  signal: AbortSignal;
}

/** Audits a tool call (before it runs) and returns a function recording its outcome. */
async function auditTool(
  deps: TurnDeps,
  input: TurnInput,
  call: ToolCall,
  stage: 'run' | 'confirmation' | 'execute',
  clusterId: string | null,
): Promise<(outcome: 'success' | 'denied' | 'failed' | 'error', status: number, code?: string) => Promise<void>> {
  const started = Date.now();
  const args = call.arguments;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const id = await deps.audit.begin({
    userId: input.principal.userId,
    userEmail: input.principal.email,
    sourceIp: null,
    method: 'POST',
    route: '/api/ai/conversations/:id/messages',
    path: `/api/ai/conversations/${input.conversation.id}/tools/${call.name}`,
    action: `ai.tool.${call.name}${stage === 'run' ? '' : `.${stage}`}`,
    clusterId,
    namespace: str(args.namespace),
    resource: str(args.kind),
    resourceName: str(args.name) ?? str(args.pod),
    requestBody: auditArguments(args),
  });
  return (outcome, statusCode, code) =>
    deps.audit.finish(id, { outcome, statusCode, errorCode: code ?? null, durationMs: Date.now() - started });
}

async function clusterIdFor(deps: TurnDeps, ctx: ToolContext, args: Record<string, unknown>): Promise<string | null> {
  const want = typeof args.cluster === 'string' ? args.cluster : ctx.clusterId;
  if (!want) return null;
  try {
    return (await deps.toolbox.deps.module.clusters.resolve(want)).id;
  } catch {
    return null;
  }
}

/** Runs one tool call; returns whether the turn must stop (a confirmation is waiting). */
async function runTool(
  deps: TurnDeps,
  input: TurnInput,
  ctx: ToolContext,
  level: ToolPermissionLevel,
  call: ToolCall,
  budget: { chars: number },
): Promise<{ record: StoredToolCall; stop: boolean }> {
  const { emit } = input;
  const record: StoredToolCall = { id: call.id, name: call.name, arguments: call.arguments, status: 'done' };
  const finish = (
    ok: boolean,
    summary: string,
    text: string,
    status: StoredToolCall['status'] = ok ? 'done' : 'error',
  ) => {
    record.status = status;
    record.summary = summary;
    record.result = untrusted(call.name, text);
    emit({ type: 'tool_result', id: call.id, name: call.name, summary, ok });
    return { record, stop: false };
  };
  emit({ type: 'tool_call', id: call.id, name: call.name, arguments: call.arguments });
  const tool = deps.toolbox.get(call.name);
  if (!tool) return finish(false, `unknown tool ${call.name}`, `There is no tool named ${call.name}.`);
  if (level === 'disabled' || (level === 'read_only' && tool.kind === 'write'))
    return finish(
      false,
      'not allowed by the administrator',
      `The administrator's setting (tools: ${level}) does not allow ${call.name}.`,
      'refused',
    );
  const parsed = tool.schema.safeParse(call.arguments);
  if (!parsed.success)
    return finish(
      false,
      'invalid arguments',
      `Invalid arguments: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const args = parsed.data as never;
  if (tool.kind === 'read' && budget.chars <= 0)
    return finish(
      false,
      'output budget of this answer used up',
      `This answer already read ${deps.config.AI_TOOL_OUTPUT_MAX_CHARS * 4} characters of tool output: answer with what you have.`,
    );
  const clusterId = await clusterIdFor(deps, ctx, call.arguments);
  const done = await auditTool(deps, input, call, tool.kind === 'write' ? 'confirmation' : 'run', clusterId);
  try {
    if (tool.kind === 'read') {
      const out = await tool.run(deps.toolbox.deps, ctx, args);
      const max = Math.min(deps.config.AI_TOOL_OUTPUT_MAX_CHARS, budget.chars);
      const text = bound(out.text, max, out.keep);
      budget.chars -= text.length;
      await done(out.ok ? 'success' : 'failed', out.ok ? 200 : 400);
      return finish(out.ok, out.summary, text);
    }
    // a write: RBAC and a preview now, the change only after the user approves
    const plan = await tool.plan(deps.toolbox.deps, ctx, args);
    const confirmation = await deps.confirmations.create(
      {
        userId: input.principal.userId,
        conversationId: input.conversation.id,
        toolCallId: call.id,
        tool: call.name,
        arguments: plan.arguments,
        summary: plan.summary,
        diff: plan.diff ?? null,
      },
      deps.config.AI_CONFIRMATION_TTL_SECONDS,
    );
    await done('success', 202);
    record.status = 'pending_confirmation';
    record.summary = plan.summary;
    record.confirmation_id = confirmation.id;
    record.arguments = plan.arguments;
    record.result = untrusted(
      call.name,
      `Not done yet: the user sees a confirmation card for "${plan.summary}" and must approve it. Do not call the tool again.`,
    );
    emit({
      type: 'confirmation',
      id: confirmation.id,
      tool: call.name,
      arguments: plan.arguments,
      summary: plan.summary,
      ...(plan.diff ? { diff: scrubDiff(plan.diff) } : {}),
      expires_at: confirmation.expiresAt,
    });
    return { record, stop: true };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('INTERNAL', 'the tool failed', { cause: err });
    if (!(err instanceof AppError)) deps.logger.warn({ err, tool: call.name }, 'AI tool failed');
    await done(e.status === 403 ? 'denied' : e.status >= 500 ? 'error' : 'failed', e.status, e.code).catch(() => {});
    if (e.status === 403)
      return finish(
        false,
        `refused by Argus RBAC: ${e.message}`,
        `Refused by Argus RBAC: ${e.message}. Nothing was changed.`,
        'refused',
      );
    return finish(false, `${e.code}: ${e.message}`.slice(0, 300), `Error ${e.code}: ${e.message}`);
  }
}

const scrubDiff = (diff: string) => untrusted('diff', diff).split('\n').slice(1, -2).join('\n');

/** Picks the provider, or null after emitting how to configure one. */
async function providerFor(deps: TurnDeps, emit: Emit): Promise<AiProvider | null> {
  const active = await deps.settings.active();
  if (!active) {
    emit({ type: 'error', code: 'AI_NOT_CONFIGURED', message: HOW_TO_CONFIGURE });
    return null;
  }
  return createProvider({ ...active, timeoutMs: deps.config.AI_REQUEST_TIMEOUT_MS });
}

/**
 * Runs the model from the conversation as it stands (a new user message appended, or a confirmation just
 * decided), saving it as it goes; emits `done`, or `error` (the last frame either way).
 */
export async function runTurn(deps: TurnDeps, input: TurnInput): Promise<void> {
  const { emit, conversation } = input;
  const timeout = AbortSignal.timeout(deps.config.AI_TURN_TIMEOUT_MS);
  const signal = AbortSignal.any([input.signal, timeout]);
  const usage = { input_tokens: 0, output_tokens: 0 };
  try {
    const provider = await providerFor(deps, emit);
    if (!provider) return;
    const level = await deps.settings.toolPermissionLevel();
    const context = lastContext(conversation);
    const clusterId = context?.cluster_id ?? conversation.clusterId ?? undefined;
    let clusterName: string | undefined;
    if (clusterId)
      clusterName = await deps.toolbox.deps.module.clusters.get(clusterId).then(
        (c) => c.name,
        () => undefined,
      );
    const ctx: ToolContext = { principal: input.principal, clusterId, namespace: context?.namespace, signal };
    const system = systemPrompt({ userName: input.principal.name, clusterId, clusterName, context, toolLevel: level });
    const tools = deps.toolbox.specs(level);
    const budget = { chars: deps.config.AI_TOOL_OUTPUT_MAX_CHARS * 4 };
    for (let round = 0; ; round++) {
      if (round >= deps.config.AI_MAX_TOOL_ROUNDS) {
        const note = `\n\n_(Stopped: at most ${deps.config.AI_MAX_TOOL_ROUNDS} rounds of tool calls per message. Ask me to continue.)_`;
        emit({ type: 'text', text: note });
        conversation.messages.push({ role: 'assistant', content: note.trim(), created_at: now() });
        break;
      }
      const entry: StoredMessage = { role: 'assistant', content: '', created_at: now() };
      const calls: ToolCall[] = [];
      try {
        for await (const ev of provider.stream(
          { system, messages: toChatMessages(conversation.messages), tools, maxTokens: MAX_TOKENS },
          signal,
        )) {
          if (ev.type === 'text') {
            entry.content += ev.text;
            emit({ type: 'text', text: ev.text });
          } else if (ev.type === 'tool_call') calls.push(ev.call);
          else if (ev.type === 'usage') {
            usage.input_tokens += ev.inputTokens;
            usage.output_tokens += ev.outputTokens;
            await deps.usage.record(input.principal.userId, ev.inputTokens, ev.outputTokens);
          }
        }
      } finally {
        if (entry.content || calls.length) {
          conversation.messages.push(entry);
          await deps.conversations.save(conversation);
        }
      }
      if (calls.length === 0) break;
      entry.tool_calls = [];
      let stop = false;
      for (const call of calls) {
        if (signal.aborted) throw signal.reason ?? new Error('aborted');
        const r = await runTool(deps, input, ctx, level, call, budget);
        entry.tool_calls.push(r.record);
        stop ||= r.stop;
      }
      await deps.conversations.save(conversation);
      if (stop) break;
    }
    emit({ type: 'done', usage });
  } catch (err) {
    if (timeout.aborted) {
      emit({
        type: 'error',
        code: 'AI_PROVIDER_TIMEOUT',
        message: `the answer took longer than ${deps.config.AI_TURN_TIMEOUT_MS} ms (AI_TURN_TIMEOUT_MS)`,
      });
    } else if (isAbort(err, input.signal)) {
      deps.logger.debug({ conversation: conversation.id }, 'AI turn cancelled by the client');
    } else if (err instanceof AppError) {
      emit({ type: 'error', code: err.code, message: err.message });
    } else {
      deps.logger.error({ err, conversation: conversation.id }, 'AI turn failed');
      emit({ type: 'error', code: 'INTERNAL', message: 'the assistant failed; see the server log' });
    }
    await deps.conversations.save(conversation).catch(() => {});
  }
}
