/**
 * One internal conversation and stream shape for every provider (issue 20 item 1): each adapter turns its
 * vendor's streaming wire format (Anthropic Messages SSE, OpenAI Chat Completions SSE, Ollama NDJSON) into
 * these events, with tool calls assembled from however many chunks they arrived in.
 */
import type { AiProviderName } from '@argus/contracts';

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** A conversation as every adapter takes it; tool results are plain text the caller already redacted. */
export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  system: string;
  messages: ChatMessage[];
  tools: ToolSpec[];
  maxTokens: number;
}

export type StopReason = 'end' | 'tool_use' | 'max_tokens' | 'other';

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  | { type: 'stop'; reason: StopReason };

export interface ProviderConfig {
  provider: AiProviderName;
  model: string;
  baseUrl: string | null;
  apiKey: string | null;
  /** Per request to the provider. */
  timeoutMs: number;
}

export interface AiProvider {
  readonly name: AiProviderName;
  readonly model: string;
  /** Streams one model response; throws AppError (AI_PROVIDER_*) for the provider's failures. */
  stream(req: ChatRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
}

/** Parses a tool call's JSON arguments text; a model's broken JSON becomes an object saying so. */
export function parseArguments(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { _invalid: text };
  } catch {
    return { _invalid: text.slice(0, 2000) };
  }
}
