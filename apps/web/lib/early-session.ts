/**
 * The silent sign-in of a dashboard page, started by an inline `<head>` script as the HTML is parsed instead of
 * when the app's bundles have been evaluated (~250 ms later on a 2-core machine): the list a page shows
 * (`early-list.ts`) and the dashboard's first render both wait for it. The script does what `doRefresh` does,
 * under the same cross-tab lock (`argus-refresh`: refresh tokens rotate, and a spent one revokes the whole
 * family): it trades the stored refresh token for a new pair, stores the new refresh token, and leaves the
 * answer in `window.__argusEarlySession` for `takeEarlySession`, which the app's first refresh takes
 * instead of asking again. Without `navigator.locks`, a refresh token or a dashboard path it does nothing.
 * A failed or refused early request changes nothing the app would not have done: it asks again.
 */
import type { SessionUser } from '@/stores/auth-store';
import { listFields } from './list-fields';
import { groupPath, WELL_KNOWN } from './well-known';

/** Per URL segment of a list page: its collection path under /api/clusters/{id}/resources/, namespaced, fields. */
function earlyLists(): Record<string, [string, boolean, string]> {
  const out: Record<string, [string, boolean, string]> = {};
  for (const [segment, r] of Object.entries(WELL_KNOWN)) {
    out[segment] = [`${groupPath(r)}/${r.version}/${r.resource}`, r.namespaced, listFields(r.resource) ?? ''];
  }
  return out;
}

/**
 * The inline script. On a list page (`/clusters/{id}/{kind}` of a well-known kind) it also requests that
 * kind's list with the new access token — the path `useResourceList` builds (`?namespace=` for namespaced
 * kinds, then `fields`, encoded by URLSearchParams as `qs` does) — and leaves the answer in
 * `window.__argusEarlyList` for `early-list.ts`, read at once as bytes (a body nobody reads stops coming once
 * Chromium's pipe to the page is full, and the app's modules are still being evaluated; bytes, not text: the
 * app decodes it once, when it parses it).
 */
export const EARLY_SESSION_SCRIPT = `(function(){try{
if(!/^[/](clusters|admin|alerts|api-docs|notifications|plugins|resources|settings|terminal)([/]|$)/.test(location.pathname))return;
var locks=navigator.locks;if(!locks||!localStorage.getItem('argus.refresh_token'))return;
var session=window.__argusEarlySession=locks.request('argus-refresh',function(){
var t=localStorage.getItem('argus.refresh_token');if(!t)return null;
return fetch('/api/auth/refresh',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify({refresh_token:t})})
.then(function(r){return r.ok?r.json():{status:r.status};})
.then(function(p){if(p&&p.refresh_token)localStorage.setItem('argus.refresh_token',p.refresh_token);return p;});
}).catch(function(){return null;});
var m=/^[/]clusters[/]([^/]+)[/]([^/]+)[/]?$/.exec(location.pathname);
var lists=${JSON.stringify(earlyLists())};
var k=m&&Object.prototype.hasOwnProperty.call(lists,decodeURIComponent(m[2]))&&lists[decodeURIComponent(m[2])];
if(!k)return;
var q=new URLSearchParams();var ns=k[1]&&new URLSearchParams(location.search).get('namespace');
if(ns)q.set('namespace',ns);if(k[2])q.set('fields',k[2]);
var path='/api/clusters/'+encodeURIComponent(decodeURIComponent(m[1]))+'/resources/'+k[0]+(q.toString()?'?'+q.toString():'');
var response=session.then(function(p){if(!p||!p.access_token)throw new Error('no session');
return fetch(path,{headers:{Authorization:'Bearer '+p.access_token}});})
.then(function(r){return r.arrayBuffer().then(function(b){return new Response(b,{status:r.status,statusText:r.statusText,headers:r.headers});});});
response.catch(function(){});
window.__argusEarlyList={path:path,response:response};
}catch(e){}})();`;

export type EarlySession =
  | { access_token: string; refresh_token: string; user?: SessionUser }
  | { status: number }
  | null;

/** The inline script's answer, once (later refreshes ask the server themselves). */
export function takeEarlySession(): Promise<EarlySession> | undefined {
  if (typeof window === 'undefined') return undefined;
  const w = window as { __argusEarlySession?: Promise<EarlySession> };
  const early = w.__argusEarlySession;
  w.__argusEarlySession = undefined;
  return early;
}
