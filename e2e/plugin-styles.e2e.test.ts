// @vitest-environment node
// The web build's CSS holds the Tailwind classes that only plugins' frontends use: Tailwind scans each built-in
// plugin's frontend (apps/web/app/plugin-sources.generated.css). A glob source once looked right and was
// silently ignored by the Turbopack build, so plugin pages lost their layout.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { root } from './support/argus-process.js';
import { buildWeb } from './support/web-build.js';

/** Classes no file of the web app, @argus/ui or the SDK uses (checked below), each used by some plugin. */
const PLUGIN_ONLY = ['min-h-64', 'items-baseline'];
const dirs = (...parts: string[]) => join(root, ...parts);

function sourcesUnder(dir: string): string {
  let text = '';
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.next' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) text += sourcesUnder(p);
    else if (/\.tsx?$/.test(e.name)) text += readFileSync(p, 'utf8');
  }
  return text;
}

beforeAll(async () => {
  await buildWeb();
}, 300_000);

it('puts classes only plugin pages use into the built CSS', () => {
  const app = [
    dirs('apps/web/app'),
    dirs('apps/web/components'),
    dirs('packages/ui/src'),
    dirs('packages/plugin-sdk/src'),
  ]
    .map(sourcesUnder)
    .join('\n');
  const plugins = readdirSync(dirs('plugins'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => sourcesUnder(dirs('plugins', e.name, 'src', 'frontend')))
    .join('\n');
  const chunks = dirs('apps/web/.next/static/chunks');
  const css = readdirSync(chunks)
    .filter((f) => f.endsWith('.css'))
    .map((f) => readFileSync(join(chunks, f), 'utf8'))
    .join('\n');
  for (const cls of PLUGIN_ONLY) {
    expect(app.includes(cls), `${cls} is used outside the plugins: pick another class`).toBe(false);
    expect(plugins.includes(cls), `no plugin uses ${cls} any more: pick another class`).toBe(true);
    expect(css.includes(`.${cls}`), `${cls} is missing from the built CSS`).toBe(true);
  }
});
