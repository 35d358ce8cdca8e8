/**
 * Smart mode over `/ws/terminal` (`{"type":"open","mode":"smart","cluster"}`): each `input` frame is one
 * command line. Streaming commands — `get … -w` and `logs … -f` — stream `output` frames until they end or
 * Ctrl+C (`"\u0003"`) stops them (exit 130); any other command runs like `POST /api/terminal/run` and answers
 * with its output and `exit`. Streams reach the cluster through the kubectl gateway as the user (a short-lived
 * kubeconfig of the user's), so Argus RBAC filters them as it does kubectl's.
 */
import { readFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import type { ClusterModule } from '../../clusters/cluster-module.js';
import { resourcePath } from '../../clusters/discovery.js';
import type { GatewayKubeconfigs } from '../../plugin-engine/gateway-kubeconfig.js';
import type { SmartStream, SmartStreamFactory } from '../types.js';
import { KubectlError } from './context.js';
import { parseFlags, UsageError } from './flags.js';
import { GET_FLAGS, getTargets } from './get.js';
import type { TerminalHistory } from './history.js';
import { alignTable, cellText } from './printer.js';
import type { SmartRunner } from './run.js';
import { tokenize } from './tokenize.js';

/** Whether a command line streams (`get -w`, `logs -f`): those go over the socket, never the one-shot route. */
export function streams(words: string[]): boolean {
  const [cmd, ...rest] = words[0] === 'kubectl' ? words.slice(1) : words;
  if (cmd === 'get')
    return rest.some((w) => w === '-w' || w === '--watch' || w === '--watch=true' || /^-[A-Za-z]*w$/.test(w));
  if (cmd === 'logs')
    return rest.some((w) => w === '-f' || w === '--follow' || w === '--follow=true' || /^-[A-Za-z]*f$/.test(w));
  return false;
}

interface Gateway {
  server: string;
  ca: string;
  token: string;
  dispose(): Promise<void>;
}

interface TableChunk {
  columnDefinitions?: Array<{ name: string; priority?: number }>;
  rows?: Array<{ cells: unknown[]; object?: { metadata?: { namespace?: string } } }>;
  metadata?: { resourceVersion?: string };
}

export function createSmartStreamFactory(deps: {
  module: ClusterModule;
  runner: SmartRunner;
  gateway: GatewayKubeconfigs;
  /** The user's command history (each line, never stdin). */
  history?: TerminalHistory;
}): SmartStreamFactory {
  return async ({ principal, open, sink, logger }) => {
    const cluster = await deps.module.clusters.resolve(open.cluster); // CLUSTER_NOT_FOUND before `opened`
    let namespace = open.namespace ?? 'default';
    /** The request in flight (a list, a watch, a follow), for Ctrl+C. */
    let current: { abort(): void } | undefined;
    /** A command line is running; Ctrl+C was pressed during it (sticky: a watch's list, then its watch). */
    let busy = false;
    let interrupted = false;
    let closed = false;
    const out = (data: string): void => {
      if (data && !closed) sink.send({ type: 'output', data });
    };
    const exit = (code: number): void => {
      if (!closed) sink.send({ type: 'exit', code });
    };

    /** GETs a path through the gateway as the user, handing each chunk to onData until it ends or is aborted. */
    async function stream(path: string, accept: string, onData: (chunk: string) => void): Promise<number> {
      const kc = await deps.gateway.create(principal, cluster.id, 'terminal');
      const gw: Gateway = await (async () => {
        const doc = JSON.parse(await readFile(kc.path, 'utf8')) as {
          clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
          users: Array<{ user: { token: string } }>;
        };
        return {
          server: doc.clusters[0]!.cluster.server,
          ca: Buffer.from(doc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString('utf8'),
          token: doc.users[0]!.user.token,
          dispose: () => kc.dispose(),
        };
      })();
      try {
        return await new Promise<number>((resolve) => {
          if (interrupted || closed) return resolve(130);
          const req = httpsRequest(`${gw.server}${path}`, {
            ca: gw.ca,
            headers: { Authorization: `Bearer ${gw.token}`, Accept: accept },
          });
          current = {
            abort: () => {
              req.destroy();
              resolve(130);
            },
          };
          req.on('response', (res) => {
            res.setEncoding('utf8');
            if ((res.statusCode ?? 500) >= 300) {
              let body = '';
              res.on('data', (c: string) => {
                body += c;
              });
              res.on('end', () => {
                let s: { reason?: string; message?: string } = {};
                try {
                  s = JSON.parse(body) as typeof s;
                } catch {}
                out(`Error from server (${s.reason ?? 'Unknown'}): ${s.message ?? body.trim()}\n`);
                resolve(1);
              });
              return;
            }
            res.on('data', (c: string) => onData(c));
            res.on('end', () => resolve(0));
            res.on('error', () => resolve(1));
          });
          req.on('error', () => resolve(closed ? 130 : 1));
          req.end();
        });
      } finally {
        current = undefined;
        await gw.dispose();
      }
    }

    async function followLogs(words: string[]): Promise<number> {
      const { args, flags } = parseFlags(
        words,
        [
          { name: 'container', short: 'c', type: 'string' },
          { name: 'follow', short: 'f', type: 'bool' },
          { name: 'tail', type: 'int' },
          { name: 'timestamps', type: 'bool' },
        ],
        'logs',
      );
      const ns = flags.get('namespace') ?? namespace;
      const pod = args[0]?.replace(/^(pod|pods|po)\//, '');
      if (!pod) throw new UsageError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.", 'logs');
      const q = new URLSearchParams({ follow: 'true' });
      const container = flags.get('container') ?? args[1];
      if (container) q.set('container', container);
      if (flags.has('tail') && Number(flags.get('tail')) >= 0) q.set('tailLines', flags.get('tail')!);
      if (flags.get('timestamps') === 'true') q.set('timestamps', 'true');
      return stream(
        `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}/log?${q}`,
        '*/*',
        out,
      );
    }

    async function watch(words: string[]): Promise<number> {
      const { args, flags } = parseFlags(words, GET_FLAGS, 'get');
      const output = flags.get('output') ?? '';
      if (output && output !== 'wide') throw new KubectlError('error: get -w here prints tables (or -o wide)');
      const [target, ...more] = await getTargets({ module: deps.module, clusterId: cluster.id }, args, 'get');
      if (!target || more.length) throw new KubectlError('error: watch one resource type at a time');
      const allNs = flags.get('all-namespaces') === 'true' && target.info.namespaced;
      const q = new URLSearchParams({ watch: 'true' });
      if (flags.get('selector')) q.set('labelSelector', flags.get('selector')!);
      if (flags.get('field-selector')) q.set('fieldSelector', flags.get('field-selector')!);
      if (target.names.length === 1) q.set('fieldSelector', `metadata.name=${target.names[0]}`);
      const ns = target.info.namespaced && !allNs ? (flags.get('namespace') ?? namespace) : undefined;
      let columns: Array<{ name: string; priority?: number; i: number }> | undefined;
      let buffer = '';
      let printedHeader = false;
      const print = (table: TableChunk) => {
        columns ??= (table.columnDefinitions ?? [])
          .map((c, i) => ({ ...c, i }))
          .filter((c) => output === 'wide' || !c.priority);
        const rows: string[][] = [];
        if (table.columnDefinitions && !printedHeader) {
          printedHeader = true;
          rows.push([...(allNs ? ['NAMESPACE'] : []), ...columns.map((c) => c.name.toUpperCase())]);
        }
        for (const row of table.rows ?? [])
          rows.push([
            ...(allNs ? [row.object?.metadata?.namespace ?? ''] : []),
            ...columns.map((c) => cellText(row.cells[c.i])),
          ]);
        if (rows.length) out(alignTable(rows));
      };
      // like kubectl: the list first (a table, or "No resources found"), then the changes from its version
      let listed = '';
      const listQ = new URLSearchParams(q);
      listQ.delete('watch');
      const listCode = await stream(
        `${resourcePath(target.info, ns)}${listQ.size ? `?${listQ}` : ''}`,
        'application/json;as=Table;v=v1;g=meta.k8s.io, application/json',
        (chunk) => {
          listed += chunk;
        },
      );
      if (listCode !== 0) return listCode;
      const list = JSON.parse(listed) as TableChunk;
      if (list.rows?.length) print(list);
      else out(ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
      if (!list.rows?.length) columns = undefined;
      if (list.metadata?.resourceVersion) q.set('resourceVersion', list.metadata.resourceVersion);
      return stream(
        `${resourcePath(target.info, ns)}?${q}`,
        'application/json;as=Table;v=v1;g=meta.k8s.io, application/json',
        (chunk) => {
          buffer += chunk;
          let nl = buffer.indexOf('\n');
          while (nl >= 0) {
            const line = buffer.slice(0, nl).trim();
            buffer = buffer.slice(nl + 1);
            nl = buffer.indexOf('\n');
            if (!line) continue;
            try {
              const ev = JSON.parse(line) as { type: string; object: TableChunk };
              if (ev.type !== 'BOOKMARK' && ev.type !== 'ERROR') print(ev.object);
            } catch {
              // not an event: ignore
            }
          }
        },
      );
    }

    const remember = (command: string, exitCode?: number) =>
      deps.history?.record(principal.userId, {
        clusterId: cluster.id,
        namespace,
        command,
        ...(exitCode !== undefined ? { exitCode } : {}),
      });

    async function runLine(line: string): Promise<void> {
      let words: string[];
      try {
        words = tokenize(line);
      } catch (e) {
        out(`error: ${(e as Error).message}\n`);
        return exit(1);
      }
      const w = words[0] === 'kubectl' ? words.slice(1) : words;
      if (w[0] === 'use' && (w[1] === 'namespace' || w[1] === 'ns') && w[2] && w.length === 3) {
        namespace = w[2];
        out(`Context namespace is now "${namespace}".\n`);
        return exit(0);
      }
      if (!streams(w)) {
        const r = await deps.runner.run(principal, { cluster: cluster.id, namespace, command: line, confirmed: false });
        await remember(line, r.exit_code);
        out(r.output);
        if (r.confirm) out(`${r.confirm.prompt} (confirm in the terminal's one-shot mode: nothing was changed)\n`);
        return exit(r.exit_code);
      }
      // a watch or follow is remembered when it starts (it may run until Ctrl+C)
      await remember(line);
      try {
        const code = w[0] === 'logs' ? await followLogs(w.slice(1)) : await watch(w.slice(1));
        exit(code);
      } catch (e) {
        if (e instanceof UsageError) {
          out(`Error: ${e.message}\n${e.command ? `See 'kubectl ${e.command} --help' for usage.\n` : ''}`);
          return exit(1);
        }
        if (e instanceof KubectlError) {
          out(`${e.message}\n`);
          return exit(1);
        }
        throw e;
      }
    }

    const session: SmartStream = {
      input(data) {
        if (data === '\u0003') {
          if (busy) interrupted = true;
          current?.abort();
          return;
        }
        if (busy) {
          out('error: a command is still running (Ctrl+C stops it)\n');
          return;
        }
        const line = data.replace(/\r?\n$/, '');
        busy = true;
        interrupted = false;
        runLine(line)
          .catch((err: unknown) => {
            logger.warn({ err }, 'smart terminal command failed');
            out(`error: ${err instanceof Error ? err.message : String(err)}\n`);
            exit(1);
          })
          .finally(() => {
            busy = false;
          });
      },
      close() {
        closed = true;
        current?.abort();
      },
    };
    return session;
  };
}
