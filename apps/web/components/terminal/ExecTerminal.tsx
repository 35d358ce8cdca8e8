'use client';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { type ExecSocket, openExecSocket } from './exec-socket';

export type ExecState =
  | { kind: 'connecting' }
  | { kind: 'open'; container?: string; recording?: boolean }
  | { kind: 'exited'; code: number }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'closed' };

/**
 * xterm.js on a shell in a container over `/ws/terminal`: keystrokes go in as `input`, output is written as
 * it arrives, the fit addon sizes the terminal to its panel and every size change is sent as `resize`.
 * Mounting it opens a session; unmounting closes it (remount with a new `key` to reconnect).
 */
export function ExecTerminal({
  clusterId,
  namespace,
  pod,
  container,
  command,
  onState,
}: {
  clusterId: string;
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
  onState?: (state: ExecState) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ExecState>({ kind: 'connecting' });
  const report = useRef(onState);
  report.current = onState;
  const commandKey = command.join('\u0000');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let socket: ExecSocket | undefined;
    let cleanup = () => {};
    const update = (s: ExecState) => {
      if (disposed) return;
      setState(s);
      report.current?.(s);
    };
    void (async () => {
      // xterm touches the DOM when imported: load it in the browser only.
      const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
      if (disposed) return;
      const term = new Terminal({
        cursorBlink: true,
        convertEol: false,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
        fontSize: 13,
        scrollback: 5000,
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(el);
      fit.fit();
      let ended = false;
      socket = openExecSocket(
        {
          clusterId,
          namespace,
          pod,
          ...(container ? { container } : {}),
          command: commandKey.split('\u0000'),
          cols: term.cols,
          rows: term.rows,
        },
        {
          opened: (c, recording) => {
            update({ kind: 'open', ...(c ? { container: c } : {}), ...(recording ? { recording } : {}) });
            term.focus();
          },
          output: (data) => term.write(data),
          exit: (code) => {
            ended = true;
            // xterm parses writes later: the status changes once the line is in the terminal's buffer.
            term.write(`\r\n\x1b[2m[process exited with code ${code}]\x1b[0m\r\n`, () =>
              update({ kind: 'exited', code }),
            );
          },
          error: (code, message) => {
            ended = true;
            term.write(`\r\n\x1b[31m${message}\x1b[0m\r\n`, () => update({ kind: 'error', code, message }));
          },
          closed: () => {
            if (!ended) update({ kind: 'closed' });
          },
        },
      );
      const input = term.onData((d) => socket?.input(d));
      const resized = term.onResize(({ cols, rows }) => socket?.resize(cols, rows));
      const observer = new ResizeObserver(() => {
        try {
          fit.fit();
        } catch {
          // not laid out (hidden): the next resize fits
        }
      });
      observer.observe(el);
      cleanup = () => {
        observer.disconnect();
        input.dispose();
        resized.dispose();
        socket?.close();
        term.dispose();
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, [clusterId, namespace, pod, container, commandKey]);

  return (
    <div className="grid h-full min-h-0 grid-rows-[1fr_auto] gap-1">
      <div
        ref={host}
        className="min-h-[320px] overflow-hidden rounded-md border bg-black p-1"
        data-testid="exec-terminal"
        role="group"
        aria-label={`Terminal in ${pod}`}
      />
      <p className="text-xs text-muted-foreground" role="status" data-testid="exec-terminal-status">
        {stateText(state)}
      </p>
    </div>
  );
}

function stateText(s: ExecState): string {
  switch (s.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return `Connected${s.container ? ` to ${s.container}` : ''}${s.recording ? ' · this session is recorded' : ''}`;
    case 'exited':
      return `Exited with code ${s.code}`;
    case 'error':
      return `${s.message} (${s.code})`;
    case 'closed':
      return 'Disconnected';
  }
}
