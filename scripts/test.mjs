#!/usr/bin/env node
// `npm test`: every check CI runs — typecheck, lint, generated code freshness, then every test
// (unit, integration against the real PostgreSQL server and embedded PGlite, kube-sim with real kubectl).
// Starts the local PostgreSQL server when it is down. Extra arguments go to vitest (e.g. a path filter).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.length > 0; // a filtered run skips the whole-repo checks

function run(cmd, argv, what, opts = {}) {
  process.stdout.write(`\n== ${what}\n`);
  const res = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', ...opts });
  return res.status ?? 1;
}

function postgresUp() {
  return spawnSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432'], { stdio: 'ignore' }).status === 0;
}

function ensurePostgres() {
  if (process.env.ARGUS_TEST_SKIP_POSTGRES === '1' || process.env.ARGUS_TEST_DATABASE_URL) return;
  if (postgresUp()) return;
  if (existsSync('/etc/postgresql')) {
    const version = readdirSync('/etc/postgresql')[0];
    process.stdout.write(`== starting PostgreSQL ${version}\n`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    for (let i = 0; i < 30 && !postgresUp(); i++) spawnSync('sleep', ['1']);
  }
  if (!postgresUp()) {
    process.stderr.write(
      'PostgreSQL is not running on 127.0.0.1:5432 and could not be started. Start it, point ARGUS_TEST_DATABASE_URL at one, or set ARGUS_TEST_SKIP_POSTGRES=1.\n',
    );
    process.exit(1);
  }
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!quick) {
  if (run(process.execPath, [tsc, '-b', 'tsconfig.build.json'], 'typecheck and build (tsc -b)') !== 0) process.exit(1);
  if (run(process.execPath, [tsc, '-p', 'tsconfig.json'], 'typecheck tests and scripts') !== 0) process.exit(1);
  if (run(process.execPath, [tsc, '-p', 'apps/web', '--noEmit'], 'typecheck the web UI') !== 0) process.exit(1);
  if (run(process.execPath, [tsc, '-p', 'e2e'], 'typecheck the end-to-end tests') !== 0) process.exit(1);
  if (run('npx', ['biome', 'check', '.'], 'lint and format (biome)') !== 0) process.exit(1);
  if (existsSync(join(root, 'scripts', 'check-generated.mjs'))) {
    if (run(process.execPath, ['scripts/check-generated.mjs'], 'generated code is fresh') !== 0) process.exit(1);
  }
}

ensurePostgres();
mkdirSync(join(root, '.test-results'), { recursive: true });
const out = join(root, '.test-results', 'vitest.json');
const status = run(
  process.execPath,
  [
    join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...args,
  ],
  'tests (vitest)',
);
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  process.stdout.write(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`);
  if (r.numTotalTests === 0) {
    process.stderr.write('no test ran\n');
    process.exit(1);
  }
} catch {
  process.stdout.write('\n0 passed, 1 failed\n');
  process.exit(status || 1);
}
process.exit(status);
