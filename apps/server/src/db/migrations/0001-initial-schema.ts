import type { Migration } from '../migration.js';

/** Every table of the seed's schema, with keys, constraints and the indexes the API queries use. */
const sql = `
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320 AND position('@' in email) > 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  password_hash text,
  auth_provider text NOT NULL DEFAULT 'local' CHECK (auth_provider IN ('local', 'oidc')),
  oidc_issuer text,
  oidc_subject text,
  is_active boolean NOT NULL DEFAULT true,
  failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
  locked_until timestamptz,
  password_changed_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (auth_provider <> 'local' OR password_hash IS NOT NULL),
  CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_oidc_identity_key ON users (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL;

CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id uuid NOT NULL,
  parent_id uuid REFERENCES refresh_tokens (id) ON DELETE SET NULL,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  user_agent text,
  source_ip text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  scope text NOT NULL DEFAULT 'full',
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);

CREATE TABLE clusters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  connection_type text NOT NULL DEFAULT 'kubeconfig' CHECK (connection_type IN ('kubeconfig', 'agent', 'demo')),
  kubeconfig_encrypted text,
  context text,
  server_url text,
  impersonate_users boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'unknown' CHECK (status IN ('unknown', 'connected', 'disconnected', 'error')),
  status_message text,
  kubernetes_version text,
  latency_ms integer CHECK (latency_ms >= 0),
  last_checked_at timestamptz,
  labels jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (connection_type <> 'kubeconfig' OR kubeconfig_encrypted IS NOT NULL)
);
CREATE UNIQUE INDEX clusters_name_key ON clusters (lower(name));

CREATE TABLE roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  description text NOT NULL DEFAULT '',
  is_builtin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX roles_name_key ON roles (name);

CREATE TABLE role_permissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  resource text NOT NULL CHECK (length(resource) BETWEEN 1 AND 200),
  action text NOT NULL CHECK (length(action) BETWEEN 1 AND 50),
  UNIQUE (role_id, resource, action)
);

CREATE TABLE user_roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  cluster_id uuid REFERENCES clusters (id) ON DELETE CASCADE,
  namespace text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (namespace IS NULL OR cluster_id IS NOT NULL)
);
CREATE UNIQUE INDEX user_roles_scope_key ON user_roles
  (user_id, role_id, coalesce(cluster_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(namespace, ''));
CREATE INDEX user_roles_role_idx ON user_roles (role_id);

CREATE TABLE oidc_role_mappings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_name text NOT NULL CHECK (length(group_name) BETWEEN 1 AND 300),
  role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  cluster_id uuid REFERENCES clusters (id) ON DELETE CASCADE,
  namespace text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (namespace IS NULL OR cluster_id IS NOT NULL)
);
CREATE UNIQUE INDEX oidc_role_mappings_scope_key ON oidc_role_mappings
  (group_name, role_id, coalesce(cluster_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(namespace, ''));

CREATE TABLE settings (
  key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_logs (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  user_id uuid,
  user_email text,
  source_ip text,
  method text NOT NULL CHECK (method IN ('POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'WS', 'EXEC')),
  route text,
  path text NOT NULL,
  action text NOT NULL,
  cluster_id uuid,
  namespace text,
  resource text,
  resource_name text,
  status_code integer,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed', 'error', 'pending')),
  error_code text,
  duration_ms integer CHECK (duration_ms >= 0),
  request_body jsonb
);
CREATE INDEX audit_logs_time_idx ON audit_logs (occurred_at DESC, id DESC);
CREATE INDEX audit_logs_user_idx ON audit_logs (user_id, occurred_at DESC);
CREATE INDEX audit_logs_cluster_idx ON audit_logs (cluster_id, occurred_at DESC);
CREATE INDEX audit_logs_action_idx ON audit_logs (action, occurred_at DESC);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type text NOT NULL,
  severity text NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'warning', 'critical')),
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  cluster_id uuid REFERENCES clusters (id) ON DELETE SET NULL,
  resource_ref jsonb,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE notification_channels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  type text NOT NULL CHECK (type IN ('slack', 'email', 'teams', 'telegram', 'webhook')),
  config_encrypted text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notification_channels_name_key ON notification_channels (lower(name));

CREATE TABLE notification_preferences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  channel_id uuid REFERENCES notification_channels (id) ON DELETE CASCADE,
  event_type text NOT NULL,
  min_severity text NOT NULL DEFAULT 'warning' CHECK (min_severity IN ('info', 'warning', 'critical')),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notification_preferences_key ON notification_preferences
  (user_id, coalesce(channel_id, '00000000-0000-0000-0000-000000000000'::uuid), event_type);

CREATE TABLE agent_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('enrolment', 'agent')),
  name text NOT NULL,
  cluster_id uuid REFERENCES clusters (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz,
  used_at timestamptz,
  revoked_at timestamptz,
  last_seen_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'agent' OR cluster_id IS NOT NULL),
  CHECK (kind <> 'enrolment' OR expires_at IS NOT NULL)
);
CREATE INDEX agent_tokens_cluster_idx ON agent_tokens (cluster_id);

CREATE TABLE plugin_config (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plugin_id text NOT NULL CHECK (plugin_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT true,
  config jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plugin_id, cluster_id)
);

CREATE TABLE ai_config (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider text NOT NULL CHECK (provider IN ('anthropic', 'openai', 'ollama')),
  model text NOT NULL,
  base_url text,
  api_key_encrypted text,
  enabled boolean NOT NULL DEFAULT true,
  is_default boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider)
);
CREATE UNIQUE INDEX ai_config_single_default ON ai_config (is_default) WHERE is_default;

CREATE TABLE ai_conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  cluster_id uuid REFERENCES clusters (id) ON DELETE SET NULL,
  title text NOT NULL DEFAULT '',
  messages jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(messages) = 'array'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ai_conversations_user_idx ON ai_conversations (user_id, updated_at DESC);
`;

function embeddingsSql(vectorAvailable: boolean): string {
  const column = vectorAvailable ? 'embedding vector' : 'embedding real[]';
  return `
CREATE TABLE ai_embeddings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source text NOT NULL,
  source_id text NOT NULL,
  chunk_index integer NOT NULL DEFAULT 0 CHECK (chunk_index >= 0),
  content text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  ${column},
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id, chunk_index)
);`;
}

export const initialSchema: Migration = {
  version: 1,
  name: 'initial-schema',
  checksumSource: sql + embeddingsSql(true),
  async up(tx) {
    await tx.query(sql);
    // pgvector where the server has it; otherwise (Debian's PostgreSQL 15, say) a plain array column, and
    // the server reports retrieval as unavailable.
    let vectorAvailable = true;
    await tx.query('SAVEPOINT vector_extension');
    try {
      await tx.query('CREATE EXTENSION IF NOT EXISTS vector');
    } catch {
      vectorAvailable = false;
      await tx.query('ROLLBACK TO SAVEPOINT vector_extension');
    }
    await tx.query(embeddingsSql(vectorAvailable));
  },
};
