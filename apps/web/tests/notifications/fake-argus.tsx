// The notification routes of the Argus API (DESIGN.md "Contract for the second wave") as a small in-memory
// server behind a stubbed fetch, and the server's side of `/ws` as a fake socket: the UI's components are
// driven as the real server would answer them (state changes, filters, write-only secrets), and every
// request is recorded for the tests to check what the UI sent.
import {
  ArgusHostProvider,
  createLiveConnection,
  type LiveConnection,
  type SocketLike,
} from '@argus/plugin-sdk/frontend';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { Alert, AlertSource, AppNotification, Channel, Preferences } from '@/lib/notifications';
import { useAuthStore } from '@/stores/auth-store';

// The CI machine runs many test files at once on 2 cores: wait generously for the UI to settle.
configure({ asyncUtilTimeout: 15_000 });

type Msg = Record<string, unknown> & { type: string };

export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: Msg[] = [];
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Msg);
  }
  close(code = 1000) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }
  accept() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: Msg) {
    act(() => this.onmessage?.({ data: JSON.stringify(msg) }));
  }
  drop(code = 1006) {
    this.readyState = 3;
    act(() => this.onclose?.({ code }));
  }
  of(type: string) {
    return this.sent.filter((m) => m.type === type);
  }
}

export function liveForTest(): LiveConnection {
  return createLiveConnection({
    url: () => 'ws://argus.test/ws',
    getToken: () => 'token',
    WebSocket: FakeSocket,
    retryMs: 5,
    idleCloseMs: 20,
    batchMs: 0,
  });
}

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body?: unknown;
}

export const note = (over: Partial<AppNotification> & { id: string }): AppNotification => ({
  type: 'CrashLoopBackOff',
  severity: 'critical',
  title: `Deployment shop/web is crash-looping (${over.id})`,
  body: '3 pods restarting: back-off restarting failed container',
  cluster_id: 'c1',
  resource_ref: {
    cluster_id: 'c1',
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    resource: 'deployments',
    namespace: 'shop',
    name: 'web',
  },
  read_at: null,
  created_at: new Date(Date.now() - 60_000).toISOString(),
  ...over,
});

export interface FakeState {
  notifications: AppNotification[];
  channels: Channel[];
  sources: AlertSource[];
  alerts: Alert[];
  preferences: Preferences;
  /** Stored secrets of channels (never answered). */
  secrets: Record<string, Record<string, unknown>>;
  /** What `POST …/test` answers per channel id. */
  testResult: (c: Channel) => { ok: boolean; status: string; message: string };
  /** `GET /api/auth/permissions`: an admin unless false. */
  admin: boolean;
  /** When set, `GET /api/notifications` waits for it (a slow server). */
  listGate?: Promise<void>;
}

const SECRET_KEYS = ['url', 'secret', 'password', 'bot_token'];

function publicChannel(c: Channel, secrets: Record<string, unknown>): Channel {
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.config)) if (!SECRET_KEYS.includes(k)) config[k] = v;
  for (const k of SECRET_KEYS) if (secrets[k] !== undefined) config[`${k}_set`] = true;
  if (typeof secrets.url === 'string') config.url_hint = new URL(secrets.url).origin;
  return { ...c, config };
}

/** Installs the fake API; returns its state (tests change it as the server would) and the recorded calls. */
export function fakeArgus(init: Partial<FakeState> = {}) {
  const state: FakeState = {
    notifications: [],
    channels: [],
    sources: [],
    alerts: [],
    preferences: { min_severity: 'warning', channels: [], mode: 'immediate' },
    secrets: {},
    testResult: () => ({ ok: true, status: 'sent', message: 'the receiver answered 204' }),
    admin: true,
    ...init,
  };
  const calls: Call[] = [];
  let seq = 0;
  useAuthStore.getState().setSession('token', { id: 'u', email: 'ada@example.com', name: 'Ada' });
  const json = (b: unknown, status = 200) =>
    new Response(b === undefined ? null : JSON.stringify(b), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  const fail = (status: number, code: string, message: string) => json({ error: { code, message } }, status);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://argus.test');
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      const p = url.pathname;
      const q = url.searchParams;
      calls.push({ method, path: p, query: q, body });
      if (p === '/api/auth/permissions') return json({ user_id: 'u', is_admin: state.admin, permissions: [] });
      if (p === '/api/clusters')
        return json([
          { id: 'c1', name: 'east' },
          { id: 'c2', name: 'west' },
        ]);
      if (p === '/api/notifications' && method === 'GET') {
        await state.listGate;
        const unread = state.notifications.filter((n) => !n.read_at).length;
        const items = state.notifications
          .filter((n) => (q.get('unread') === 'true' ? !n.read_at : true))
          .filter((n) => !q.get('severity') || n.severity === q.get('severity'))
          .filter((n) => !q.get('type') || n.type === q.get('type'))
          .filter((n) => !q.get('cluster_id') || n.cluster_id === q.get('cluster_id'))
          .slice(0, Number(q.get('limit') ?? 50));
        return json({ items, unread });
      }
      let m = /^\/api\/notifications\/([^/]+)\/read$/.exec(p);
      if (m && method === 'POST') {
        const n = state.notifications.find((x) => x.id === decodeURIComponent(m?.[1] ?? ''));
        if (!n) return fail(404, 'NOT_FOUND', 'no such notification');
        n.read_at ??= new Date().toISOString();
        return json({ id: n.id, read_at: n.read_at });
      }
      if (p === '/api/notifications/read-all' && method === 'POST') {
        let marked = 0;
        for (const n of state.notifications)
          if (!n.read_at) {
            n.read_at = new Date().toISOString();
            marked++;
          }
        return json({ marked, unread: 0 });
      }
      if (p === '/api/notifications/preferences') {
        if (method === 'PUT') state.preferences = body as Preferences;
        return json(state.preferences);
      }
      if (p === '/api/notifications/channel-options' && method === 'GET')
        return json({
          items: state.channels.map((c) => ({ id: c.id, name: c.name, type: c.type, enabled: c.enabled })),
        });
      if (p === '/api/notifications/channels') {
        if (!state.admin) return fail(403, 'FORBIDDEN', 'settings:read needed');
        if (method === 'GET')
          return json({ items: state.channels.map((c) => publicChannel(c, state.secrets[c.id] ?? {})) });
        const b = body as Channel;
        if (state.channels.some((c) => c.name === b.name)) return fail(409, 'ALREADY_EXISTS', 'name taken');
        const id = `ch${++seq}`;
        const secrets: Record<string, unknown> = {};
        for (const k of SECRET_KEYS) if (b.config[k] !== undefined) secrets[k] = b.config[k];
        state.secrets[id] = secrets;
        const c: Channel = { id, name: b.name, type: b.type, config: b.config, enabled: b.enabled ?? true };
        state.channels.push(c);
        return json(publicChannel(c, secrets), 201);
      }
      m = /^\/api\/notifications\/channels\/([^/]+)(\/test)?$/.exec(p);
      if (m) {
        const c = state.channels.find((x) => x.id === m?.[1]);
        if (!c) return fail(404, 'NOT_FOUND', 'no such channel');
        if (m[2] && method === 'POST') return json(state.testResult(c));
        if (method === 'DELETE') {
          state.channels = state.channels.filter((x) => x !== c);
          return new Response(null, { status: 204 });
        }
        if (method === 'PUT') {
          const b = body as Channel;
          const secrets = state.secrets[c.id] ?? {};
          for (const k of SECRET_KEYS) if (b.config[k] !== undefined) secrets[k] = b.config[k];
          Object.assign(c, { name: b.name, config: b.config, enabled: b.enabled ?? c.enabled });
          if (c.enabled) c.disabled_reason = null;
        }
        return json(publicChannel(c, state.secrets[c.id] ?? {}));
      }
      if (p === '/api/alerts' && method === 'GET') {
        const st = q.get('state');
        const items = state.alerts
          .filter((a) => (st ? a.state === st : a.state !== 'resolved'))
          .filter((a) => !q.get('cluster_id') || a.cluster_id === q.get('cluster_id'));
        return json({ items });
      }
      if (p === '/api/alerts/sources') {
        if (method === 'GET') return json({ items: state.sources });
        const id = `src${++seq}`;
        const token = `amtok_${id}_0123456789abcdef`;
        const s = {
          id,
          name: (body as { name: string }).name,
          token_prefix: token.slice(0, 8),
          created_at: '2026-12-06T18:00:00Z',
          last_used_at: null,
        };
        state.sources.push(s);
        return json({ ...s, token }, 201);
      }
      m = /^\/api\/alerts\/sources\/([^/]+)$/.exec(p);
      if (m && method === 'DELETE') {
        state.sources = state.sources.filter((s) => s.id !== m?.[1]);
        return new Response(null, { status: 204 });
      }
      return fail(404, 'NOT_FOUND', `${method} ${p}`);
    }),
  );
  return { state, calls };
}

/** Renders under a fresh query client (no retries) and the host (the tab's live connection). */
export function renderApp(ui: ReactNode, live: LiveConnection | null = null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ArgusHostProvider live={live}>{ui}</ArgusHostProvider>
    </QueryClientProvider>,
  );
}
