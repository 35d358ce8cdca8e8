/**
 * Golden comparisons of the smart terminal with the real kubectl on the same kube-sim (the smart-*.test.ts
 * files): run a command both ways and compare text and exit code, with ages normalised to same-length
 * placeholders (column widths still count), retried when an age ticked over between the two runs.
 */
import { expect } from 'vitest';
import type { OperationsFixture } from '../../../test-support/operations-fixture.js';

export interface SmartRun {
  output: string;
  exit_code: number;
  confirm?: { prompt: string };
}

/** Ages in kubectl's columns: `5s`, `3m12s`, `2d`. */
export const AGE = /(?<=\s)(\d+d)?(\d+h)?(\d+m)?(\d+s)?(?=\s|$)/gm;

/** Ages become same-length placeholders. */
export const normaliseAges = (text: string, age: RegExp = AGE) =>
  text.replace(age, (m) => (m ? '~'.repeat(m.length) : m));

/**
 * `kubectl top`'s usage cells (`95m`, `247Mi`, `12%`) with their padding: metrics-server's numbers move between the
 * two runs (kube-sim's usage is a function of time), so a value crossing 99m→100m must not fail the comparison.
 * The rows, names, headers and column order are still compared.
 */
export const normaliseUsage = (text: string) => text.replace(/(?<=\s)\d+(?:m|Mi|Ki|%)(?: +|$)/gm, '<usage> ');

/** `POST /api/terminal/run` as `token` (the admin by default); the answer must be 200. */
export async function smartRun(
  f: OperationsFixture,
  command: string,
  token = f.s.adminToken,
  extra: Record<string, unknown> = {},
): Promise<SmartRun> {
  const r = await f.api<SmartRun>('POST', '/api/terminal/run', token, { cluster: f.id, command, ...extra });
  expect(r.status).toBe(200);
  return r.body;
}

/** The real kubectl's answer as the smart terminal gives it: stdout then stderr, and the exit code. */
export async function kubectlRun(f: OperationsFixture, args: string[]): Promise<{ output: string; exit_code: number }> {
  const r = await f.kubectl.run(args);
  return { output: r.stdout + r.stderr, exit_code: r.code };
}

/**
 * The smart terminal's answer to `command` (default: `args` joined) equals kubectl's for `args`, ages normalised
 * (with `age`; `usage` also hides `kubectl top`'s numbers); tried `attempts` times, `pauseMs` apart, before the comparison is asserted. Returns the answer.
 */
export async function expectGolden(
  f: OperationsFixture,
  args: string[],
  opts: { command?: string; attempts: number; pauseMs?: number; age?: RegExp; usage?: boolean },
): Promise<SmartRun> {
  const norm = (text: string) => normaliseAges(opts.usage ? normaliseUsage(text) : text, opts.age);
  for (let attempt = 1; ; attempt++) {
    const want = await kubectlRun(f, args);
    const got = await smartRun(f, opts.command ?? args.join(' '));
    const w = { output: norm(want.output), exit_code: want.exit_code };
    const g = { output: norm(got.output), exit_code: got.exit_code };
    if ((g.output === w.output && g.exit_code === w.exit_code) || attempt >= opts.attempts) {
      expect(g).toEqual(w);
      return got;
    }
    if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
  }
}
