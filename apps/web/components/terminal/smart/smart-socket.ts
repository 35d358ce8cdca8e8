/**
 * A streaming smart-mode command (`get -w`, `logs -f`) over `/ws/terminal`: authenticate (token in the first
 * message), open `mode:"smart"` with the context, send the line, hand `output` on until `exit`.
 */
import { refreshSession } from '@/lib/api';
import { refreshTokenStore, useAuthStore } from '@/stores/auth-store';
import { terminalUrl } from '../exec-socket';
import type { TerminalContext } from './local-commands';

export interface SmartSocket {
  /** Ctrl+C: stops the command (exit 130). */
  interrupt(): void;
  close(): void;
}

async function accessToken(): Promise<string | null> {
  const t = useAuthStore.getState().accessToken;
  if (t || !refreshTokenStore.get()) return t;
  await refreshSession();
  return useAuthStore.getState().accessToken;
}

export function streamCommand(
  context: TerminalContext,
  line: string,
  on: { output(data: string): void; exit(code: number): void },
): SmartSocket {
  const ws = new WebSocket(terminalUrl());
  let done = false;
  const finish = (code: number) => {
    if (done) return;
    done = true;
    on.exit(code);
    ws.close();
  };
  const send = (m: object) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
  };
  ws.onopen = () => {
    void accessToken().then((token) => {
      if (!token) {
        on.output('error: you are signed out: sign in again\n');
        return finish(1);
      }
      send({ type: 'auth', token });
    });
  };
  ws.onmessage = (ev) => {
    let m: { type?: string; [k: string]: unknown };
    try {
      m = JSON.parse(String(ev.data)) as typeof m;
    } catch {
      return;
    }
    if (m.type === 'authenticated')
      send({ type: 'open', mode: 'smart', cluster: context.cluster, namespace: context.namespace });
    else if (m.type === 'opened') send({ type: 'input', data: line });
    else if (m.type === 'output' && typeof m.data === 'string') on.output(m.data);
    else if (m.type === 'exit' && typeof m.code === 'number') finish(m.code);
    else if (m.type === 'error') {
      on.output(`error: ${String(m.message ?? m.code ?? 'the terminal failed')}\n`);
      finish(1);
    }
  };
  ws.onclose = () => {
    if (!done) {
      on.output('error: the connection closed\n');
      finish(1);
    }
  };
  return {
    interrupt: () => send({ type: 'input', data: '\u0003' }),
    close: () => ws.close(),
  };
}
