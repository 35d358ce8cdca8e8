/** The clusters table: rows in, views out. The sealed kubeconfig never leaves this module but to the service. */
import { AppError, type ClusterStatus, type ClusterView } from '@argus/contracts';
import type { Database } from '../db/types.js';

export interface ClusterRow {
  id: string;
  name: string;
  connection_type: 'kubeconfig' | 'agent' | 'demo';
  kubeconfig_encrypted: string | null;
  context: string | null;
  server_url: string | null;
  auth_method: string | null;
  impersonate_users: boolean;
  status: ClusterStatus;
  status_message: string | null;
  last_error_code: string | null;
  kubernetes_version: string | null;
  latency_ms: number | null;
  last_checked_at: Date | string | null;
  labels: Record<string, string>;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface NewCluster {
  id: string;
  name: string;
  connectionType: 'kubeconfig' | 'demo';
  kubeconfigSealed: string;
  context: string;
  serverUrl: string;
  authMethod: string;
  impersonateUsers: boolean;
  createdBy: string | null;
  health: HealthRecord;
}

export interface HealthRecord {
  status: ClusterStatus;
  message: string | null;
  errorCode: string | null;
  latencyMs: number | null;
  version: string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export function toView(r: ClusterRow): ClusterView {
  return {
    id: r.id,
    name: r.name,
    connection_type: r.connection_type,
    context: r.context,
    server_url: r.server_url,
    auth_method: r.auth_method,
    impersonate_users: r.impersonate_users,
    status: r.status,
    status_message: r.status_message,
    kubernetes_version: r.kubernetes_version,
    latency_ms: r.latency_ms,
    last_checked_at: iso(r.last_checked_at),
    labels: r.labels ?? {},
    created_at: iso(r.created_at) ?? '',
    updated_at: iso(r.updated_at) ?? '',
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nameTaken(err: unknown, name: string): never {
  if ((err as { code?: string }).code === '23505')
    throw new AppError('ALREADY_EXISTS', `A cluster named "${name}" already exists`);
  throw err;
}

export interface ClusterStore {
  insert(c: NewCluster): Promise<ClusterRow>;
  list(): Promise<ClusterRow[]>;
  get(id: string): Promise<ClusterRow | undefined>;
  findByName(name: string): Promise<ClusterRow | undefined>;
  update(id: string, patch: { name?: string; impersonateUsers?: boolean }): Promise<ClusterRow | undefined>;
  remove(id: string): Promise<boolean>;
  recordHealth(id: string, h: HealthRecord): Promise<void>;
  count(): Promise<number>;
  listDemo(): Promise<ClusterRow[]>;
  replaceKubeconfig(id: string, sealed: string, serverUrl: string): Promise<void>;
}

export function createClusterStore(db: Database): ClusterStore {
  return {
    async insert(c) {
      try {
        const res = await db.query<ClusterRow>(
          `INSERT INTO clusters (id, name, connection_type, kubeconfig_encrypted, context, server_url, auth_method, impersonate_users,
             created_by, status, status_message, last_error_code, latency_ms, kubernetes_version, last_checked_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14, now()) RETURNING *`,
          [
            c.id,
            c.name,
            c.connectionType,
            c.kubeconfigSealed,
            c.context,
            c.serverUrl,
            c.authMethod,
            c.impersonateUsers,
            c.createdBy,
            c.health.status,
            c.health.message,
            c.health.errorCode,
            c.health.latencyMs,
            c.health.version,
          ],
        );
        return res.rows[0]!;
      } catch (err) {
        return nameTaken(err, c.name);
      }
    },
    async list() {
      return (await db.query<ClusterRow>('SELECT * FROM clusters ORDER BY lower(name)')).rows;
    },
    async get(id) {
      if (!UUID.test(id)) return undefined;
      return (await db.query<ClusterRow>('SELECT * FROM clusters WHERE id = $1', [id])).rows[0];
    },
    async findByName(name) {
      return (await db.query<ClusterRow>('SELECT * FROM clusters WHERE lower(name) = lower($1)', [name])).rows[0];
    },
    async update(id, patch) {
      if (!UUID.test(id)) return undefined;
      try {
        const res = await db.query<ClusterRow>(
          `UPDATE clusters SET name = coalesce($2, name), impersonate_users = coalesce($3, impersonate_users), updated_at = now()
           WHERE id = $1 RETURNING *`,
          [id, patch.name ?? null, patch.impersonateUsers ?? null],
        );
        return res.rows[0];
      } catch (err) {
        return nameTaken(err, patch.name ?? '');
      }
    },
    async remove(id) {
      if (!UUID.test(id)) return false;
      return (await db.query('DELETE FROM clusters WHERE id = $1', [id])).rowCount > 0;
    },
    async recordHealth(id, h) {
      await db.query(
        `UPDATE clusters SET status = $2, status_message = $3, last_error_code = $4, latency_ms = $5,
           kubernetes_version = coalesce($6, kubernetes_version), last_checked_at = now() WHERE id = $1`,
        [id, h.status, h.message, h.errorCode, h.latencyMs, h.version],
      );
    },
    async count() {
      const res = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM clusters');
      return Number(res.rows[0]?.n ?? 0);
    },
    async listDemo() {
      return (
        await db.query<ClusterRow>("SELECT * FROM clusters WHERE connection_type = 'demo' ORDER BY created_at, name")
      ).rows;
    },
    async replaceKubeconfig(id, sealed, serverUrl) {
      await db.query(
        'UPDATE clusters SET kubeconfig_encrypted = $2, server_url = $3, updated_at = now() WHERE id = $1',
        [id, sealed, serverUrl],
      );
    },
  };
}
