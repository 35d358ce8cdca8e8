/**
 * Runs the real `helm` binary: an argument array (never a shell), a timeout, bounded output, and an
 * environment of its own (temporary HELM_* homes; nothing inherited from the server's environment).
 */
import { type ExecFileException, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '@argus/contracts';
import type { PluginLogger } from '@argus/plugin-sdk';

export interface HelmRunner {
  /** Runs helm with `args` in a scratch directory `work(dir)` may fill first; resolves stdout. */
  run(args: string[], work?: (dir: string) => Promise<void>): Promise<string>;
}

export interface HelmRunnerOptions {
  binary: string | undefined;
  logger: PluginLogger;
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/**
 * The last meaningful lines of helm's stderr, without its "Error: " prefix, at most 600 characters. Safe to
 * show the caller: helm only reads local files (an uploaded archive, or one Argus fetched through the SSRF
 * guard) and talks to the kubectl gateway as the caller — it is never given a URL (`--repo`) to fetch.
 */
export function summariseStderr(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('WARNING:'));
  const text = lines
    .slice(-3)
    .join(' ')
    .replace(/^Error: /, '');
  return text.length > 600 ? `${text.slice(0, 597)}...` : text || 'helm failed without a message';
}

function failure(err: ExecFileException, stderr: string, verb: string) {
  if (err.killed || err.signal === 'SIGTERM') return new AppError('HELM_COMMAND_TIMEOUT', `helm ${verb} timed out`);
  if (err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
    return new AppError('HELM_COMMAND_FAILED', `helm ${verb} wrote more output than allowed`);
  if (err.code === 'ENOENT') return new AppError('HELM_NOT_CONFIGURED', 'the helm binary was not found');
  const summary = summariseStderr(stderr);
  if (/cannot re-use a name that is still in use/.test(summary))
    return new AppError('HELM_RELEASE_EXISTS', `helm ${verb}: ${summary}`);
  if (/has no deployed releases|release: not found/.test(summary))
    return new AppError('HELM_RELEASE_NOT_FOUND', `helm ${verb}: ${summary}`);
  if (/forbidden/i.test(summary)) return new AppError('FORBIDDEN', `helm ${verb}: ${summary}`);
  return new AppError('HELM_COMMAND_FAILED', `helm ${verb}: ${summary}`);
}

export function createHelmRunner(opts: HelmRunnerOptions): HelmRunner {
  const timeout = opts.timeoutMs ?? 5 * 60_000;
  const maxBuffer = opts.maxOutputBytes ?? 4 * 1024 * 1024;
  return {
    async run(args, work) {
      const binary = opts.binary;
      if (!binary) throw new AppError('HELM_NOT_CONFIGURED', 'the server was started without a helm binary');
      const dir = await mkdtemp(join(tmpdir(), 'argus-helm-'));
      const verb = args[0] ?? 'helm';
      try {
        await work?.(dir);
        const env = {
          HOME: dir,
          HELM_CACHE_HOME: join(dir, 'cache'),
          HELM_CONFIG_HOME: join(dir, 'config'),
          HELM_DATA_HOME: join(dir, 'data'),
        };
        return await new Promise<string>((resolve, reject) => {
          execFile(binary, args, { cwd: dir, env, timeout, maxBuffer, encoding: 'utf8' }, (err, stdout, stderr) => {
            if (!err) return resolve(stdout);
            opts.logger.warn({ verb, code: err.code, stderr: summariseStderr(stderr) }, 'helm command failed');
            reject(failure(err, stderr, verb));
          });
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
