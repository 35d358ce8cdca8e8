/**
 * The frontend half of a plugin: pages and widgets named in the manifest, each loaded lazily by the web
 * UI only where the plugin is enabled for the cluster. Components get everything through props (an API
 * client already scoped to the plugin and cluster): no globals, no imports from the web app.
 */
import type { ComponentType } from 'react';

export { type PluginData, usePluginData } from './use-plugin-data';

/** Calls the plugin's own routes; paths are relative to `/api/plugins/{id}/clusters/{cluster}`. */
export interface PluginApi {
  get<T = unknown>(path: string, query?: Record<string, string | undefined>): Promise<T>;
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  /** A raw body (a chart archive, say) with its content type. */
  upload<T = unknown>(path: string, body: Blob | ArrayBuffer, contentType: string): Promise<T>;
  put<T = unknown>(path: string, body?: unknown): Promise<T>;
  delete<T = unknown>(path: string): Promise<T>;
  /** Any Argus API path (e.g. `/api/clusters/{id}/resources/…`), with the user's credentials. */
  raw<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface PluginPageProps {
  pluginId: string;
  clusterId: string;
  clusterName: string;
  /** Path segments after the page's own path (e.g. ["default", "my-release"]). */
  subpath: string[];
  /** The query string: view state (filters, tabs) lives there. */
  searchParams: URLSearchParams;
  /** Navigates inside the plugin: `navigate("/releases/default/web?tab=history")`. */
  navigate(path: string): void;
  /** Whether the user may perform `resource:action` on this cluster (from the user's roles). */
  can(resource: string, action: string, namespace?: string): boolean;
  api: PluginApi;
}

export interface PluginWidgetProps {
  pluginId: string;
  clusterId: string;
  clusterName: string;
  api: PluginApi;
  can(resource: string, action: string, namespace?: string): boolean;
}

type Lazy<P> = () => Promise<{ default: ComponentType<P> }>;

export interface PluginFrontend {
  id: string;
  /** Keyed by the manifest's page ids. */
  pages: Record<string, Lazy<PluginPageProps>>;
  /** Keyed by the manifest's widget ids. */
  widgets: Record<string, Lazy<PluginWidgetProps>>;
}

export function defineFrontend(frontend: PluginFrontend): PluginFrontend {
  return frontend;
}
