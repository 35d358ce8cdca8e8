/**
 * Approving or rejecting a confirmation (`POST /api/ai/confirmations/{id}/approve|reject`): single use, the
 * same user, within its expiry (the store decides atomically), then — for an approval — the tool's RBAC
 * check again as the user now (roles may have changed), the change itself as the user, audited, and the
 * model continues the conversation from its result.
 */
import { AppError } from '@argus/contracts';
import type { Principal } from '../../auth/types.js';
import type { StoredConversation, StoredToolCall } from '../conversations/conversation-store.js';
import { type Emit, runTurn, type TurnDeps } from '../conversations/turn.js';
import { auditArguments, untrusted } from '../safety/redact-output.js';
import type { ToolContext, WriteTool } from '../tools/types.js';
import { argumentsHash } from './confirmation-store.js';

function findCall(c: StoredConversation, toolCallId: string): StoredToolCall | undefined {
  for (const m of c.messages) for (const t of m.tool_calls ?? []) if (t.id === toolCallId) return t;
  return undefined;
}

export async function rejectConfirmation(deps: TurnDeps, principal: Principal, id: string): Promise<void> {
  const c = await deps.confirmations.reject(id, principal.userId);
  const conversation = await deps.conversations.get(c.conversationId, principal.userId);
  const call = findCall(conversation, c.toolCallId);
  if (call) {
    call.status = 'rejected';
    call.result = untrusted(c.tool, 'The user rejected this change: nothing was changed.');
    await deps.conversations.save(conversation);
  }
}

/**
 * Takes the confirmation and re-checks RBAC (errors become HTTP statuses); returns the work that executes it
 * and streams the rest of the turn.
 */
export async function approveConfirmation(
  deps: TurnDeps,
  principal: Principal,
  id: string,
): Promise<(emit: Emit, signal: AbortSignal) => Promise<void>> {
  const c = await deps.confirmations.approve(id, principal.userId);
  const conversation = await deps.conversations.get(c.conversationId, principal.userId);
  const call = findCall(conversation, c.toolCallId);
  const refuse = async (err: AppError) => {
    if (call) {
      call.status = 'refused';
      call.summary = err.message;
      call.result = untrusted(c.tool, `The approval was refused: ${err.message}. Nothing was changed.`);
      await deps.conversations.save(conversation);
    }
    return err;
  };
  const level = await deps.settings.toolPermissionLevel();
  if (level !== 'all')
    throw await refuse(
      new AppError('AI_TOOLS_DISABLED', `write tools are turned off by the administrator (tools: ${level})`),
    );
  const tool = deps.toolbox.get(c.tool);
  if (tool?.kind !== 'write')
    throw await refuse(new AppError('AI_CONFIRMATION_NOT_FOUND', 'the tool no longer exists'));
  const write = tool as WriteTool<never>;
  const parsed = write.schema.safeParse(c.arguments);
  if (!parsed.success)
    throw await refuse(new AppError('VALIDATION_FAILED', 'the confirmed arguments are no longer valid'));
  const ctx: ToolContext = {
    principal,
    clusterId: conversation.clusterId ?? undefined,
    signal: new AbortController().signal,
  };
  // RBAC as the user now; and the arguments must still resolve to exactly what was confirmed
  try {
    const again = await write.plan(deps.toolbox.deps, ctx, parsed.data);
    if (argumentsHash(c.tool, again.arguments) !== argumentsHash(c.tool, c.arguments))
      throw new AppError('CONFLICT', 'the change no longer resolves to what was confirmed: ask again');
  } catch (err) {
    throw await refuse(err instanceof AppError ? err : new AppError('INTERNAL', 'the check failed', { cause: err }));
  }

  return async (emit, signal) => {
    const started = Date.now();
    const auditId = await deps.audit.begin({
      userId: principal.userId,
      userEmail: principal.email,
      sourceIp: null,
      method: 'POST',
      route: '/api/ai/confirmations/:id/approve',
      path: `/api/ai/confirmations/${c.id}/approve`,
      action: `ai.tool.${c.tool}.execute`,
      clusterId: typeof c.arguments.cluster === 'string' ? c.arguments.cluster : null,
      namespace: typeof c.arguments.namespace === 'string' ? c.arguments.namespace : null,
      resource: typeof c.arguments.kind === 'string' ? c.arguments.kind : null,
      resourceName: typeof c.arguments.name === 'string' ? c.arguments.name : null,
      requestBody: auditArguments(c.arguments),
    });
    let ok = false;
    let summary: string;
    let text: string;
    try {
      // once approved the change runs to its end, whether or not the browser stays
      const out = await write.execute(deps.toolbox.deps, ctx, parsed.data);
      ok = out.ok;
      summary = out.summary;
      text = out.text;
      await deps.audit.finish(auditId, {
        outcome: ok ? 'success' : 'failed',
        statusCode: ok ? 200 : 400,
        errorCode: null,
        durationMs: Date.now() - started,
      });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', 'the change failed', { cause: err });
      summary = `${e.code}: ${e.message}`;
      text = `Error ${e.code}: ${e.message}`;
      await deps.audit.finish(auditId, {
        outcome: e.status === 403 ? 'denied' : 'failed',
        statusCode: e.status,
        errorCode: e.code,
        durationMs: Date.now() - started,
      });
    }
    if (call) {
      call.status = ok ? 'approved' : 'error';
      call.summary = summary;
      call.result = untrusted(c.tool, `The user approved the change. Result: ${text}`);
    }
    const last = conversation.messages.at(-1);
    if (!call || !last?.tool_calls?.includes(call))
      // the conversation moved on since the card: tell the model in order
      conversation.messages.push({
        role: 'user',
        content: `(Approved: ${c.summary}. Result: ${summary})`,
        created_at: new Date().toISOString(),
      });
    await deps.conversations.save(conversation);
    emit({ type: 'tool_result', id: c.toolCallId, name: c.tool, summary, ok });
    if (!(await deps.settings.active())) {
      emit({ type: 'done' });
      return;
    }
    await runTurn(deps, { principal, conversation, emit, signal });
  };
}
