'use client';
import type { TerminalRunResponse } from '@argus/contracts';
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

const HISTORY_KEY = 'argus.terminal.history';
const HISTORY_MAX = 200;

function loadHistory(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The smart terminal's state: entries, context, per-browser history, running and confirming commands. */
export function useSmartTerminal(opts: {
  context: TerminalContext;
  clusterByName: (name: string) => string | undefined;
  onContext: (c: TerminalContext) => void;
}) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const nextId = useRef(1);
  const streaming = useRef<SmartSocket | null>(null);
  const history = useRef<string[] | null>(null);
  const getHistory = useCallback(() => {
    history.current ??= loadHistory();
    return history.current;
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
        const h = getHistory().filter((c) => c !== command);
        h.push(command);
        history.current = h.slice(-HISTORY_MAX);
        try {
          localStorage.setItem(HISTORY_KEY, JSON.stringify(history.current));
        } catch {
          // private mode: history stays in memory
        }
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
    [opts, send, getHistory, update],
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
