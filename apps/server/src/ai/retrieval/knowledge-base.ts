/**
 * The curated Kubernetes troubleshooting knowledge base shipped with Argus: one Markdown file per topic in
 * `apps/server/knowledge/` (the package's own folder, next to `dist/`, so the same relative path works from
 * the sources and from the build; the image's build script copies the folder). The file name is the document's
 * stable id; the first H1 is its title.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chunkMarkdown, markdownTitle } from './chunker.js';

export interface KnowledgeDocument {
  id: string;
  title: string;
  markdown: string;
}

export interface KnowledgeChunk {
  sourceId: string;
  chunkIndex: number;
  title: string;
  heading: string | null;
  content: string;
}

/** apps/server/knowledge, from src/ai/retrieval or dist/ai/retrieval alike. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../../knowledge/', import.meta.url));

const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

export async function loadKnowledgeBase(dir = KNOWLEDGE_DIR): Promise<KnowledgeDocument[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  const docs: KnowledgeDocument[] = [];
  for (const name of names) {
    const id = name.slice(0, -3);
    if (!ID.test(id)) continue;
    const markdown = await readFile(`${dir}/${name}`, 'utf8');
    docs.push({ id, title: markdownTitle(markdown) ?? id, markdown });
  }
  return docs;
}

/** Chunks of every document; a heading equal to the title is not repeated. */
export function knowledgeChunks(docs: readonly KnowledgeDocument[]): KnowledgeChunk[] {
  return docs.flatMap((doc) =>
    chunkMarkdown(doc.markdown).map((c, chunkIndex) => ({
      sourceId: doc.id,
      chunkIndex,
      title: doc.title,
      heading: c.heading === doc.title ? null : c.heading,
      content: c.content,
    })),
  );
}

/** A fingerprint of the knowledge base and the embedder: the index is rebuilt when it changes. */
export function knowledgeVersion(docs: readonly KnowledgeDocument[], embedderId: string): string {
  const h = createHash('sha256').update(embedderId);
  for (const d of docs) h.update('\0').update(d.id).update('\0').update(d.markdown);
  return h.digest('hex');
}
