export type { Embedder } from './embedder.js';
export { createHashingEmbedder } from './embedder.js';
export { registerRetrieval } from './register.js';
export type {
  KnowledgeHit,
  KnowledgeSearchOptions,
  KnowledgeSource,
  RetrievalService,
  RetrievalStatus,
  SearchMode,
} from './retrieval-service.js';
export { createRetrievalService } from './retrieval-service.js';
export type { ScopedRetrieval, ScopedSearchOptions } from './scoped-search.js';
