/**
 * Tab completion with the cluster's own answers: kinds from discovery (`api-resources -o name`) and object
 * names (`get KIND -o name`), both asked through the smart terminal's route as the user (so only what the
 * user may list is offered), cached for a minute; the rest (commands, flags, namespaces) from ./local-commands.
 */
import type { TerminalRunResponse } from '@argus/contracts';
import { api } from '@/lib/api';
import { complete, type TerminalContext } from './local-commands';

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: Promise<string[]> }>();

function lines(ctx: TerminalContext, command: string): Promise<string[]> {
  const key = `${ctx.cluster}\n${ctx.namespace}\n${command}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = api<TerminalRunResponse>('/api/terminal/run', {
    method: 'POST',
    body: { cluster: ctx.cluster, namespace: ctx.namespace, command },
  })
    .then((r) => (r.exit_code === 0 ? r.output.split('\n').filter(Boolean) : []))
    .catch(() => []);
  cache.set(key, { at: Date.now(), value });
  return value;
}

const NAMED = ['get', 'describe', 'delete', 'scale', 'rollout', 'label', 'annotate'];

/** The candidates for the line's last word. */
export async function candidates(line: string, ctx: TerminalContext, namespaces: string[]): Promise<string[]> {
  const words = line.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const before = words.slice(0, -1).filter(Boolean);
  if (last.startsWith('-')) return complete(line, namespaces);
  const nsAt = before.findIndex((w) => w === '-n' || w === '--namespace');
  const where = { ...ctx, namespace: nsAt >= 0 && before[nsAt + 1] ? before[nsAt + 1]! : ctx.namespace };
  const positional = before.filter((w, i) => !w.startsWith('-') && !(nsAt >= 0 && i === nsAt + 1));
  const [cmd] = positional;
  const args = cmd === 'rollout' ? positional.slice(2) : positional.slice(1);
  if (cmd && NAMED.includes(cmd) && (cmd !== 'rollout' || positional.length >= 2)) {
    if (args.length === 0) {
      const kinds = (await lines(where, 'api-resources -o name')).map((k) => k.split('.')[0]!);
      return [...new Set(kinds)].filter((k) => k.startsWith(last)).sort();
    }
    if (args.length === 1) {
      const names = (await lines(where, `get ${args[0]} -o name`)).map((n) => n.slice(n.indexOf('/') + 1));
      return names.filter((n) => n.startsWith(last));
    }
  }
  if (cmd === 'logs' && args.length === 0) {
    const names = (await lines(where, 'get pods -o name')).map((n) => n.slice(n.indexOf('/') + 1));
    return names.filter((n) => n.startsWith(last));
  }
  return complete(line, namespaces);
}
