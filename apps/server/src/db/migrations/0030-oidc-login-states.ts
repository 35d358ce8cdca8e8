import type { Migration } from '../migration.js';

/**
 * Single sign-on (issue 9). A login in flight: the hash of its `state` (the key), its nonce and PKCE
 * verifier, the hash of the browser-binding cookie, the redirect URI it used and where to go afterwards.
 * A row is consumed once (DELETE … RETURNING) and expires. Role assignments made from OIDC group mappings
 * are marked `oidc`, so each login replaces those and leaves the ones an admin made by hand.
 */
const sql = `
CREATE TABLE oidc_login_states (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  binding_hash text NOT NULL,
  redirect_uri text NOT NULL,
  next_path text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_login_states_expires_idx ON oidc_login_states (expires_at);

ALTER TABLE user_roles ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'oidc'));
`;

export const oidcLoginStates: Migration = {
  version: 30,
  name: 'oidc-login-states',
  checksumSource: sql,
  async up(tx) {
    await tx.query(sql);
  },
};
