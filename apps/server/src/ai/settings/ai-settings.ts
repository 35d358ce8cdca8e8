/**
 * The assistant's settings (admins, `/api/settings/ai`): providers in `ai_config` with their API keys sealed
 * by the SecretBox (write-only: the API says only whether one is stored), and `tool_permission_level` in
 * `ai_settings`. The active provider is the enabled default, else the only enabled one.
 */
import {
  type AiProviderName,
  type AiSettings,
  AppError,
  type ToolPermissionLevel,
  type UpdateAiSettingsRequest,
} from '@argus/contracts';
import type { Database } from '../../db/types.js';
import type { SecretBox } from '../../secrets/secret-box.js';

/** The SecretBox context binding a sealed key to its row's provider (a key moved to another row will not open). */
const keyContext = (provider: string) => `ai_config:${provider}`;

export interface ActiveProvider {
  provider: AiProviderName;
  model: string;
  baseUrl: string | null;
  apiKey: string | null;
}

export interface AiSettingsService {
  get(): Promise<AiSettings>;
  put(body: UpdateAiSettingsRequest): Promise<AiSettings>;
  toolPermissionLevel(): Promise<ToolPermissionLevel>;
  /** The provider the assistant uses (or the named one, enabled or not, for a connection test); null when none. */
  active(name?: AiProviderName): Promise<ActiveProvider | null>;
}

export const HOW_TO_CONFIGURE =
  'No AI provider is configured. An admin can set one under Settings → AI (or PUT /api/settings/ai with ' +
  '{"providers":[{"provider":"anthropic|openai|ollama","model":"…","api_key":"…","enabled":true,"is_default":true}]}), ' +
  'then test it with "Test connection".';

interface Row {
  provider: AiProviderName;
  model: string;
  base_url: string | null;
  api_key_encrypted: string | null;
  enabled: boolean;
  is_default: boolean;
}

export function createAiSettingsService(deps: { db: Database; secrets: SecretBox }): AiSettingsService {
  const { db, secrets } = deps;
  const rows = async () =>
    (
      await db.query<Row>(
        'SELECT provider, model, base_url, api_key_encrypted, enabled, is_default FROM ai_config ORDER BY provider',
      )
    ).rows;
  const level = async (): Promise<ToolPermissionLevel> =>
    ((await db.query<{ level: ToolPermissionLevel }>('SELECT tool_permission_level AS level FROM ai_settings')).rows[0]
      ?.level ?? 'all') as ToolPermissionLevel;

  const get = async (): Promise<AiSettings> => ({
    providers: (await rows()).map((r) => ({
      provider: r.provider,
      model: r.model,
      base_url: r.base_url,
      has_api_key: r.api_key_encrypted !== null,
      enabled: r.enabled,
      is_default: r.is_default,
    })),
    tool_permission_level: await level(),
  });

  return {
    get,
    async put(body) {
      await db.transaction(async (tx) => {
        const existing = new Map(
          (await tx.query<Row>('SELECT provider, api_key_encrypted FROM ai_config')).rows.map((r) => [
            r.provider,
            r.api_key_encrypted,
          ]),
        );
        await tx.query('DELETE FROM ai_config');
        for (const p of body.providers) {
          // write-only key: omitted/null keeps the stored one, "" removes it
          const key =
            p.api_key === undefined || p.api_key === null
              ? (existing.get(p.provider) ?? null)
              : p.api_key === ''
                ? null
                : secrets.seal(p.api_key, keyContext(p.provider));
          await tx.query(
            `INSERT INTO ai_config (provider, model, base_url, api_key_encrypted, enabled, is_default, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, now())`,
            [p.provider, p.model, p.base_url ?? null, key, p.enabled, p.is_default],
          );
        }
        if (body.tool_permission_level)
          await tx.query('UPDATE ai_settings SET tool_permission_level = $1, updated_at = now()', [
            body.tool_permission_level,
          ]);
      });
      return get();
    },
    toolPermissionLevel: level,
    async active(name) {
      const all = await rows();
      const pick = name
        ? all.find((r) => r.provider === name)
        : (all.find((r) => r.enabled && r.is_default) ?? all.find((r) => r.enabled));
      if (!pick) return null;
      let apiKey: string | null = null;
      if (pick.api_key_encrypted)
        try {
          apiKey = secrets.open(pick.api_key_encrypted, keyContext(pick.provider));
        } catch (err) {
          throw new AppError(
            'AI_PROVIDER_ERROR',
            `the stored ${pick.provider} API key cannot be decrypted (ENCRYPTION_KEY changed?): set it again in Settings → AI`,
            { cause: err },
          );
        }
      return { provider: pick.provider, model: pick.model, baseUrl: pick.base_url, apiKey };
    },
  };
}
