/**
 * OpenAI's Chat Completions API, streaming, through the official SDK (`openai`); any OpenAI-compatible
 * endpoint (vLLM, LiteLLM, Azure-style gateways…) through the base URL.
 */
import OpenAI from 'openai';
import { idleTimeout, isAbort, providerError } from './provider-errors.js';
import type { AiProvider, ChatMessage, ProviderConfig, StopReason, StreamEvent } from './types.js';
import { parseArguments } from './types.js';

export function toOpenAiMessages(system: string, messages: ChatMessage[]): OpenAI.ChatCompletionMessageParam[] {
  const out: OpenAI.ChatCompletionMessageParam[] = [{ role: 'system', content: system }];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'tool') out.push({ role: 'tool', tool_call_id: m.toolCallId, content: m.content });
    else
      out.push({
        role: 'assistant',
        content: m.content || null,
        ...(m.toolCalls?.length
          ? {
              tool_calls: m.toolCalls.map((c) => ({
                id: c.id,
                type: 'function' as const,
                function: { name: c.name, arguments: JSON.stringify(c.arguments) },
              })),
            }
          : {}),
      });
  }
  return out;
}

const STOP: Record<string, StopReason> = {
  stop: 'end',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  length: 'max_tokens',
};

export function createOpenAiProvider(cfg: ProviderConfig): AiProvider {
  const client = new OpenAI({
    apiKey: cfg.apiKey ?? 'none',
    baseURL: cfg.baseUrl ?? 'https://api.openai.com/v1',
    timeout: cfg.timeoutMs,
    maxRetries: 0,
    organization: null,
    project: null,
  });
  return {
    name: 'openai',
    model: cfg.model,
    async *stream(req, outer): AsyncIterable<StreamEvent> {
      const t = idleTimeout(outer, cfg.timeoutMs);
      // tool calls by index: id and name in the first piece, the arguments' JSON split anywhere after
      const calls = new Map<number, { id: string; name: string; json: string }>();
      let stop: StopReason | undefined;
      try {
        const stream = await client.chat.completions.create(
          {
            model: cfg.model,
            max_completion_tokens: req.maxTokens,
            messages: toOpenAiMessages(req.system, req.messages),
            ...(req.tools.length
              ? {
                  tools: req.tools.map((tool) => ({
                    type: 'function' as const,
                    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
                  })),
                }
              : {}),
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: t.signal },
        );
        for await (const chunk of stream) {
          t.touch();
          const choice = chunk.choices?.[0];
          if (choice?.delta?.content) yield { type: 'text', text: choice.delta.content };
          for (const d of choice?.delta?.tool_calls ?? []) {
            let c = calls.get(d.index);
            if (!c) {
              c = { id: d.id ?? `call_${d.index}`, name: '', json: '' };
              calls.set(d.index, c);
            }
            if (d.id) c.id = d.id;
            if (d.function?.name) c.name += d.function.name;
            if (d.function?.arguments) c.json += d.function.arguments;
          }
          if (choice?.finish_reason) stop = STOP[choice.finish_reason] ?? 'other';
          if (chunk.usage)
            yield {
              type: 'usage',
              inputTokens: chunk.usage.prompt_tokens,
              outputTokens: chunk.usage.completion_tokens,
            };
        }
        for (const c of [...calls.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]))
          yield { type: 'tool_call', call: { id: c.id, name: c.name, arguments: parseArguments(c.json) } };
        yield { type: 'stop', reason: stop ?? (calls.size ? 'tool_use' : 'end') };
        // an SDK may end a stream quietly when its signal fires: a timeout or cancel must not look like an answer
        if (t.timedOut()) throw providerError('openai', new Error('timeout'), true);
        if (outer.aborted) throw new DOMException('The turn was cancelled', 'AbortError');
      } catch (err) {
        if (isAbort(err, outer) && !t.timedOut()) throw err;
        throw providerError('openai', err, t.timedOut());
      } finally {
        t.clear();
      }
    },
  };
}
