// @vitest-environment jsdom
// The header's bell: the unread count from the API, moved at once by the server's WebSocket push
// (`{"type":"notification",…}` on the tab's one connection), read again after a reconnect, and lowered when
// notifications are marked read in the centre.
import '@testing-library/jest-dom/vitest';
import type { LiveConnection } from '@argus/plugin-sdk/frontend';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationBell } from '@/components/notifications/NotificationBell';
import { NotificationCentre } from '@/components/notifications/NotificationCentre';
import { FakeSocket, fakeArgus, liveForTest, note, renderApp } from './fake-argus';

vi.mock('next/link', () => import('../detail/next-mocks'));
vi.mock('next/navigation', () => import('../detail/next-mocks'));

let live: LiveConnection;
beforeEach(() => {
  FakeSocket.all = [];
  window.history.replaceState(null, '', '/notifications');
  live = liveForTest();
});
afterEach(() => {
  cleanup();
  live.disconnect();
  vi.unstubAllGlobals();
});

async function connect(): Promise<FakeSocket> {
  await waitFor(() => expect(FakeSocket.all.length).toBeGreaterThan(0));
  const ws = FakeSocket.all.at(-1) as FakeSocket;
  act(() => ws.accept());
  await waitFor(() => expect(ws.of('auth')).toHaveLength(1));
  ws.receive({ type: 'authenticated', user: { id: 'u', email: 'ada@example.com', name: 'Ada' } });
  return ws;
}

const bell = () => screen.getByRole('link', { name: /^Notifications:/ });

describe('the bell', () => {
  it('shows the unread count and moves it at once when the server pushes a notification', async () => {
    const { state, calls } = fakeArgus({ notifications: [note({ id: 'n1' }), note({ id: 'n2' })] });
    renderApp(<NotificationBell />, live);
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications: 2 unread'));
    expect(within(bell()).getByTestId('unread-count')).toHaveTextContent('2');
    expect(bell()).toHaveAttribute('href', '/notifications');

    // The bell alone keeps the tab's socket open (no live list on the page), authenticated by its first frame.
    const ws = await connect();
    expect(ws.sent[0]).toEqual({ type: 'auth', token: 'token' });
    expect(ws.of('subscribe')).toEqual([]);

    // The server stores the notification, then pushes it. The count moves with the push itself: with the
    // list's answers held back, the bell already says 3.
    const n3 = note({ id: 'n3', severity: 'warning', title: 'Node worker-2 is NotReady' });
    state.notifications.unshift(n3);
    let release = () => {};
    state.listGate = new Promise((r) => {
      release = r;
    });
    const before = calls.length;
    ws.receive({ type: 'notification', notification: n3 });
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications: 3 unread'));
    // …and the lists are read again (the server's count is the truth).
    expect(calls.slice(before).some((c) => c.path === '/api/notifications')).toBe(true);
    release();
    state.listGate = undefined;
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications: 3 unread'));

    // The same push again (a redelivery) is not counted twice.
    ws.receive({ type: 'notification', notification: n3 });
    expect(bell()).toHaveAccessibleName('Notifications: 3 unread');
  });

  it('ignores frames of subscriptions and other types; reads the count again after a reconnect', async () => {
    const { state } = fakeArgus({ notifications: [note({ id: 'n1' })] });
    renderApp(<NotificationBell />, live);
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications: 1 unread'));
    const ws = await connect();
    ws.receive({ type: 'notification', id: 's1', notification: note({ id: 'x' }) });
    ws.receive({ type: 'something-else', notification: note({ id: 'y' }) });
    expect(bell()).toHaveAccessibleName('Notifications: 1 unread');

    // While the socket is away, two notifications are made (their pushes are lost): after the reconnect the
    // bell reads the count again.
    ws.drop();
    state.notifications.unshift(note({ id: 'n2' }), note({ id: 'n3' }));
    await waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    await connect();
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications: 3 unread'));
  });

  it('goes down when notifications are marked read in the centre, and to none with "Mark all read"', async () => {
    fakeArgus({
      notifications: [note({ id: 'n1' }), note({ id: 'n2' }), note({ id: 'n3', read_at: '2026-12-06T10:00:00Z' })],
    });
    renderApp(
      <>
        <NotificationBell />
        <NotificationCentre />
      </>,
      live,
    );
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications: 2 unread'));
    const list = await screen.findByRole('list', { name: 'Notification list' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'Mark “Deployment shop/web is crash-looping (n1)” read' }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications: 1 unread'));
    fireEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications: none unread'));
    expect(within(bell()).queryByTestId('unread-count')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Mark “/ })).toBeNull();
  });
});

describe('the centre, live', () => {
  it('shows a pushed notification without a reload', async () => {
    const { state } = fakeArgus({ notifications: [note({ id: 'n1' })] });
    renderApp(
      <>
        <NotificationBell />
        <NotificationCentre />
      </>,
      live,
    );
    const list = await screen.findByRole('list', { name: 'Notification list' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    const ws = await connect();
    const n2 = note({ id: 'n2', title: 'Job nightly-backup failed', type: 'JobFailed' });
    state.notifications.unshift(n2);
    ws.receive({ type: 'notification', notification: n2 });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Job nightly-backup failed');
    expect(screen.getByText('2 unread')).toBeInTheDocument();
  });
});

describe('listening on the live connection', () => {
  it('keeps the socket open while someone listens, closes it when the last listener leaves', async () => {
    fakeArgus();
    const got: unknown[] = [];
    const stop = live.listen?.('notification', { onMessage: (m) => got.push(m.notification) });
    const ws = await connect();
    ws.receive({ type: 'notification', notification: { id: 'n1' } });
    expect(got).toEqual([{ id: 'n1' }]);
    stop?.();
    await waitFor(() => expect(ws.readyState).toBe(3));
    ws.receive({ type: 'notification', notification: { id: 'n2' } });
    expect(got).toHaveLength(1);
  });
});
