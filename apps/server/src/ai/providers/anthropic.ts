/** Anthropic's Messages API, streaming, through the official SDK (`@anthropic-ai/sdk`). */
import Anthropic from '@anthropic-ai/sdk';
import { idleTimeout, isAbort, providerError } from './provider-errors.js';
import type { AiProvider, ChatMessage, ProviderConfig, StopReason, StreamEvent } from './types.js';
import { parseArguments } from './types.js';

type Block =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string };
type Msg = { role: 'user' | 'assistant'; content: Block[] };

/** Our messages as Anthropic's: tool results are user content blocks, consecutive ones in one message. */
export function toAnthropicMessages(messages: ChatMessage[]): Msg[] {
  const out: Msg[] = [];
  const push = (role: Msg['role'], block: Block) => {
    const last = out.at(-1);
    if (last && last.role === role) last.content.push(block);
    else out.push({ role, content: [block] });
  };
  for (const m of messages) {
    if (m.role === 'user') push('user', { type: 'text', text: m.content });
    else if (m.role === 'tool') push('user', { type: 'tool_result', tool_use_id: m.toolCallId, content: m.content });
    else {
      if (m.content) push('assistant', { type: 'text', text: m.content });
      for (const c of m.toolCalls ?? [])
        push('assistant', { type: 'tool_use', id: c.id, name: c.name, input: c.arguments });
      if (!m.content && !m.toolCalls?.length) push('assistant', { type: 'text', text: '(no answer)' });
    }
  }
  return out;
}

const STOP: Record<string, StopReason> = { end_turn: 'end', tool_use: 'tool_use', max_tokens: 'max_tokens' };

export function createAnthropicProvider(cfg: ProviderConfig): AiProvider {
  const client = new Anthropic({
    apiKey: cfg.apiKey ?? 'none',
    baseURL: cfg.baseUrl ?? 'https://api.anthropic.com',
    timeout: cfg.timeoutMs,
    maxRetries: 0,
  });
  return {
    name: 'anthropic',
    model: cfg.model,
    async *stream(req, outer): AsyncIterable<StreamEvent> {
      const t = idleTimeout(outer, cfg.timeoutMs);
      // tool_use blocks by index: their JSON arrives in pieces split anywhere
      const blocks = new Map<number, { id: string; name: string; json: string }>();
      let input = 0;
      let output = 0;
      try {
        const stream = await client.messages.create(
          {
            model: cfg.model,
            max_tokens: req.maxTokens,
            system: req.system,
            messages: toAnthropicMessages(req.messages) as Anthropic.MessageParam[],
            ...(req.tools.length
              ? {
                  tools: req.tools.map((tool) => ({
                    name: tool.name,
                    description: tool.description,
                    input_schema: tool.parameters as Anthropic.Tool.InputSchema,
                  })),
                }
              : {}),
            stream: true,
          },
          { signal: t.signal },
        );
        for await (const ev of stream) {
          t.touch();
          switch (ev.type) {
            case 'message_start':
              input = ev.message.usage?.input_tokens ?? 0;
              output = ev.message.usage?.output_tokens ?? 0;
              break;
            case 'content_block_start':
              if (ev.content_block.type === 'tool_use')
                blocks.set(ev.index, { id: ev.content_block.id, name: ev.content_block.name, json: '' });
              break;
            case 'content_block_delta':
              if (ev.delta.type === 'text_delta') yield { type: 'text', text: ev.delta.text };
              else if (ev.delta.type === 'input_json_delta') {
                const b = blocks.get(ev.index);
                if (b) b.json += ev.delta.partial_json;
              }
              break;
            case 'content_block_stop': {
              const b = blocks.get(ev.index);
              if (b) {
                blocks.delete(ev.index);
                yield { type: 'tool_call', call: { id: b.id, name: b.name, arguments: parseArguments(b.json) } };
              }
              break;
            }
            case 'message_delta':
              output = ev.usage?.output_tokens ?? output;
              if (typeof ev.usage?.input_tokens === 'number') input = ev.usage.input_tokens;
              yield { type: 'usage', inputTokens: input, outputTokens: output };
              yield { type: 'stop', reason: STOP[ev.delta.stop_reason ?? ''] ?? 'other' };
              break;
            default:
              break;
          }
        }
        // an SDK may end a stream quietly when its signal fires: a timeout or cancel must not look like an answer
        if (t.timedOut()) throw providerError('anthropic', new Error('timeout'), true);
        if (outer.aborted) throw new DOMException('The turn was cancelled', 'AbortError');
      } catch (err) {
        if (isAbort(err, outer) && !t.timedOut()) throw err;
        throw providerError('anthropic', err, t.timedOut());
      } finally {
        t.clear();
      }
    },
  };
}
