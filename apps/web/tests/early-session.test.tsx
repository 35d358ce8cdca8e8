// @vitest-environment jsdom
// The dashboard's inline sign-in script (`early-session.ts`) and the app's first refresh taking its answer:
// one refresh request, under the same lock, the rotated token stored; a refused one signs out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { qs, refreshSession } from '@/lib/api';
import { takeEarly } from '@/lib/early-list';
import { EARLY_SESSION_SCRIPT } from '@/lib/early-session';
import { listFields } from '@/lib/list-fields';
import { collectionPath, WELL_KNOWN } from '@/lib/resources';
import { useAuthStore } from '@/stores/auth-store';

const user = { id: 'u1', email: 'ada@example.com', name: 'Ada' };
let chain: Promise<unknown> = Promise.resolve();
const locks = {
  // One holder at a time, in order (what navigator.locks guarantees for one name).
  request: vi.fn((_name: string, fn: () => unknown) => {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  }),
};
let answers: Array<() => Response>;
const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => (answers.shift() as () => Response)());
const pair = (n: number) => () =>
  new Response(JSON.stringify({ access_token: `a${n}`, refresh_token: `r${n}`, user }), { status: 200 });

beforeEach(() => {
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  vi.stubGlobal('fetch', fetchMock);
  fetchMock.mockClear();
  locks.request.mockClear();
  localStorage.setItem('argus.refresh_token', 'r1');
  useAuthStore.getState().clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  (window as { __argusEarlySession?: unknown }).__argusEarlySession = undefined;
  (window as { __argusEarlyList?: unknown }).__argusEarlyList = undefined;
});

const runScript = (path: string) => {
  window.history.pushState({}, '', path);
  new Function(EARLY_SESSION_SCRIPT)();
};
const bodyOf = (call: number) => JSON.parse(String(fetchMock.mock.calls[call]?.[1]?.body)) as Record<string, string>;

describe('the early sign-in of a dashboard page', () => {
  it('refreshes once as the page loads; the app takes that answer, later refreshes ask again', async () => {
    answers = [pair(2), pair(3)];
    runScript('/alerts');
    expect(await refreshSession()).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(bodyOf(0)).toEqual({ refresh_token: 'r1' });
    expect(useAuthStore.getState()).toMatchObject({ accessToken: 'a2', user });
    expect(localStorage.getItem('argus.refresh_token')).toBe('r2');
    expect(locks.request.mock.calls.map((c) => c[0])).toEqual(['argus-refresh', 'argus-refresh']);

    expect(await refreshSession()).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(bodyOf(1)).toEqual({ refresh_token: 'r2' });
    expect(localStorage.getItem('argus.refresh_token')).toBe('r3');
  });

  it("on a list page, also requests the page's list, with the path the list view builds", async () => {
    const list = { items: [{ metadata: { name: 'web-1' } }], metadata: { resourceVersion: '9' } };
    answers = [pair(2), () => new Response(JSON.stringify(list), { status: 200 })];
    runScript('/clusters/c%201/pods?namespace=shop&q=web');
    const path =
      collectionPath('c 1', { ...WELL_KNOWN.pods!, verbs: [] }) + qs({ namespace: 'shop', fields: listFields('pods') });
    expect((window as { __argusEarlyList?: { path: string } }).__argusEarlyList?.path).toBe(path);
    expect(takeEarly(`${path}&x=1`)).toBeUndefined(); // only exactly the list view's path
    expect(await takeEarly(path)).toEqual(list);
    expect(takeEarly(path)).toBeUndefined(); // taken once
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls[1]?.[0]).toBe(path);
    expect(new Headers(fetchMock.mock.calls[1]?.[1]?.headers).get('authorization')).toBe('Bearer a2');
    // A node list is cluster-scoped: no namespace in its path, whatever the URL says.
    answers = [pair(3)];
    runScript('/clusters/c1/nodes?namespace=shop');
    expect((window as { __argusEarlyList?: { path: string } }).__argusEarlyList?.path).toBe(
      `/api/clusters/c1/resources/core/v1/nodes${qs({ fields: listFields('nodes') })}`,
    );
  });

  it('signs out when the server refuses the stored token', async () => {
    answers = [() => new Response('{"error":{"code":"UNAUTHENTICATED"}}', { status: 401 })];
    runScript('/settings/profile');
    expect(await refreshSession()).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem('argus.refresh_token')).toBeNull();
    expect(useAuthStore.getState().accessToken).toBeNull();
  });

  it('does nothing outside the dashboard or without a stored token', async () => {
    answers = [];
    runScript('/login');
    runScript('/auth/callback');
    localStorage.removeItem('argus.refresh_token');
    runScript('/clusters');
    expect((window as { __argusEarlySession?: unknown }).__argusEarlySession).toBeUndefined();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
