/**
 * The plugins the web UI knows how to draw: each plugin's frontend module, imported lazily (a plugin's
 * code is fetched only when one of its pages, widgets or detail tabs is shown), and the API client its
 * components get.
 */
import type { PluginInfo } from '@argus/contracts';
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { api, qs } from './api';
import { PLUGIN_FRONTENDS } from './plugin-frontends.generated';

// Each built-in plugin's frontend, generated from plugins/builtin.json (scripts/sync-plugins.mjs).
export { PLUGIN_FRONTENDS };

export interface ManifestPage {
  id: string;
  path: string;
  title: string;
  scope: 'cluster' | 'global';
}
export interface ManifestNavigation {
  id: string;
  title: string;
  page: string;
  icon?: string;
  order: number;
}
export interface ManifestWidget {
  id: string;
  title: string;
  placement: 'cluster-overview';
  size: 'sm' | 'md' | 'lg';
}
/** A tab on the generic detail page of one kind (`group` '' or "core" for the core group). */
export interface ManifestDetailTab {
  id: string;
  title: string;
  group: string;
  resource: string;
}

/** The parts of a manifest the UI draws (the server validated the manifest). */
export function manifestOf(p: PluginInfo): {
  pages: ManifestPage[];
  navigation: ManifestNavigation[];
  widgets: ManifestWidget[];
  detailTabs: ManifestDetailTab[];
} {
  const m = (p.manifest ?? {}) as Record<string, unknown>;
  return {
    pages: (m.pages as ManifestPage[] | undefined) ?? [],
    navigation: (m.navigation as ManifestNavigation[] | undefined) ?? [],
    widgets: (m.widgets as ManifestWidget[] | undefined) ?? [],
    detailTabs: (m.detail_tabs as ManifestDetailTab[] | undefined) ?? [],
  };
}

/**
 * Whether the plugin runs and is enabled on the cluster, the cluster has what it requires (`available`:
 * its CRDs; absent means nothing is required), and the UI has its frontend.
 */
export function enabledOn(p: PluginInfo, clusterId: string): boolean {
  return (
    p.status === 'active' &&
    p.id in PLUGIN_FRONTENDS &&
    p.clusters.some((c) => c.id === clusterId && c.enabled && c.available)
  );
}

/** The plugins' tabs for the detail page of a kind on a cluster, as `{pluginId, tab, value}` (`value`: `?tab=`). */
export function detailTabsFor(
  plugins: PluginInfo[],
  clusterId: string,
  kind: { group: string; resource: string },
): { pluginId: string; tab: ManifestDetailTab; value: string }[] {
  const group = (g: string) => (g === 'core' ? '' : g);
  return plugins
    .filter((p) => enabledOn(p, clusterId))
    .flatMap((p) =>
      manifestOf(p)
        .detailTabs.filter((t) => group(t.group) === group(kind.group) && t.resource === kind.resource)
        .map((tab) => ({ pluginId: p.id, tab, value: `${p.id}.${tab.id}` })),
    );
}

/** The page a URL path (segments after the plugin) shows: the longest page path that prefixes it. */
export function matchPage(
  pages: ManifestPage[],
  scope: 'cluster' | 'global',
  segments: string[],
): { page: ManifestPage; subpath: string[] } | undefined {
  let best: { page: ManifestPage; subpath: string[] } | undefined;
  for (const page of pages) {
    if (page.scope !== scope) continue;
    const own = page.path.split('/').filter(Boolean);
    if (own.length > segments.length || own.some((s, i) => s !== segments[i])) continue;
    if (!best || own.length > best.page.path.split('/').filter(Boolean).length)
      best = { page, subpath: segments.slice(own.length) };
  }
  return best;
}

export function pluginHref(pluginId: string, page: ManifestPage, clusterId?: string): string {
  const path = page.path === '/' ? '' : page.path;
  return page.scope === 'cluster' && clusterId
    ? `/clusters/${encodeURIComponent(clusterId)}/plugins/${pluginId}${path}`
    : `/plugins/${pluginId}${path}`;
}

/** Any Argus API path with the user's credentials: what shared data-bound components (`EventsList`) need. */
export const argusClient: Pick<PluginApi, 'raw'> = {
  raw: (method, path, body) => api(path, { method, ...(body !== undefined ? { body } : {}) }),
};

/** The API client a plugin's components get: paths are relative to its routes on this cluster. */
export function pluginApi(pluginId: string, clusterId: string | undefined): PluginApi {
  const base = clusterId
    ? `/api/plugins/${pluginId}/clusters/${encodeURIComponent(clusterId)}`
    : `/api/plugins/${pluginId}`;
  const url = (path: string) => `${base}${path.startsWith('/') ? path : `/${path}`}`;
  return {
    get: (path, query) => api(url(path) + qs(query ?? {})),
    post: (path, body) => api(url(path), { method: 'POST', body: body ?? {} }),
    upload: (path, body, contentType) => api(url(path), { method: 'POST', rawBody: body, contentType }),
    put: (path, body) => api(url(path), { method: 'PUT', body: body ?? {} }),
    delete: (path) => api(url(path), { method: 'DELETE' }),
    raw: argusClient.raw,
  };
}
