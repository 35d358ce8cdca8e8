import type { AiProviderName, AiSettings, AiTestResponse, ToolPermissionLevel } from '@argus/contracts';
import { Button, Input, Label } from '@argus/ui';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useAction } from '@/hooks/use-mutation-form';
import { api } from '@/lib/api';

// The web build imports only types from @argus/contracts' root (its runtime entry is for the server).
const AI_PROVIDERS: readonly AiProviderName[] = ['anthropic', 'openai', 'ollama'];
const TOOL_PERMISSION_LEVELS: readonly ToolPermissionLevel[] = ['all', 'read_only', 'disabled'];

interface Row {
  use: boolean;
  model: string;
  base_url: string;
  /** Typed by the admin; empty keeps the stored key (write-only). */
  api_key: string;
  clear_key: boolean;
  has_api_key: boolean;
  enabled: boolean;
}

const LABELS: Record<AiProviderName, { name: string; model: string; baseUrl: string }> = {
  anthropic: { name: 'Anthropic (Messages API)', model: 'claude-sonnet-4-5', baseUrl: 'https://api.anthropic.com' },
  openai: {
    name: 'OpenAI or an OpenAI-compatible endpoint',
    model: 'gpt-4o-mini',
    baseUrl: 'https://api.openai.com/v1',
  },
  ollama: { name: 'Ollama', model: 'llama3.1', baseUrl: 'http://localhost:11434' },
};

const LEVELS: Record<ToolPermissionLevel, string> = {
  all: 'All tools: read tools run at once; every change waits for the user’s approval',
  read_only: 'Read-only: the assistant may look, never propose a change',
  disabled: 'Disabled: no tools, answers from the conversation and the knowledge base only',
};

function rowsOf(settings: AiSettings): Record<AiProviderName, Row> {
  const out = {} as Record<AiProviderName, Row>;
  for (const provider of AI_PROVIDERS) {
    const p = settings.providers.find((x) => x.provider === provider);
    out[provider] = {
      use: p !== undefined,
      model: p?.model ?? '',
      base_url: p?.base_url ?? '',
      api_key: '',
      clear_key: false,
      has_api_key: p?.has_api_key ?? false,
      enabled: p?.enabled ?? true,
    };
  }
  return out;
}

/** `/settings/ai`: providers (keys write-only), the default one, "test connection", and the tool permission level. */
export function AiSettingsForm({ settings, writable }: { settings: AiSettings; writable: boolean }) {
  const [rows, setRows] = useState(() => rowsOf(settings));
  const [defaultProvider, setDefault] = useState<AiProviderName | null>(
    settings.providers.find((p) => p.is_default)?.provider ?? null,
  );
  const [level, setLevel] = useState<ToolPermissionLevel>(settings.tool_permission_level);
  const [tests, setTests] = useState<Partial<Record<AiProviderName, AiTestResponse | string>>>({});
  const [saved, setSaved] = useState(false);
  const action = useAction(['ai-settings', 'ai-status']);
  const set = (p: AiProviderName, patch: Partial<Row>) => setRows((r) => ({ ...r, [p]: { ...r[p], ...patch } }));

  const save = async () => {
    setSaved(false);
    const providers = AI_PROVIDERS.filter((p) => rows[p].use).map((p) => {
      const r = rows[p];
      return {
        provider: p,
        model: r.model.trim(),
        base_url: r.base_url.trim() || null,
        ...(r.clear_key ? { api_key: '' } : r.api_key ? { api_key: r.api_key } : {}),
        enabled: r.enabled,
        is_default: defaultProvider === p,
      };
    });
    const out = await action.run(() =>
      api<AiSettings>('/api/settings/ai', { method: 'PUT', body: { providers, tool_permission_level: level } }),
    );
    if (out) {
      setRows(rowsOf(out));
      setSaved(true);
    }
  };

  const test = async (provider: AiProviderName) => {
    setTests((t) => ({ ...t, [provider]: 'Testing…' }));
    try {
      const res = await api<AiTestResponse>('/api/settings/ai/test', { method: 'POST', body: { provider } });
      setTests((t) => ({ ...t, [provider]: res }));
    } catch (err) {
      setTests((t) => ({ ...t, [provider]: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {AI_PROVIDERS.map((p) => {
        const r = rows[p];
        const result = tests[p];
        const id = (field: string) => `ai-${p}-${field}`;
        return (
          <fieldset key={p} className="grid gap-2 rounded-md border p-4" disabled={!writable}>
            <legend className="px-1 font-medium">{LABELS[p].name}</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={r.use} onChange={(e) => set(p, { use: e.target.checked })} />
              Use this provider
            </label>
            {r.use && (
              <div className="grid gap-2 sm:grid-cols-2">
                <div className="grid gap-1">
                  <Label htmlFor={id('model')}>Model</Label>
                  <Input
                    id={id('model')}
                    value={r.model}
                    placeholder={LABELS[p].model}
                    onChange={(e) => set(p, { model: e.target.value })}
                    required
                  />
                </div>
                <div className="grid gap-1">
                  <Label htmlFor={id('base-url')}>Base URL (optional)</Label>
                  <Input
                    id={id('base-url')}
                    value={r.base_url}
                    placeholder={LABELS[p].baseUrl}
                    onChange={(e) => set(p, { base_url: e.target.value })}
                  />
                </div>
                <div className="grid gap-1 sm:col-span-2">
                  <Label htmlFor={id('api-key')}>API key{p === 'ollama' ? ' (optional)' : ''}</Label>
                  <Input
                    id={id('api-key')}
                    type="password"
                    autoComplete="off"
                    value={r.api_key}
                    placeholder={r.has_api_key ? 'stored (type to replace)' : 'not set'}
                    onChange={(e) => set(p, { api_key: e.target.value, clear_key: false })}
                  />
                  {r.has_api_key && (
                    <label className="flex items-center gap-2 text-xs text-muted-foreground">
                      <input
                        type="checkbox"
                        checked={r.clear_key}
                        onChange={(e) => set(p, { clear_key: e.target.checked, api_key: '' })}
                      />
                      Remove the stored key
                    </label>
                  )}
                </div>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={r.enabled} onChange={(e) => set(p, { enabled: e.target.checked })} />
                  Enabled
                </label>
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="ai-default"
                    checked={defaultProvider === p}
                    onChange={() => setDefault(p)}
                  />
                  Default provider
                </label>
                <div className="flex items-center gap-2 sm:col-span-2">
                  <Button type="button" variant="outline" size="sm" onClick={() => void test(p)}>
                    Test connection
                  </Button>
                  <span className="text-sm" role="status" data-testid={`ai-test-${p}`}>
                    {typeof result === 'string'
                      ? result
                      : result?.ok
                        ? `Connected: ${result.model} answered in ${result.latency_ms} ms`
                        : result?.error
                          ? `Failed: ${result.error.message} (${result.error.code})`
                          : ''}
                  </span>
                </div>
              </div>
            )}
          </fieldset>
        );
      })}
      <fieldset className="grid gap-2 rounded-md border p-4" disabled={!writable}>
        <legend className="px-1 font-medium">Tools</legend>
        {TOOL_PERMISSION_LEVELS.map((l) => (
          <label key={l} className="flex items-center gap-2 text-sm">
            <input type="radio" name="ai-tools" checked={level === l} onChange={() => setLevel(l)} />
            {LEVELS[l]}
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={action.error} title="Could not save the AI settings" />
      {writable && (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={action.busy}>
            Save
          </Button>
          {saved && <span className="text-sm text-muted-foreground">Saved. Test the connection to be sure.</span>}
        </div>
      )}
      <p className="text-xs text-muted-foreground">
        Keys are stored encrypted and never shown again. Save before testing a changed provider: the test uses the
        stored settings.
      </p>
    </form>
  );
}
