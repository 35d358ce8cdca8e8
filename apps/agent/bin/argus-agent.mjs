#!/usr/bin/env node
// argus-agent CLI. Runs the TypeScript sources through tsx when they are present (no build step),
// resolving workspace packages (@argus/proto) to their sources too; falls back to the compiled dist/.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const src = new URL('../src/main.ts', import.meta.url);
const dist = new URL('../dist/main.js', import.meta.url);

// Adds the "@argus/source" export condition, so @argus/* packages resolve to src/ like in the tests.
const sourceCondition = `export async function resolve(specifier, context, next) {
  const conditions = context.conditions.includes('@argus/source') ? context.conditions : ['@argus/source', ...context.conditions];
  return next(specifier, { ...context, conditions });
}`;

async function main() {
  if (existsSync(src)) {
    try {
      const { register: registerTsx } = await import('tsx/esm/api');
      registerTsx();
      register(`data:text/javascript,${encodeURIComponent(sourceCondition)}`);
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
