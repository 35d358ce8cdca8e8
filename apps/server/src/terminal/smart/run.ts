/**
 * The smart terminal's one-shot commands (`POST /api/terminal/run`): a kubectl-style line, tokenised without a
 * shell, run AS THE USER through the kubectl gateway (and the operations service), answered with kubectl's
 * text and exit code. Anything that is not one of the supported commands gets kubectl's error and exit 1.
 */
import { AppError } from '@argus/contracts';
import type { Authorizer, Principal } from '../../auth/types.js';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import type { AsUser, OperationsService } from '../../operations/operations-service.js';
import { runApply } from './apply.js';
import { runAuth } from './can-i.js';
import { type CommandContext, KubectlError, type RunResult } from './context.js';
import { runEvents } from './events.js';
import { runExplain } from './explain.js';
import { UsageError } from './flags.js';
import { runGet } from './get.js';
import { runApiResources, runTop, runVersion } from './info.js';
import { runLabel } from './label.js';
import { runDescribe, runLogs } from './reads.js';
import { TokenizeError, tokenize } from './tokenize.js';
import { runCordon, runDelete, runDrain, runRollout, runScale } from './writes.js';

export type { RunResult };

export interface RunRequest {
  cluster: string;
  namespace?: string;
  command: string;
  stdin?: string;
  confirmed?: boolean;
}

export interface SmartRunner {
  run(principal: Principal, req: RunRequest): Promise<RunResult>;
}

type Handler = (ctx: CommandContext, words: string[]) => Promise<RunResult>;

const HANDLERS: Record<string, Handler> = {
  get: runGet,
  describe: runDescribe,
  logs: runLogs,
  delete: runDelete,
  scale: runScale,
  rollout: runRollout,
  cordon: (ctx, w) => runCordon(ctx, w, true),
  uncordon: (ctx, w) => runCordon(ctx, w, false),
  top: runTop,
  'api-resources': runApiResources,
  version: runVersion,
  apply: runApply,
  drain: runDrain,
  events: runEvents,
  label: (ctx, w) => runLabel(ctx, w, 'label'),
  annotate: (ctx, w) => runLabel(ctx, w, 'annotate'),
  explain: runExplain,
};

/** kubectl's commands, for its "Did you mean this?" suggestions. */
const KUBECTL_COMMANDS = [
  'create',
  'expose',
  'run',
  'set',
  'explain',
  'get',
  'edit',
  'delete',
  'rollout',
  'scale',
  'autoscale',
  'certificate',
  'cluster-info',
  'top',
  'cordon',
  'uncordon',
  'drain',
  'taint',
  'describe',
  'logs',
  'attach',
  'exec',
  'port-forward',
  'proxy',
  'cp',
  'auth',
  'debug',
  'events',
  'diff',
  'apply',
  'patch',
  'replace',
  'wait',
  'kustomize',
  'label',
  'annotate',
  'completion',
  'alpha',
  'api-resources',
  'api-versions',
  'config',
  'plugin',
  'version',
  'options',
];

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** cobra's text for an unknown command (suggestions within distance 2, or sharing the prefix). */
export function unknownCommand(word: string): string {
  const near = KUBECTL_COMMANDS.filter((c) => levenshtein(word, c) <= 2 || c.startsWith(word.toLowerCase()));
  const hint = near.length ? `\n\nDid you mean this?\n${near.map((c) => `\t${c}\n`).join('')}\n` : '\n';
  return `Error: unknown command "${word}" for "kubectl"${hint}`;
}

export function createSmartRunner(deps: {
  module: ClusterModule;
  operations: OperationsService;
  asUser: AsUser;
  authorizer: Authorizer;
}): SmartRunner {
  return {
    async run(principal, req) {
      let words: string[];
      try {
        words = tokenize(req.command);
      } catch (e) {
        if (e instanceof TokenizeError) return { output: `error: ${e.message}\n`, exit_code: 1 };
        throw e;
      }
      if (words[0] === 'kubectl') words = words.slice(1);
      // `-n ns get pods`: the global namespace flag may come first, as with kubectl
      const lead: string[] = [];
      while (words[0] === '-n' || words[0] === '--namespace' || /^(-n.|--namespace=)/.test(words[0] ?? '')) {
        const take = words[0] === '-n' || words[0] === '--namespace' ? 2 : 1;
        lead.push(...words.slice(0, take));
        words = words.slice(take);
      }
      words = [...words, ...lead];
      if (words.length === 0) return { output: '', exit_code: 0 };
      const [command, ...rest] = words as [string, ...string[]];
      const handler: Handler | undefined =
        command === 'auth' ? (ctx, w) => runAuth(ctx, w, deps.authorizer) : HANDLERS[command];
      if (!handler) {
        if (command === 'exec' || command === 'attach')
          return {
            output: `error: "${command}" is not available in the smart terminal: open a shell from the pod's page (Terminal)\n`,
            exit_code: 1,
          };
        if (command.startsWith('-'))
          return {
            output:
              rest.length > 0
                ? `Error: flags cannot be placed before plugin name: ${command}\n`
                : `Error: unknown flag: ${command.split('=')[0]}\nSee 'kubectl --help' for usage.\n`,
            exit_code: 1,
          };
        if (KUBECTL_COMMANDS.includes(command))
          return { output: `error: "${command}" is not available in the smart terminal\n`, exit_code: 1 };
        return { output: unknownCommand(command), exit_code: 1 };
      }
      // by id or name; 404 CLUSTER_NOT_FOUND for an unknown cluster
      const clusterId = (await deps.module.clusters.resolve(req.cluster)).id;
      // -n wins over the client's context namespace wherever it appears
      const nsWord = namespaceFlag(rest);
      try {
        return await deps.asUser(principal, clusterId, (client) =>
          handler(
            {
              principal,
              clusterId,
              namespace: nsWord ?? req.namespace ?? 'default',
              module: deps.module,
              operations: deps.operations,
              client,
              ...(req.stdin !== undefined ? { stdin: req.stdin } : {}),
              confirmed: req.confirmed === true,
            },
            rest,
          ),
        );
      } catch (e) {
        if (e instanceof UsageError)
          return {
            output: `Error: ${e.message}\n${e.command ? `See 'kubectl ${e.command} --help' for usage.\n` : ''}`,
            exit_code: 1,
          };
        if (e instanceof KubectlError) return { output: `${e.message}\n`, exit_code: 1 };
        if (e instanceof AppError)
          return { output: `Error from server (${reasonOf(e.code)}): ${e.message}\n`, exit_code: 1 };
        throw e;
      }
    },
  };
}

const REASON_BY_CODE: Record<string, string> = {
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'NotFound',
  VALIDATION_FAILED: 'BadRequest',
  CONFLICT: 'Conflict',
};
const reasonOf = (code: string) => REASON_BY_CODE[code] ?? code;

/** The value of the last -n/--namespace among the words (the flag parser validates the rest). */
function namespaceFlag(words: string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') break;
    if (w === '-n' || w === '--namespace') found = words[i + 1] ?? found;
    else if (w.startsWith('--namespace=')) found = w.slice('--namespace='.length);
    else if (/^-n./.test(w)) found = w.slice(2).replace(/^=/, '');
  }
  return found;
}
