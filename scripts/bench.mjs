#!/usr/bin/env node
/**
 * Runs every benchmark in bench/ one after another (each in its own process, from source), or only
 * those named: `npm run bench -- api-overhead cached-lists`. Never part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORDER = ['api-overhead', 'cached-lists', 'agent-tunnel', 'memory', 'ws-fanout', 'ui', 'scale'];
const present = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
const wanted = process.argv.slice(2);
const names = [...ORDER.filter((n) => present.includes(n)), ...present.filter((n) => !ORDER.includes(n)).sort()].filter(
  (n) => wanted.length === 0 || wanted.includes(n),
);
let failed = 0;
for (const name of names) {
  const r = spawnSync(
    process.execPath,
    ['--conditions=@argus/source', '--import', 'tsx', join('bench', `${name}.ts`)],
    { cwd: root, stdio: 'inherit', timeout: 900_000 },
  );
  if (r.status !== 0) {
    failed++;
    console.log(`${name}: FAILED (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
