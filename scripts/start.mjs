#!/usr/bin/env node
// `npm start`: installs dependencies if missing, builds what is out of date, then runs the server.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, what) {
  process.stdout.write(`argus: ${what}…\n`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    process.stderr.write(`argus: ${what} failed (exit ${res.status ?? res.signal})\n`);
    process.exit(1);
  }
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  run('npm', ['ci', '--no-audit', '--no-fund'], 'installing dependencies');
}
// The files generated from plugins/builtin.json (the built-in plugins' one list), then every workspace:
// tsc -b is incremental, it rebuilds only packages whose sources changed.
run(process.execPath, [join(root, 'scripts', 'sync-plugins.mjs')], 'listing the built-in plugins');
run(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'],
  'building',
);

// The web UI (Next.js): built when missing or older than its sources; the server serves it.
const { ensureWebBuilt } = await import(pathToFileURL(join(root, 'scripts', 'build-web.mjs')).href);
if (!ensureWebBuilt()) {
  process.stderr.write('argus: building the web UI failed; the server starts with its landing page instead\n');
}

await import(pathToFileURL(join(root, 'apps', 'server', 'dist', 'main.js')).href);
