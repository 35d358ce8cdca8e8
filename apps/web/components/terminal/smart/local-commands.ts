/**
 * The smart terminal's client-side commands: `use cluster NAME`, `use namespace NAME` (the context sent with
 * every run), `clear`, `help`. Anything else goes to the server.
 */
export interface TerminalContext {
  cluster: string;
  namespace: string;
}

export type LocalCommand =
  | { kind: 'use-cluster'; name: string }
  | { kind: 'use-namespace'; name: string }
  | { kind: 'clear' }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const HELP = `Commands run as you, with kubectl's syntax and output:
  get, describe, logs, delete, apply -f - (paste YAML), scale, rollout status|restart|undo|history,
  top, cordon, uncordon, api-resources, auth can-i, version, events, label, annotate, explain,
  get -o jsonpath=TEMPLATE|custom-columns=SPEC, explain --recursive, label/annotate -l SELECTOR|--all,
  logs --since/--all-containers/deploy/NAME
Context (kept in this terminal):
  use cluster NAME      switch cluster
  use namespace NAME    switch namespace (-n in a command still wins)
  clear                 clear the screen
Streaming: get -w and logs -f run until Ctrl+C.
Up/Down walk your history (kept on the server, across sessions); Tab completes commands, kinds and flags.
`;

export function localCommand(line: string): LocalCommand | undefined {
  const words = line.trim().split(/\s+/);
  if (words[0] === 'clear' && words.length === 1) return { kind: 'clear' };
  if (words[0] === 'help' && words.length === 1) return { kind: 'help' };
  if (words[0] !== 'use') return undefined;
  const [, what, name, ...extra] = words;
  if ((what === 'cluster' || what === 'namespace' || what === 'ns') && name && extra.length === 0)
    return what === 'cluster' ? { kind: 'use-cluster', name } : { kind: 'use-namespace', name };
  return { kind: 'error', message: 'error: usage: use cluster NAME | use namespace NAME\n' };
}

const COMMANDS = [
  'get',
  'describe',
  'logs',
  'delete',
  'scale',
  'rollout',
  'cordon',
  'uncordon',
  'events',
  'label',
  'annotate',
  'explain',
  'use',
  'clear',
  'help',
];
const KINDS = [
  'pods',
  'deployments',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'services',
  'configmaps',
  'secrets',
  'jobs',
  'cronjobs',
  'ingresses',
  'nodes',
  'namespaces',
  'events',
  'persistentvolumeclaims',
  'serviceaccounts',
];
const FLAGS = [
  '--namespace',
  '--all-namespaces',
  '--selector',
  '--field-selector',
  '--output',
  '--show-labels',
  '--no-headers',
  '--container',
  '--previous',
  '--tail',
  '--replicas',
  '--since',
  '--all-containers',
  '--overwrite',
  '--for',
  '--types',
];

/** The completions of the line's last word (commands first, then kinds after get/describe/delete, flags). */
export function complete(line: string, namespaces: string[] = []): string[] {
  const words = line.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const before = words.slice(0, -1).filter(Boolean);
  let pool: string[];
  if (last.startsWith('-')) pool = FLAGS;
  else if (before.length === 0) pool = COMMANDS;
  else if (before[0] === 'use' && before.length === 1) pool = ['cluster', 'namespace'];
  else if (
    before[before.length - 1] === '-n' ||
    before[before.length - 1] === '--namespace' ||
    (before[0] === 'use' && before[1] === 'namespace')
  )
    pool = namespaces;
  else if (before[0] === 'rollout' && before.length === 1) pool = ['restart', 'undo', 'history'];
  else if (
    ['get', 'describe', 'delete', 'scale', 'label', 'annotate', 'explain'].includes(before[0]!) &&
    before.length === 1
  )
    pool = KINDS;
  else pool = [];
  return pool.filter((p) => p.startsWith(last));
}

/** The longest common prefix of the candidates. */
export function commonPrefix(items: string[]): string {
  if (items.length === 0) return '';
  let p = items[0]!;
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Whether a line streams (`get … -w`, `logs … -f`): those run over /ws/terminal, as the server expects. */
export function streams(line: string): boolean {
  const words = line.trim().split(/\s+/);
  const [cmd, ...rest] = words[0] === 'kubectl' ? words.slice(1) : words;
  if (cmd === 'get') return rest.some((w) => w === '--watch' || w === '--watch=true' || /^-[A-Za-z]*w$/.test(w));
  if (cmd === 'logs') return rest.some((w) => w === '--follow' || w === '--follow=true' || /^-[A-Za-z]*f$/.test(w));
  return false;
}
