/**
 * The browser side of `/ws/terminal` exec mode: authenticates with the access token in its first message
 * (never in the URL), opens a shell and turns server frames into callbacks. Frames: @argus/contracts
 * terminal.ts.
 */
import { refreshSession } from '@/lib/api';
import { refreshTokenStore, useAuthStore } from '@/stores/auth-store';

export interface ExecTarget {
  clusterId: string;
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
  cols: number;
  rows: number;
}

export interface ExecCallbacks {
  /** `recording`: the session is recorded (the admin setting). */
  opened(container: string | undefined, recording?: boolean): void;
  output(data: string): void;
  exit(code: number): void;
  error(code: string, message: string): void;
  /** The connection closed (after exit or error, or on its own). */
  closed(): void;
}

export interface ExecSocket {
  input(data: string): void;
  resize(cols: number, rows: number): void;
  close(): void;
}

async function accessToken(): Promise<string | null> {
  const t = useAuthStore.getState().accessToken;
  if (t || !refreshTokenStore.get()) return t;
  await refreshSession();
  return useAuthStore.getState().accessToken;
}

export function terminalUrl(): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/terminal`;
}

export function openExecSocket(target: ExecTarget, on: ExecCallbacks): ExecSocket {
  const ws = new WebSocket(terminalUrl());
  let ready = false;
  const send = (m: object) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
  };
  ws.onopen = () => {
    void accessToken().then((token) => {
      if (!token) {
        on.error('UNAUTHENTICATED', 'You are signed out: sign in again to open a terminal');
        ws.close();
        return;
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
    if (m.type === 'authenticated') {
      send({
        type: 'open',
        cluster: target.clusterId,
        namespace: target.namespace,
        pod: target.pod,
        ...(target.container ? { container: target.container } : {}),
        command: target.command,
        cols: target.cols,
        rows: target.rows,
      });
    } else if (m.type === 'opened') {
      ready = true;
      on.opened(typeof m.container === 'string' ? m.container : undefined, m.recording === true);
    } else if (m.type === 'output' && typeof m.data === 'string') on.output(m.data);
    else if (m.type === 'exit' && typeof m.code === 'number') on.exit(m.code);
    else if (m.type === 'error') {
      on.error(String(m.code ?? 'ERROR'), String(m.message ?? 'The terminal failed'));
      if (!ready) ws.close();
    }
  };
  ws.onclose = () => on.closed();
  return {
    input: (data) => ready && send({ type: 'input', data }),
    resize: (cols, rows) => ready && send({ type: 'resize', cols, rows }),
    close: () => ws.close(),
  };
}
