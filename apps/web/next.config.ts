import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
// The built-in plugins (plugins/builtin.json, the one registration list); absent at run time in an image.
const builtin = join(root, 'plugins', 'builtin.json');
const plugins: string[] = existsSync(builtin) ? JSON.parse(readFileSync(builtin, 'utf8')) : [];

// Workspace packages are TypeScript sources: transpile them, and resolve @argus/contracts to its source
// (the "@argus/source" export condition) so `next build` does not depend on the packages' dist builds.
const config: NextConfig = {
  reactStrictMode: true,
  // `npx tsc -p apps/web` typechecks in `npm test`; `npm start` need not spend half a minute on it again.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // The dashboard's stylesheet goes inline in <head>: an external one blocks the inline sign-in script
  // (lib/early-session.ts) until it has loaded, and meanwhile the async bundles run first (~60 ms).
  experimental: { inlineCss: true },
  transpilePackages: [
    '@argus/ui',
    '@argus/contracts',
    '@argus/plugin-sdk',
    ...plugins.map((id) => `@argus/plugin-${id}`),
  ],
  turbopack: {
    root,
    // The web app imports only types from the package index (its sources use `.js` specifiers Turbopack does
    // not map to `.ts`); runtime code it shares comes from self-contained subpaths.
    resolveAlias: {
      '@argus/contracts/safe-next': './../../packages/contracts/src/safe-next.ts',
      '@argus/contracts/quantity': './../../packages/contracts/src/quantity.ts',
      '@argus/contracts/projection': './../../packages/contracts/src/projection.ts',
      '@argus/contracts/printer-columns': './../../packages/contracts/src/printer-columns.ts',
      '@argus/contracts/unified-diff': './../../packages/contracts/src/unified-diff.ts',
      '@argus/contracts': './../../packages/contracts/src/index.ts',
    },
  },
  outputFileTracingRoot: root,
};

export default config;
