/** Ollama's `/api/chat`, streaming NDJSON, through the official client (`ollama`). */
import { type Message, Ollama } from 'ollama';
import { idleTimeout, isAbort, providerError } from './provider-errors.js';
import type { AiProvider, ChatMessage, ProviderConfig, StreamEvent } from './types.js';

export function toOllamaMessages(system: string, messages: ChatMessage[]): Message[] {
  const out: Message[] = [{ role: 'system', content: system }];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'tool') out.push({ role: 'tool', content: m.content, tool_name: m.name });
    else
      out.push({
        role: 'assistant',
        content: m.content,
        ...(m.toolCalls?.length
          ? { tool_calls: m.toolCalls.map((c) => ({ function: { name: c.name, arguments: c.arguments } })) }
          : {}),
      });
  }
  return out;
}

export function createOllamaProvider(cfg: ProviderConfig): AiProvider {
  return {
    name: 'ollama',
    model: cfg.model,
    async *stream(req, outer): AsyncIterable<StreamEvent> {
      const t = idleTimeout(outer, cfg.timeoutMs);
      // the client has no signal option: its fetch gets ours, so a cancelled turn or a silent server ends it
      const client = new Ollama({
        host: cfg.baseUrl ?? 'http://127.0.0.1:11434',
        fetch: (input, init) => fetch(input, { ...init, signal: t.signal }),
        ...(cfg.apiKey ? { headers: { Authorization: `Bearer ${cfg.apiKey}` } } : {}),
      });
      let n = 0;
      let sawTool = false;
      try {
        const stream = await client.chat({
          model: cfg.model,
          messages: toOllamaMessages(req.system, req.messages),
          ...(req.tools.length
            ? {
                tools: req.tools.map((tool) => ({
                  type: 'function',
                  function: {
                    name: tool.name,
                    description: tool.description,
                    parameters: tool.parameters as never,
                  },
                })),
              }
            : {}),
          options: { num_predict: req.maxTokens },
          stream: true,
        });
        for await (const part of stream) {
          t.touch();
          if (part.message?.content) yield { type: 'text', text: part.message.content };
          for (const c of part.message?.tool_calls ?? []) {
            sawTool = true;
            const args = c.function.arguments;
            yield {
              type: 'tool_call',
              call: {
                id: `ollama_${Date.now().toString(36)}_${n++}`,
                name: c.function.name,
                arguments: args && typeof args === 'object' ? args : {},
              },
            };
          }
          if (part.done) {
            yield { type: 'usage', inputTokens: part.prompt_eval_count ?? 0, outputTokens: part.eval_count ?? 0 };
            yield {
              type: 'stop',
              reason: sawTool ? 'tool_use' : part.done_reason === 'length' ? 'max_tokens' : 'end',
            };
          }
        }
        // an SDK may end a stream quietly when its signal fires: a timeout or cancel must not look like an answer
        if (t.timedOut()) throw providerError('ollama', new Error('timeout'), true);
        if (outer.aborted) throw new DOMException('The turn was cancelled', 'AbortError');
      } catch (err) {
        if (isAbort(err, outer) && !t.timedOut()) throw err;
        throw providerError('ollama', err, t.timedOut());
      } finally {
        t.clear();
      }
    },
  };
}
