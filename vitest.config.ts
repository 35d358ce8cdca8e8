import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests through the
// "@argus/source" export condition (see each package.json "exports").
const source = '@argus/source';

export default defineConfig({
  resolve: {
    conditions: [source, ...defaultClientConditions],
    // apps/web imports its own modules as '@/…' (its tsconfig "paths").
    alias: [{ find: /^@\//, replacement: `${fileURLToPath(new URL('./apps/web/', import.meta.url))}` }],
  },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'plugins/*/src/**/*.test.ts',
      // plugins' component tests (jsdom, per file)
      'plugins/*/src/**/*.test.tsx',
      // the web UI's component tests (jsdom, per file) and its end-to-end walk in Chromium
      'apps/web/**/*.test.tsx',
      'e2e/**/*.e2e.test.ts',
      // the images' runtime layouts, the Helm charts and the CI pipelines (real helm, kubectl, kube-sim)
      'deploy/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['apps/server/src/test-support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
