/**
 * A list page's list, asked for while the app is still starting: on a full page load of `/clusters/{id}/{kind}`
 * the inline script (`early-session.ts`) requests that kind's list with the path `useResourceList` builds, as
 * soon as its silent sign-in has a token, while the app's modules are evaluated and the dashboard renders. The
 * list's query takes that answer instead of asking again (`takeEarly`: once, exactly the same path, within
 * EARLY_MS of the navigation); a failed early request is simply made again by the query. Same request, same
 * token: nothing is shown that the query would not have fetched.
 */
import { readAnswer } from './api';
import type { KubeList } from './kube';

const EARLY_MS = 15_000;

/** The list the page's inline script requested, if it is exactly `path`'s and recent; it is taken once. */
export function takeEarly(path: string): Promise<KubeList> | undefined {
  if (typeof window === 'undefined') return undefined;
  const w = window as { __argusEarlyList?: { path: string; response: Promise<Response> } };
  const e = w.__argusEarlyList;
  if (!e || e.path !== path || performance.now() > EARLY_MS) return undefined;
  w.__argusEarlyList = undefined;
  return e.response.then((res) => readAnswer<KubeList>(path, res));
}
