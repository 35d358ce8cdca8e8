'use client';
import type { AiSettings } from '@argus/contracts';
import { useQuery } from '@tanstack/react-query';
import { AiSettingsForm } from '@/components/assistant/AiSettingsForm';
import { ErrorAlert } from '@/components/ErrorAlert';
import { usePermissions } from '@/hooks/use-permissions';
import { api } from '@/lib/api';

/** `/settings/ai` (admins): the assistant's AI providers, connection test and tool permission level. */
export default function AiSettingsPage() {
  const { can } = usePermissions();
  const settings = useQuery({ queryKey: ['ai-settings'], queryFn: () => api<AiSettings>('/api/settings/ai') });
  return (
    <div className="grid max-w-3xl gap-4">
      <h1 className="text-xl font-semibold">AI assistant</h1>
      <p className="text-sm text-muted-foreground">
        The assistant answers with the provider marked default (or the only enabled one). It sees only what the asking
        user may see, and changes nothing without that user’s approval.
      </p>
      <ErrorAlert error={settings.error} title="Could not read the AI settings" />
      {settings.isLoading && <p className="text-sm text-muted-foreground">Loading…</p>}
      {settings.data && <AiSettingsForm settings={settings.data} writable={can('settings', 'write')} />}
    </div>
  );
}
