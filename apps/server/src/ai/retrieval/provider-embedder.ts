/**
 * Provider embeddings: when `AI_EMBEDDING_MODEL` is set and the assistant's provider has an embeddings API
 * (OpenAI or an OpenAI-compatible endpoint: `POST /v1/embeddings`; Ollama: `POST /api/embed`), chunks and
 * questions are embedded by that provider with that model, through the official SDKs. Anthropic has no
 * embeddings API: the built-in embedder stays. The embedder's id names provider, model and endpoint, so vectors
 * of one are never compared with another's (the knowledge base is re-indexed when it changes).
 */
import { createHash } from 'node:crypto';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import type { Embedder } from './embedder.js';

export interface EmbeddingProvider {
  provider: 'anthropic' | 'openai' | 'ollama';
  baseUrl: string | null;
  apiKey: string | null;
}

const BATCH = 64;

export function createProviderEmbedder(
  p: EmbeddingProvider,
  model: string,
  options: { timeoutMs: number },
): Embedder | null {
  const endpoint = createHash('sha256')
    .update(p.baseUrl ?? '')
    .digest('hex')
    .slice(0, 8);
  if (p.provider === 'openai') {
    const client = new OpenAI({
      apiKey: p.apiKey ?? 'none',
      ...(p.baseUrl ? { baseURL: p.baseUrl } : {}),
      timeout: options.timeoutMs,
      maxRetries: 1,
    });
    return {
      id: `openai:${model}:${endpoint}`,
      dimensions: 0,
      async embed(texts) {
        const out: number[][] = [];
        for (let i = 0; i < texts.length; i += BATCH) {
          // Floats, not the SDK's default base64 (which not every OpenAI-compatible server implements).
          const res = await client.embeddings.create({
            model,
            input: texts.slice(i, i + BATCH) as string[],
            encoding_format: 'float',
          });
          out.push(...[...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding));
        }
        return out;
      },
    };
  }
  if (p.provider === 'ollama') {
    const headers: Record<string, string> = p.apiKey ? { Authorization: `Bearer ${p.apiKey}` } : {};
    const client = new Ollama({ ...(p.baseUrl ? { host: p.baseUrl } : {}), headers });
    return {
      id: `ollama:${model}:${endpoint}`,
      dimensions: 0,
      async embed(texts) {
        const out: number[][] = [];
        for (let i = 0; i < texts.length; i += BATCH) {
          const res = await client.embed({ model, input: texts.slice(i, i + BATCH) as string[] });
          out.push(...res.embeddings);
        }
        return out;
      },
    };
  }
  return null;
}
