#!/usr/bin/env node
// Generated code is committed and never edited: regenerate it into a temporary folder and fail when it
// differs from what is committed (run `npm run generate -w @argus/proto` and commit the result).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const targets = [{ dir: join(root, 'packages', 'proto'), generated: 'src/gen' }];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

let stale = 0;
for (const t of targets) {
  const out = mkdtempSync(join(tmpdir(), 'argus-gen-'));
  const res = spawnSync(join(root, 'node_modules', '.bin', 'buf'), ['generate', '-o', out], {
    cwd: t.dir,
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    process.stderr.write(`buf generate failed in ${t.dir}:\n${res.stderr}\n`);
    process.exit(1);
  }
  const fresh = join(out, t.generated);
  const committed = join(t.dir, t.generated);
  const freshFiles = files(fresh)
    .map((f) => relative(fresh, f))
    .sort();
  const committedFiles = files(committed)
    .map((f) => relative(committed, f))
    .sort();
  if (freshFiles.join('\n') !== committedFiles.join('\n')) {
    process.stderr.write(`generated files differ in ${committed}: expected ${freshFiles.join(', ')}\n`);
    stale++;
  }
  for (const f of freshFiles) {
    let a = '';
    try {
      a = readFileSync(join(committed, f), 'utf8');
    } catch {}
    if (a !== readFileSync(join(fresh, f), 'utf8')) {
      process.stderr.write(`stale generated file: ${relative(root, join(committed, f))}\n`);
      stale++;
    }
  }
  rmSync(out, { recursive: true, force: true });
}
// The plugin manifest's JSON Schema, generated from its zod schema.
{
  const sdk = join(root, 'packages', 'plugin-sdk');
  const out = mkdtempSync(join(tmpdir(), 'argus-gen-'));
  const file = join(out, 'manifest.schema.json');
  const res = spawnSync(
    process.execPath,
    ['--conditions=@argus/source', '--import', 'tsx', join(sdk, 'scripts', 'generate-schema.ts'), file],
    { cwd: sdk, encoding: 'utf8' },
  );
  if (res.status !== 0) {
    process.stderr.write(`manifest schema generation failed:\n${res.stderr}\n`);
    process.exit(1);
  }
  if (readFileSync(file, 'utf8') !== readFileSync(join(sdk, 'manifest.schema.json'), 'utf8')) {
    process.stderr.write('stale generated file: packages/plugin-sdk/manifest.schema.json\n');
    stale++;
  }
  rmSync(out, { recursive: true, force: true });
}
// The agent chart's ClusterRole presets, generated from the server's definition (apps/server/src/grpc/agent-presets.ts).
{
  const out = mkdtempSync(join(tmpdir(), 'argus-gen-'));
  const file = join(out, 'presets.yaml');
  const res = spawnSync(
    process.execPath,
    ['--conditions=@argus/source', '--import', 'tsx', join(root, 'scripts', 'generate-agent-presets.ts'), file],
    { cwd: root, encoding: 'utf8' },
  );
  if (res.status !== 0) {
    process.stderr.write(`agent presets generation failed:\n${res.stderr}\n`);
    process.exit(1);
  }
  if (
    readFileSync(file, 'utf8') !== readFileSync(join(root, 'deploy', 'helm', 'argus-agent', 'presets.yaml'), 'utf8')
  ) {
    process.stderr.write('stale generated file: deploy/helm/argus-agent/presets.yaml\n');
    stale++;
  }
  rmSync(out, { recursive: true, force: true });
}
// The files generated from plugins/builtin.json (the built-in plugins' one registration list).
{
  const { syncPlugins } = await import(new URL('./sync-plugins.mjs', import.meta.url).href);
  for (const f of syncPlugins({ check: true })) {
    process.stderr.write(`stale generated file: ${f} (run \`node scripts/sync-plugins.mjs\`)\n`);
    stale++;
  }
}
if (stale > 0) {
  process.stderr.write(
    'Regenerate with `npm run generate -w @argus/proto` / `-w @argus/plugin-sdk` / `node --conditions=@argus/source --import tsx scripts/generate-agent-presets.ts` and commit the result.\n',
  );
  process.exit(1);
}
process.stdout.write('generated code is fresh\n');
