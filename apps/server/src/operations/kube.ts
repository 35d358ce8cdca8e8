/**
 * How the operations talk to a cluster: reads with the cluster's credentials (the route has checked the
 * caller may read), writes through the kubectl gateway in process as the calling user (Argus RBAC decides
 * each request and the audit log records it under the user).
 */
import type { ClusterClient } from '@argus/plugin-sdk';
import type { ClusterConnection } from '../clusters/connection.js';
import { ensureOk } from '../clusters/kube-errors.js';
import type { KubeObject } from '../clusters/selectors.js';

export type { KubeObject };

export interface KubeCall {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface KubeAnswer {
  status: number;
  body: Buffer;
  json<T = unknown>(): T;
}

/** Anything that sends a Kubernetes API request: a cluster connection or a gateway client. */
export interface Kube {
  request(call: KubeCall): Promise<KubeAnswer>;
}

export const fromConnection = (conn: ClusterConnection): Kube => ({
  request: (call) => conn.request({ ...call, headers: { ...(call.headers ?? {}) } }),
});

export const fromClient = (client: ClusterClient): Kube => ({
  request: (call) => client.request({ ...call, headers: { ...(call.headers ?? {}) } }),
});

/** The answer's JSON, or the Kubernetes error as an AppError. */
export async function call<T>(kube: Kube, req: KubeCall): Promise<T> {
  const res = await kube.request(req);
  ensureOk({ ...res, headers: {} });
  return res.json<T>();
}

export async function listItems(kube: Kube, path: string): Promise<KubeObject[]> {
  return (await call<{ items?: KubeObject[] }>(kube, { path })).items ?? [];
}

export const ns = (namespace: string) => `/namespaces/${encodeURIComponent(namespace)}`;
export const seg = (name: string) => encodeURIComponent(name);

/** Loose access to plain JSON. */
export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
