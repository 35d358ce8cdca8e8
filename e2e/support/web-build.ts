import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without types
import { ensureWebBuilt } from '../../scripts/build-web.mjs';

const LOCK = join(tmpdir(), 'argus-e2e-web-build.lock');

/**
 * Runs `fn` holding the lock every `next build` of apps/web in the tests takes (the e2e files and the
 * runtime-layout test run in parallel workers, and the latter copies the build).
 */
export async function withWebBuildLock<T>(fn: () => T | Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** `next build` when needed, once at a time: the e2e files run in parallel workers. */
export async function buildWeb(): Promise<void> {
  await withWebBuildLock(() => {
    if (!ensureWebBuilt()) throw new Error('next build failed');
  });
}
