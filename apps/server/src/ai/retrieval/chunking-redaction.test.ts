import { describe, expect, it } from 'vitest';
import { chunkMarkdown, markdownTitle } from './chunker.js';
import { createHashingEmbedder, stem, tokenize } from './embedder.js';
import { redactText } from './redact-text.js';

describe('chunkMarkdown', () => {
  it('splits at headings, keeps a # inside a code fence, and cuts long sections at paragraphs', () => {
    const long = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} ${'word '.repeat(20)}`).join('\n\n');
    const md = `Intro text.\n\n# Title\n\n## First\nstep one\n\`\`\`sh\n# not a heading\nkubectl get pods\n\`\`\`\n\n## Second\n${long}`;
    const chunks = chunkMarkdown(md, 1000);
    expect(chunks[0]).toEqual({ heading: null, content: 'Intro text.' });
    expect(chunks[1]?.heading).toBe('First');
    expect(chunks[1]?.content).toContain('# not a heading');
    const second = chunks.filter((c) => c.heading === 'Second');
    expect(second.length).toBeGreaterThan(1);
    for (const c of second) expect(c.content.length).toBeLessThanOrEqual(1000);
    expect(second.map((c) => c.content).join('\n\n')).toBe(long.trim());
    expect(markdownTitle(md)).toBe('Title');
  });
});

describe('redactText', () => {
  it('removes credentials and keeps the text around them', () => {
    const text = [
      'password: hunter2',
      'export API_KEY=sk-ant-abcdefghijklmnopqrstuv',
      'curl -H "Authorization: Bearer abcdefghijklmnop123"',
      'postgres://app:s3cr3t@db:5432/app',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      'token = "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
      'Scale the deployment to 3 replicas.',
    ].join('\n');
    const out = redactText(text);
    for (const secret of ['hunter2', 'sk-ant-abc', 'abcdefghijklmnop123', 's3cr3t', 'MIIEow', 'ghp_aaaa']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('password: [REDACTED]');
    expect(out).toContain('Scale the deployment to 3 replicas.');
    expect(out).toContain('postgres://[REDACTED]@db:5432/app');
  });
});

describe('the hashing embedder', () => {
  it('is deterministic, unit length, and puts related wordings closer than unrelated ones', async () => {
    const e = createHashingEmbedder();
    const [a, b, c, again] = await e.embed([
      'pod in CrashLoopBackOff keeps restarting',
      'container crash loop: restarts with back-off',
      'certificate for the ingress has expired',
      'pod in CrashLoopBackOff keeps restarting',
    ]);
    const dot = (x: number[] = [], y: number[] = []) => x.reduce((s, v, i) => s + v * (y[i] ?? 0), 0);
    expect(again).toEqual(a);
    expect(a).toHaveLength(512);
    expect(dot(a, a)).toBeCloseTo(1, 3);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c));
    expect(tokenize('CrashLoopBackOff')).toEqual(['crash', 'loop', 'back', 'off', 'crashloopbackoff']);
    expect(stem('restarting')).toBe('restart');
  });
});
