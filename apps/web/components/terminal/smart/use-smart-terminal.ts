'use client';
import type { TerminalHistoryResponse, TerminalRunResponse } from '@argus/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, describeError } from '@/lib/api';
import { HELP, localCommand, streams, type TerminalContext } from './local-commands';
import { type SmartSocket, streamCommand } from './smart-socket';

export interface Entry {
  id: number;
  context: TerminalContext;
  command: string;
  output: string;
  exitCode?: number;
  /** Waiting for y/N before the command is sent again with confirmed:true. */
  confirm?: string;
  answered?: 'yes' | 'no';
  running?: boolean;
}

/** Where earlier versions kept the history in the browser: removed (a shared browser showed it to the next user). */
const OLD_HISTORY_KEY = 'argus.terminal.history';
const HISTORY_MAX = 200;

/**
 * The smart terminal's state: entries, context, the user's history (kept by the server: Up/Down reaches
 * commands of earlier sessions and other browsers), running and confirming commands.
 */
export function useSmartTerminal(opts: {
  context: TerminalContext;
  clusterByName: (name: string) => string | undefined;
  onContext: (c: TerminalContext) => void;
}) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const nextId = useRef(1);
  const streaming = useRef<SmartSocket | null>(null);
  const history = useRef<string[]>([]);
  const getHistory = useCallback(() => history.current, []);
  useEffect(() => {
    let cancelled = false;
    try {
      localStorage.removeItem(OLD_HISTORY_KEY);
    } catch {
      // no storage (private mode)
    }
    api<TerminalHistoryResponse>(`/api/terminal/history?limit=${HISTORY_MAX}`)
      .then((r) => {
        if (cancelled) return;
        // oldest first, each line once (its newest use), then what was typed before the answer came
        const server = r.items.map((i) => i.command).reverse();
        const merged = [...server, ...history.current];
        history.current = merged.filter((c, i) => merged.lastIndexOf(c) === i).slice(-HISTORY_MAX);
      })
      .catch(() => undefined); // history is a convenience: the terminal works without it
    return () => {
      cancelled = true;
    };
  }, []);

  const update = useCallback(
    (id: number, patch: Partial<Entry>) => setEntries((es) => es.map((e) => (e.id === id ? { ...e, ...patch } : e))),
    [],
  );

  const send = useCallback(
    async (id: number, context: TerminalContext, command: string, confirmed: boolean) => {
      update(id, { running: true });
      try {
        const r = await api<TerminalRunResponse>('/api/terminal/run', {
          method: 'POST',
          body: {
            cluster: context.cluster,
            namespace: context.namespace,
            command,
            ...(confirmed ? { confirmed } : {}),
          },
        });
        update(id, {
          running: false,
          output: r.output,
          exitCode: r.exit_code,
          ...(r.confirm ? { confirm: r.confirm.prompt } : {}),
        });
      } catch (e) {
        update(id, { running: false, output: `error: ${describeError(e)}\n`, exitCode: 1 });
      }
    },
    [update],
  );

  const run = useCallback(
    (line: string) => {
      const command = line.trim();
      const id = nextId.current++;
      const context = opts.context;
      if (command) {
        // the server records what it runs; this session's list follows at once
        const h = history.current.filter((c) => c !== command);
        h.push(command);
        history.current = h.slice(-HISTORY_MAX);
      }
      const local = localCommand(command);
      if (local?.kind === 'clear') return setEntries([]);
      const add = (e: Omit<Entry, 'id' | 'context' | 'command'>) =>
        setEntries((es) => [...es, { id, context, command, ...e }]);
      if (!command) return add({ output: '' });
      if (local?.kind === 'help') return add({ output: HELP, exitCode: 0 });
      if (local?.kind === 'error') return add({ output: local.message, exitCode: 1 });
      if (local?.kind === 'use-namespace') {
        opts.onContext({ ...context, namespace: local.name });
        return add({ output: `Context namespace is now "${local.name}".\n`, exitCode: 0 });
      }
      if (local?.kind === 'use-cluster') {
        const cluster = opts.clusterByName(local.name);
        if (!cluster) return add({ output: `error: no cluster "${local.name}"\n`, exitCode: 1 });
        opts.onContext({ ...context, cluster });
        return add({ output: `Context cluster is now "${local.name}".\n`, exitCode: 0 });
      }
      add({ output: '', running: true });
      if (streams(command)) {
        let text = '';
        streaming.current?.close();
        streaming.current = streamCommand(context, command, {
          output: (data) => {
            text += data;
            update(id, { output: text });
          },
          exit: (code) => {
            update(id, { running: false, exitCode: code });
            streaming.current = null;
          },
        });
        return;
      }
      void send(id, context, command, false);
    },
    [opts, send, update],
  );

  const answer = useCallback(
    (entry: Entry, yes: boolean) => {
      update(entry.id, { answered: yes ? 'yes' : 'no' });
      if (!yes) return;
      const id = nextId.current++;
      setEntries((es) => [...es, { id, context: entry.context, command: entry.command, output: '', running: true }]);
      void send(id, entry.context, entry.command, true);
    },
    [send, update],
  );

  /** Ctrl+C: stops a streaming command. */
  const interrupt = useCallback(() => streaming.current?.interrupt(), []);

  useEffect(() => () => streaming.current?.close(), []);

  return { entries, run, answer, interrupt, history: getHistory };
}
