#!/usr/bin/env node
// Builds the web UI (apps/web, `next build`) when .next/BUILD_ID is missing or any of its sources
// (the app, @argus/ui, @argus/contracts, @argus/plugin-sdk, the plugins' frontends) is newer. Used by `npm start` and the end-to-end tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'apps', 'web');
const SOURCES = [
  web,
  join(root, 'packages', 'ui', 'src'),
  join(root, 'packages', 'ui', 'package.json'),
  join(root, 'packages', 'contracts', 'src'),
  join(root, 'packages', 'plugin-sdk', 'src'),
  join(root, 'plugins'),
];
const SKIP = new Set(['node_modules', '.next', 'e2e', 'screenshots', 'dist']);

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) {
    if (SKIP.has(name) || name.endsWith('.test.tsx') || name.endsWith('.tsbuildinfo')) continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

/** Whether apps/web needs `next build`, and why. */
export function webBuildReason() {
  const id = join(web, '.next', 'BUILD_ID');
  if (!existsSync(id)) return 'no build yet';
  const built = statSync(id).mtimeMs;
  return SOURCES.some((s) => newest(s) > built) ? 'sources changed' : null;
}

/** Runs `next build` when needed; returns false when the build failed. */
export function ensureWebBuilt({ log = (m) => process.stdout.write(`${m}\n`) } = {}) {
  const reason = webBuildReason();
  if (!reason) return true;
  log(`argus: building the web UI (${reason})…`);
  const res = spawnSync(process.execPath, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: web,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  return res.status === 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(ensureWebBuilt() ? 0 : 1);
}
