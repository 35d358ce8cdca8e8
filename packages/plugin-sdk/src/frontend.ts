/**
 * The frontend half of a plugin: pages, widgets and detail-page tabs named in the manifest, each loaded
 * lazily by the web UI only where the plugin is enabled for the cluster. Components get everything through
 * props (an API client already scoped to the plugin and cluster): no globals, no imports from the web app.
 *
 * Also the frontend toolkit's data-bound pieces, shared with the web app (the presentational ones are in
 * `@argus/ui`): `useLiveList` / `useLiveEvents` over the tab's one WebSocket, `EventsList`,
 * `RelatedObjects`, links to the generic pages (`objectHref`), and `ArgusHostProvider` (the web app's).
 */
import type { ComponentType } from 'react';

export { EventsList, type EventsListProps, eventsPath } from './frontend-toolkit/EventsList';
export { type ArgusHost, ArgusHostProvider, useArgusHost } from './frontend-toolkit/host';
export { isBuiltinGroup, labelSelector, objectHref, resourceSegment } from './frontend-toolkit/links';
export { createLiveConnection, liveTargetKey } from './frontend-toolkit/live-connection';
export type {
  LiveConnection,
  LiveConnectionOptions,
  LiveError,
  LiveEventType,
  LiveListener,
  LiveMessageListener,
  LiveMode,
  LiveObject,
  LiveSnapshot,
  LiveStatus,
  LiveTarget,
  SocketLike,
} from './frontend-toolkit/live-types';
export { OperatorActionButton, type OperatorActionButtonProps } from './frontend-toolkit/OperatorActionButton';
export { RelatedObjects, type RelatedObjectsProps, type RelatedSpec } from './frontend-toolkit/RelatedObjects';
export {
  type LiveEventHandlers,
  type LiveList,
  useLiveEvents,
  useLiveList,
  useLiveReload,
} from './frontend-toolkit/use-live';
/** An action as the operator toolkit's detail route offers it (allowed, available, confirm, params schema). */
export type { OperatorActionInfo } from './operator/schemas';
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

/** A Kubernetes object as the detail page read it (`GET /api/clusters/{id}/resources/…`). */
export interface DetailObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What a tab on the generic detail page (manifest `detail_tabs`) gets. */
export interface PluginDetailTabProps extends PluginWidgetProps {
  /** The object the page shows (kept current: the page reads it again every few seconds). */
  object: DetailObject;
  /** Its kind as discovery names it. */
  resource: { group: string; version: string; resource: string; kind: string; namespaced: boolean };
  /** Reads the object again (after an action). */
  reload(): void;
  /** Opens one of the plugin's own pages on this cluster: `navigate("/clusters?namespace=db")`. */
  navigate(path: string): void;
}

type Lazy<P> = () => Promise<{ default: ComponentType<P> }>;

export interface PluginFrontend {
  id: string;
  /** Keyed by the manifest's page ids. */
  pages: Record<string, Lazy<PluginPageProps>>;
  /** Keyed by the manifest's widget ids. */
  widgets: Record<string, Lazy<PluginWidgetProps>>;
  /** Keyed by the manifest's `detail_tabs` ids. */
  detailTabs?: Record<string, Lazy<PluginDetailTabProps>>;
}

export function defineFrontend(frontend: PluginFrontend): PluginFrontend {
  return frontend;
}
