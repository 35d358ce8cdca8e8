import {
  AppError,
  DEFAULT_OIDC_GROUPS_CLAIM,
  DEFAULT_OIDC_SCOPES,
  type OidcRoleMapping,
  type OidcRoleMappingRequest,
  type OidcSettings,
  type UpdateOidcSettingsRequest,
} from '@argus/contracts';
import type { Database, Queryable } from '../../db/types.js';
import type { SecretBox } from '../../secrets/secret-box.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db-errors.js';
import { assertIssuerAllowed } from './oidc-client.js';

/** The `oidc` row of `settings`, as stored: the client secret only sealed with the SecretBox. */
export interface StoredOidcSettings {
  enabled: boolean;
  issuer: string;
  client_id: string;
  client_secret_encrypted: string | null;
  scopes: string[];
  groups_claim: string;
  default_role: string | null;
  name: string;
  redirect_uri: string | null;
}

/** The settings with the secret opened, for the login flow (never sent to a client). */
export interface OidcRuntimeSettings extends Omit<StoredOidcSettings, 'client_secret_encrypted'> {
  clientSecret: string | null;
}

export interface OidcSettingsStore {
  get(): Promise<OidcSettings>;
  /** The stored settings with the secret opened; undefined when none are stored. */
  runtime(): Promise<OidcRuntimeSettings | undefined>;
  put(input: UpdateOidcSettingsRequest): Promise<OidcSettings>;
  /** Writes the settings when none are stored (the OIDC_* environment variables at start). */
  seed(input: UpdateOidcSettingsRequest): Promise<boolean>;
  listMappings(): Promise<OidcRoleMapping[]>;
  createMapping(input: OidcRoleMappingRequest): Promise<OidcRoleMapping>;
  updateMapping(id: string, input: OidcRoleMappingRequest): Promise<OidcRoleMapping>;
  deleteMapping(id: string): Promise<void>;
}

const KEY = 'oidc';
const SECRET_CONTEXT = 'settings:oidc:client_secret';
const iso = (d: Date | string) => new Date(d).toISOString();

const DEFAULTS: OidcSettings = {
  enabled: false,
  issuer: '',
  client_id: '',
  client_secret_set: false,
  scopes: DEFAULT_OIDC_SCOPES,
  groups_claim: DEFAULT_OIDC_GROUPS_CLAIM,
  default_role: null,
  name: 'SSO',
  redirect_uri: null,
  updated_at: null,
};

function view(value: StoredOidcSettings, updatedAt: Date): OidcSettings {
  return {
    enabled: value.enabled === true,
    issuer: value.issuer ?? '',
    client_id: value.client_id ?? '',
    client_secret_set: typeof value.client_secret_encrypted === 'string' && value.client_secret_encrypted !== '',
    scopes: Array.isArray(value.scopes) ? value.scopes : DEFAULT_OIDC_SCOPES,
    groups_claim: value.groups_claim || DEFAULT_OIDC_GROUPS_CLAIM,
    default_role: value.default_role ?? null,
    name: value.name || 'SSO',
    redirect_uri: value.redirect_uri ?? null,
    updated_at: iso(updatedAt),
  };
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `Invalid OIDC settings: ${path}: ${message}`, {
    details: { issues: [{ path, message }] },
  });

interface MappingRow {
  id: string;
  group: string;
  role: string;
  cluster_id: string | null;
  namespace: string | null;
  created_at: Date;
}

const MAPPING_SELECT = `
  SELECT m.id::text, m.group_name AS "group", r.name AS role, m.cluster_id::text, m.namespace, m.created_at
    FROM oidc_role_mappings m JOIN roles r ON r.id = m.role_id`;

const mappingView = (r: MappingRow): OidcRoleMapping => ({ ...r, created_at: iso(r.created_at) });

export function createOidcSettingsStore(db: Database, secrets: SecretBox): OidcSettingsStore {
  async function load(q: Queryable): Promise<{ value: StoredOidcSettings; updatedAt: Date } | undefined> {
    const res = await q.query<{ value: StoredOidcSettings; updated_at: Date }>(
      'SELECT value, updated_at FROM settings WHERE key = $1',
      [KEY],
    );
    const row = res.rows[0];
    return row ? { value: row.value, updatedAt: row.updated_at } : undefined;
  }

  async function roleId(q: Queryable, name: string, path: string): Promise<string> {
    const res = await q.query<{ id: string }>('SELECT id::text FROM roles WHERE name = $1', [name]);
    const id = res.rows[0]?.id;
    if (!id) throw invalid(path, `there is no role named "${name}"`);
    return id;
  }

  /** The stored value for an update: an omitted secret keeps the stored one, "" removes it. */
  async function toStored(
    q: Queryable,
    input: UpdateOidcSettingsRequest,
    current: StoredOidcSettings | undefined,
  ): Promise<StoredOidcSettings> {
    assertIssuerAllowed(input.issuer);
    if (input.default_role) await roleId(q, input.default_role, 'default_role');
    let sealed = current?.client_secret_encrypted ?? null;
    if (input.client_secret === '') sealed = null;
    else if (input.client_secret) sealed = secrets.seal(input.client_secret, SECRET_CONTEXT);
    return {
      enabled: input.enabled,
      issuer: input.issuer,
      client_id: input.client_id,
      client_secret_encrypted: sealed,
      scopes: input.scopes ?? current?.scopes ?? DEFAULT_OIDC_SCOPES,
      groups_claim: input.groups_claim ?? current?.groups_claim ?? DEFAULT_OIDC_GROUPS_CLAIM,
      default_role: input.default_role === undefined ? (current?.default_role ?? null) : input.default_role,
      name: input.name ?? current?.name ?? 'SSO',
      redirect_uri: input.redirect_uri === undefined ? (current?.redirect_uri ?? null) : input.redirect_uri,
    };
  }

  async function findMapping(q: Queryable, id: string): Promise<OidcRoleMapping> {
    const res = await q.query<MappingRow>(`${MAPPING_SELECT} WHERE m.id = $1`, [id]);
    const row = res.rows[0];
    if (!row) throw new AppError('NOT_FOUND', 'Group mapping not found');
    return mappingView(row);
  }

  function mappingErrors(err: unknown): never {
    if (isUniqueViolation(err))
      throw new AppError('ALREADY_EXISTS', 'This group is already mapped to this role in this scope');
    if (isForeignKeyViolation(err)) throw invalid('cluster_id', 'there is no such cluster');
    throw err;
  }

  async function writeMapping(q: Queryable, id: string | null, input: OidcRoleMappingRequest): Promise<string> {
    const role = await roleId(q, input.role, 'role');
    const params = [input.group, role, input.cluster_id ?? null, input.namespace ?? null];
    try {
      const res = id
        ? await q.query<{ id: string }>(
            `UPDATE oidc_role_mappings SET group_name = $2, role_id = $3, cluster_id = $4, namespace = $5
              WHERE id = $1 RETURNING id::text`,
            [id, ...params],
          )
        : await q.query<{ id: string }>(
            `INSERT INTO oidc_role_mappings (group_name, role_id, cluster_id, namespace)
             VALUES ($1, $2, $3, $4) RETURNING id::text`,
            params,
          );
      const written = res.rows[0]?.id;
      if (!written) throw new AppError('NOT_FOUND', 'Group mapping not found');
      return written;
    } catch (err) {
      mappingErrors(err);
    }
  }

  return {
    async get() {
      const row = await load(db);
      return row ? view(row.value, row.updatedAt) : DEFAULTS;
    },

    async runtime() {
      const row = await load(db);
      if (!row) return undefined;
      const { updated_at: _at, client_secret_set: _set, ...v } = view(row.value, row.updatedAt);
      const sealed = row.value.client_secret_encrypted;
      return { ...v, clientSecret: sealed ? secrets.open(sealed, SECRET_CONTEXT) : null };
    },

    async put(input) {
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['argus:settings:oidc']);
        const current = await load(tx);
        const value = await toStored(tx, input, current?.value);
        await tx.query(
          `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
          [KEY, JSON.stringify(value)],
        );
      });
      return this.get();
    },

    async seed(input) {
      const value = await toStored(db, input, undefined);
      const res = await db.query(
        'INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key',
        [KEY, JSON.stringify(value)],
      );
      return res.rows.length > 0;
    },

    async listMappings() {
      const res = await db.query<MappingRow>(`${MAPPING_SELECT} ORDER BY m.group_name, r.name, m.created_at`);
      return res.rows.map(mappingView);
    },

    async createMapping(input) {
      return findMapping(db, await writeMapping(db, null, input));
    },

    async updateMapping(id, input) {
      return findMapping(db, await writeMapping(db, id, input));
    },

    async deleteMapping(id) {
      const res = await db.query('DELETE FROM oidc_role_mappings WHERE id = $1 RETURNING id', [id]);
      if (res.rows.length === 0) throw new AppError('NOT_FOUND', 'Group mapping not found');
    },
  };
}
