/**
 * The plugins the web UI knows how to draw: each plugin's frontend module, imported lazily (a plugin's
 * code is fetched only when one of its pages or widgets is shown), and the API client its components get.
 */
import type { PluginInfo } from '@argus/contracts';
import type { PluginApi, PluginFrontend } from '@argus/plugin-sdk/frontend';
import { api, qs } from './api';

export const PLUGIN_FRONTENDS: Record<string, () => Promise<{ default: PluginFrontend }>> = {
  helm: () => import('@argus/plugin-helm/frontend'),
  prometheus: () => import('@argus/plugin-prometheus/frontend'),
};

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

/** The parts of a manifest the UI draws (the server validated the manifest). */
export function manifestOf(p: PluginInfo): {
  pages: ManifestPage[];
  navigation: ManifestNavigation[];
  widgets: ManifestWidget[];
} {
  const m = (p.manifest ?? {}) as Record<string, unknown>;
  return {
    pages: (m.pages as ManifestPage[] | undefined) ?? [],
    navigation: (m.navigation as ManifestNavigation[] | undefined) ?? [],
    widgets: (m.widgets as ManifestWidget[] | undefined) ?? [],
  };
}

/** Whether the plugin runs and is enabled on the cluster (and the UI has its frontend). */
export function enabledOn(p: PluginInfo, clusterId: string): boolean {
  return p.status === 'active' && p.id in PLUGIN_FRONTENDS && p.clusters.some((c) => c.id === clusterId && c.enabled);
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
    raw: (method, path, body) => api(path, { method, ...(body !== undefined ? { body } : {}) }),
  };
}
