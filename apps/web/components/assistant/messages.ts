import type { AiMessage, AiStreamFrame } from '@argus/contracts';

/** One piece of an answer as the panel shows it. */
export type Part =
  | { kind: 'text'; text: string }
  | {
      kind: 'tool';
      id: string;
      name: string;
      arguments: Record<string, unknown>;
      summary?: string;
      ok?: boolean;
      status: string;
    }
  | {
      kind: 'confirmation';
      id: string;
      tool: string;
      arguments: Record<string, unknown>;
      summary: string;
      diff?: string;
      expires_at?: string;
      state: 'pending' | 'approved' | 'rejected' | 'expired' | 'failed';
    }
  | { kind: 'error'; code: string; message: string };

export interface UiMessage {
  role: 'user' | 'assistant';
  parts: Part[];
}

/** A stored conversation's messages as panel messages (tool calls as cards, pending ones with their buttons). */
export function fromHistory(messages: readonly AiMessage[]): UiMessage[] {
  return messages.map((m) => {
    const parts: Part[] = [];
    for (const call of m.tool_calls ?? []) {
      if (call.confirmation_id && call.status === 'pending_confirmation') {
        parts.push({
          kind: 'confirmation',
          id: call.confirmation_id,
          tool: call.name,
          arguments: call.arguments,
          summary: call.summary ?? call.name,
          state: 'pending',
        });
      } else {
        parts.push({
          kind: 'tool',
          id: call.id,
          name: call.name,
          arguments: call.arguments,
          ...(call.summary ? { summary: call.summary } : {}),
          status: call.status,
        });
      }
    }
    if (m.content) parts.push({ kind: 'text', text: m.content });
    return { role: m.role, parts };
  });
}

/** Applies one streamed frame to the answer being built (returns a new parts array). */
export function applyFrame(parts: readonly Part[], frame: AiStreamFrame): Part[] {
  const out = [...parts];
  switch (frame.type) {
    case 'text': {
      const last = out.at(-1);
      if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + frame.text };
      else out.push({ kind: 'text', text: frame.text });
      return out;
    }
    case 'tool_call':
      out.push({ kind: 'tool', id: frame.id, name: frame.name, arguments: frame.arguments, status: 'running' });
      return out;
    case 'tool_result': {
      const i = out.findIndex((p) => p.kind === 'tool' && p.id === frame.id);
      const done = { summary: frame.summary, ok: frame.ok, status: frame.ok ? 'done' : 'error' };
      if (i >= 0) out[i] = { ...(out[i] as Extract<Part, { kind: 'tool' }>), ...done };
      else out.push({ kind: 'tool', id: frame.id, name: frame.name, arguments: {}, ...done });
      return out;
    }
    case 'confirmation': {
      // The write tool's call becomes this card (it does not run until approved).
      const i = out.findLastIndex((p) => p.kind === 'tool' && p.name === frame.tool && p.status === 'running');
      if (i >= 0) out.splice(i, 1);
      out.push({
        kind: 'confirmation',
        id: frame.id,
        tool: frame.tool,
        arguments: frame.arguments,
        summary: frame.summary,
        ...(frame.diff ? { diff: frame.diff } : {}),
        expires_at: frame.expires_at,
        state: 'pending',
      });
      return out;
    }
    case 'error':
      out.push({ kind: 'error', code: frame.code, message: frame.message });
      return out;
    default:
      return out;
  }
}
