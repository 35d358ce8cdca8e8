// @vitest-environment jsdom
// The tab's one WebSocket (`createLiveConnection`), driven through the hooks the web app and the plugins
// use, against a fake socket that plays the server's side of docs/api.md "Live updates".
import '@testing-library/jest-dom/vitest';
import {
  ArgusHostProvider,
  createLiveConnection,
  type LiveConnection,
  type LiveTarget,
  type SocketLike,
  useLiveList,
  useLiveReload,
} from '@argus/plugin-sdk/frontend';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useWatch } from '@/hooks/use-watch';

type Msg = Record<string, unknown> & { type: string };

class FakeSocket implements SocketLike {
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
  // the server's side
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

const pod = (name: string, rv: string, phase = 'Running') => ({
  metadata: { name, namespace: 'shop', uid: `uid-${name}`, resourceVersion: rv },
  status: { phase },
});
const PODS: LiveTarget = { cluster: 'c1', group: 'core', version: 'v1', resource: 'pods', namespace: 'shop' };
const DEPLOYMENTS: LiveTarget = { cluster: 'c1', group: 'apps', version: 'v1', resource: 'deployments' };

function PodNames({ label, target = PODS }: { label: string; target?: LiveTarget }) {
  const list = useLiveList<ReturnType<typeof pod>>(target);
  return (
    <section aria-label={label}>
      <p>{list.status}</p>
      <ul>
        {list.items.map((p) => (
          <li key={p.metadata.name}>
            {p.metadata.name} {p.status.phase}
          </li>
        ))}
      </ul>
    </section>
  );
}

let live: LiveConnection;
let refreshToken: ReturnType<typeof vi.fn<() => Promise<boolean>>>;
let token = 'token-1';

beforeEach(() => {
  FakeSocket.all = [];
  token = 'token-1';
  refreshToken = vi.fn(async () => {
    token = 'token-2';
    return true;
  });
  live = createLiveConnection({
    url: () => 'ws://argus.test/ws',
    getToken: () => token,
    refreshToken,
    WebSocket: FakeSocket,
    retryMs: 5,
    idleCloseMs: 20,
    batchMs: 0,
  });
});
afterEach(() => {
  cleanup();
  live.disconnect();
});

const host = (children: ReactNode) => <ArgusHostProvider live={live}>{children}</ArgusHostProvider>;

/** Opens the only socket and answers the auth message, as the server does. */
async function connect(): Promise<FakeSocket> {
  await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
  const ws = FakeSocket.all[0]!;
  act(() => ws.accept());
  await waitFor(() => expect(ws.of('auth')).toHaveLength(1));
  ws.receive({ type: 'authenticated', user: { id: 'u', email: 'ada@example.com', name: 'Ada' } });
  return ws;
}

describe('one WebSocket per tab', () => {
  it('shares one connection and one subscription between two lists, and unsubscribes when the last one goes', async () => {
    const view = render(
      host(
        <>
          <PodNames key="first" label="first" />
          <PodNames key="second" label="second" />
        </>,
      ),
    );
    const ws = await connect();
    // Credentials travel in the first message, never in the URL.
    expect(ws.url).toBe('ws://argus.test/ws');
    expect(ws.sent[0]).toEqual({ type: 'auth', token: 'token-1' });
    const subs = ws.of('subscribe');
    expect(subs).toEqual([
      {
        type: 'subscribe',
        id: subs[0]?.id,
        cluster: 'c1',
        group: 'core',
        version: 'v1',
        resource: 'pods',
        namespace: 'shop',
        sendInitial: true,
      },
    ]);
    const id = subs[0]!.id;
    ws.receive({ type: 'subscribed', id });
    ws.receive({ type: 'event', id, event: 'ADDED', object: pod('web-1', '10') });
    ws.receive({ type: 'synced', id, resourceVersion: '10' });
    ws.receive({ type: 'event', id, event: 'MODIFIED', object: pod('web-1', '11', 'Failed') });
    for (const label of ['first', 'second']) {
      const list = screen.getByRole('region', { name: label });
      expect(list).toHaveTextContent('web-1 Failed');
      expect(list).toHaveTextContent('live');
    }

    // Another kind on the same page: a second subscription on the same socket.
    view.rerender(
      host(
        <>
          <PodNames key="first" label="first" />
          <PodNames key="second" label="second" />
          <PodNames key="deployments" label="deployments" target={DEPLOYMENTS} />
        </>,
      ),
    );
    await waitFor(() => expect(ws.of('subscribe')).toHaveLength(2));
    expect(FakeSocket.all).toHaveLength(1);

    // One pods list goes: the subscription stays for the other.
    view.rerender(
      host(
        <>
          <PodNames key="second" label="second" />
          <PodNames key="deployments" label="deployments" target={DEPLOYMENTS} />
        </>,
      ),
    );
    expect(ws.of('unsubscribe')).toEqual([]);
    // The last pods list goes: unsubscribed.
    view.rerender(host(<PodNames key="deployments" label="deployments" target={DEPLOYMENTS} />));
    expect(ws.of('unsubscribe')).toEqual([{ type: 'unsubscribe', id }]);
    expect(ws.readyState).toBe(1);
    // Nothing left: the socket is closed after a grace period (a page change would have reused it).
    view.unmount();
    await waitFor(() => expect(ws.readyState).toBe(3));
  });

  it('resumes from the last resourceVersion after a reconnect, keeping what it shows', async () => {
    render(host(<PodNames label="pods" />));
    const ws = await connect();
    const id = ws.of('subscribe')[0]!.id;
    ws.receive({ type: 'subscribed', id });
    ws.receive({ type: 'event', id, event: 'ADDED', object: pod('web-1', '41') });
    ws.receive({ type: 'event', id, event: 'ADDED', object: pod('web-2', '42') });
    ws.receive({ type: 'synced', id, resourceVersion: '42' });

    ws.drop();
    const list = screen.getByRole('region', { name: 'pods' });
    expect(list).toHaveTextContent('offline');
    expect(list).toHaveTextContent('web-2 Running');

    await waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    const again = FakeSocket.all[1]!;
    act(() => again.accept());
    await waitFor(() => expect(again.of('auth')).toHaveLength(1));
    again.receive({ type: 'authenticated', user: { id: 'u', email: 'ada@example.com', name: 'Ada' } });
    const resumed = again.of('subscribe')[0]!;
    expect(resumed.resourceVersion).toBe('42');
    expect(resumed.sendInitial).toBeUndefined();
    again.receive({ type: 'subscribed', id: resumed.id });
    again.receive({ type: 'event', id: resumed.id, event: 'DELETED', object: pod('web-1', '43') });
    again.receive({ type: 'synced', id: resumed.id, resourceVersion: '43' });
    expect(list).toHaveTextContent('live');
    expect(list).not.toHaveTextContent('web-1');
    expect(list).toHaveTextContent('web-2 Running');
  });

  it('starts over from the current state after a resync', async () => {
    render(host(<PodNames label="pods" />));
    const ws = await connect();
    const id = ws.of('subscribe')[0]!.id;
    ws.receive({ type: 'subscribed', id });
    ws.receive({ type: 'event', id, event: 'ADDED', object: pod('old', '5') });
    ws.receive({ type: 'synced', id, resourceVersion: '5' });
    ws.receive({ type: 'resync', id, reason: 'slow_client' });
    await waitFor(() => expect(ws.of('subscribe')).toHaveLength(2));
    const again = ws.of('subscribe')[1]!;
    expect(again.sendInitial).toBe(true);
    expect(again.resourceVersion).toBeUndefined();
    const list = screen.getByRole('region', { name: 'pods' });
    ws.receive({ type: 'subscribed', id: again.id });
    ws.receive({ type: 'event', id: again.id, event: 'ADDED', object: pod('new', '9') });
    expect(list).toHaveTextContent('old'); // the previous state until the new one is complete
    ws.receive({ type: 'synced', id: again.id, resourceVersion: '9' });
    expect(list).not.toHaveTextContent('old');
    expect(list).toHaveTextContent('new Running');
  });

  it('reports a refused subscription, and gets a fresh token when the server refuses the credential', async () => {
    render(host(<PodNames label="pods" />));
    let ws = await connect();
    ws.receive({ type: 'error', id: ws.of('subscribe')[0]!.id, code: 'FORBIDDEN', message: 'no' });
    expect(screen.getByRole('region', { name: 'pods' })).toHaveTextContent('error');

    ws.drop(4401);
    await waitFor(() => expect(refreshToken).toHaveBeenCalledOnce());
    await waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    ws = FakeSocket.all[1]!;
    act(() => ws.accept());
    await waitFor(() => expect(ws.of('auth')).toEqual([{ type: 'auth', token: 'token-2' }]));
  });
});

function Watched({
  onResync,
  onEvent = () => {},
  resourceVersion,
  testId = 'watch-mode',
}: {
  onResync: () => void;
  onEvent?: (type: string, object: unknown) => void;
  resourceVersion?: string;
  testId?: string;
}) {
  const mode = useWatch({ target: { ...DEPLOYMENTS }, onEvent, onResync, resourceVersion });
  return <p data-testid={testId}>{mode}</p>;
}

describe("the web app's own live lists", () => {
  it('use the same connection as the plugins’ lists, and refetch once subscribed', async () => {
    const onResync = vi.fn();
    render(
      host(
        <>
          <Watched onResync={onResync} />
          <PodNames label="plugin list" />
        </>,
      ),
    );
    const ws = await connect();
    expect(FakeSocket.all).toHaveLength(1);
    const subs = ws.of('subscribe');
    expect(subs.map((s) => s.resource).sort()).toEqual(['deployments', 'pods']);
    const watch = subs.find((s) => s.resource === 'deployments')!;
    expect(watch.sendInitial).toBeUndefined(); // the web app lists by itself (paged)
    ws.receive({ type: 'subscribed', id: watch.id });
    expect(onResync).toHaveBeenCalledOnce();
    expect(screen.getByTestId('watch-mode')).toHaveTextContent('live');
    ws.receive({ type: 'error', id: watch.id, code: 'CLUSTER_UNREACHABLE', message: 'down' });
    expect(screen.getByTestId('watch-mode')).toHaveTextContent('polling');
  });

  it('resume from the version of the list they have instead of listing it again, unless the server cannot', async () => {
    const onResync = vi.fn();
    const onEvent = vi.fn();
    render(host(<Watched onResync={onResync} onEvent={onEvent} resourceVersion="42" />));
    const ws = await connect();
    const first = ws.of('subscribe')[0]!;
    expect(first.resourceVersion).toBe('42');
    ws.receive({ type: 'subscribed', id: first.id });
    // The server replays what changed after 42: no second list.
    ws.receive({ type: 'event', id: first.id, event: 'MODIFIED', object: pod('web-1', '43') });
    expect(onEvent).toHaveBeenCalledWith('MODIFIED', pod('web-1', '43'));
    expect(onResync).not.toHaveBeenCalled();
    expect(screen.getByTestId('watch-mode')).toHaveTextContent('live');

    // 42 is older than what the server still has: it ends the subscription; the list is read again.
    ws.receive({ type: 'resync', id: first.id, reason: 'resume_unavailable' });
    await waitFor(() => expect(ws.of('subscribe')).toHaveLength(2));
    const again = ws.of('subscribe')[1]!;
    expect(again.resourceVersion).toBeUndefined();
    ws.receive({ type: 'subscribed', id: again.id });
    expect(onResync).toHaveBeenCalledOnce();
  });

  it('tell a list that joined a resuming subscription before it started to read its list', async () => {
    const first = vi.fn();
    const second = vi.fn();
    render(
      host(
        <>
          <Watched onResync={first} resourceVersion="42" />
          <Watched onResync={second} testId="second-mode" />
        </>,
      ),
    );
    const ws = await connect();
    expect(ws.of('subscribe')).toHaveLength(1); // one server subscription for both
    ws.receive({ type: 'subscribed', id: ws.of('subscribe')[0]!.id });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    expect(screen.getByTestId('second-mode')).toHaveTextContent('live');
  });
});

function HealthList({ reload }: { reload: () => void }) {
  const status = useLiveReload({ ...PODS, labelSelector: 'cnpg.io/cluster=pg-main' }, reload, 10);
  return <p data-testid="reload-status">{status}</p>;
}

describe('a plugin list read from its own routes', () => {
  it('is read again when its objects change, once per burst of changes', async () => {
    const reload = vi.fn();
    render(host(<HealthList reload={reload} />));
    const ws = await connect();
    const sub = ws.of('subscribe')[0]!;
    expect(sub.labelSelector).toBe('cnpg.io/cluster=pg-main');
    ws.receive({ type: 'subscribed', id: sub.id });
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1)); // changes before the subscription
    ws.receive({ type: 'event', id: sub.id, event: 'MODIFIED', object: pod('pg-main-1', '7') });
    ws.receive({ type: 'event', id: sub.id, event: 'MODIFIED', object: pod('pg-main-2', '8') });
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 30));
    expect(reload).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('reload-status')).toHaveTextContent('live');
  });
});
