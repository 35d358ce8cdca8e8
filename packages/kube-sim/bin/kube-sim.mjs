#!/usr/bin/env node
// kube-sim CLI. Runs the TypeScript sources through tsx when they are present (no build step);
// falls back to the compiled dist/ (after `npm run build -w @argus/kube-sim`).
import { existsSync } from 'node:fs';

const src = new URL('../src/cli.ts', import.meta.url);
const dist = new URL('../dist/cli.js', import.meta.url);

async function main() {
  if (existsSync(src)) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      await import(src.href);
      return;
    } catch (err) {
      if (!existsSync(dist)) throw err;
    }
  }
  await import(dist.href);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
