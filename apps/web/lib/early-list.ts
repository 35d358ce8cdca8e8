/**
 * A list page's list, asked for while the app is still starting: a page load evaluates the page's modules,
 * then hydrates the whole dashboard (~150 ms for a 10,000-pod page on a 2-core machine) before the list's
 * query runs. `requestEarly` (called when the list view's module loads, from the URL) sends the same request
 * as soon as the silent sign-in has a token; the query takes that answer instead of asking again
 * (`takeEarly`: once, exactly the same path, within EARLY_MS). A failed early request is simply made again
 * by the query. Same request, same token: nothing is shown that the query would not have fetched.
 */
import { api, readAnswer } from './api';
import type { KubeList } from './kube';

const EARLY_MS = 15_000;
let early: { path: string; at: number; list: Promise<KubeList> } | undefined;

/** The list the page's inline script requested (`early-session.ts`), if it is `path`'s; taken once. */
function inlineList(path: string): Promise<KubeList> | undefined {
  const w = window as { __argusEarlyList?: { path: string; response: Promise<Response> } };
  const e = w.__argusEarlyList;
  if (!e || e.path !== path) return undefined;
  w.__argusEarlyList = undefined;
  return e.response.then((res) => readAnswer<KubeList>(path, res));
}

/**
 * Starts the request of `path` now (it waits for the sign-in in progress, as every API call does), or takes
 * the one the page's inline script already started for the same path.
 */
export function requestEarly(path: string): void {
  const list = inlineList(path) ?? api<KubeList>(path);
  list.catch(() => undefined); // whoever takes it handles a failure
  early = { path, at: Date.now(), list };
}

/** The early request of exactly `path`, if there is a recent one; it is taken once. */
export function takeEarly(path: string): Promise<KubeList> | undefined {
  const e = early;
  if (!e || e.path !== path || Date.now() - e.at > EARLY_MS) return undefined;
  early = undefined;
  return e.list;
}
