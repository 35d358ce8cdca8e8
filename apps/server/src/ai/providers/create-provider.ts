import { createAnthropicProvider } from './anthropic.js';
import { createOllamaProvider } from './ollama.js';
import { createOpenAiProvider } from './openai.js';
import type { AiProvider, ProviderConfig } from './types.js';

/** The adapter for a configured provider. */
export function createProvider(cfg: ProviderConfig): AiProvider {
  switch (cfg.provider) {
    case 'anthropic':
      return createAnthropicProvider(cfg);
    case 'openai':
      return createOpenAiProvider(cfg);
    case 'ollama':
      return createOllamaProvider(cfg);
  }
}
