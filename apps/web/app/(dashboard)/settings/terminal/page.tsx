'use client';
import type { TerminalSettings } from '@argus/contracts';
import { Button } from '@argus/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useAction } from '@/hooks/use-mutation-form';
import { usePermissions } from '@/hooks/use-permissions';
import { api } from '@/lib/api';

const kib = (n: number) => `${Math.round(n / 1024)} KiB`;

/** `/settings/terminal` (admins): whether web-terminal shells are recorded (asciicast, played from the audit log). */
export default function TerminalSettingsPage() {
  const { can } = usePermissions();
  const settings = useQuery({
    queryKey: ['terminal-settings'],
    queryFn: () => api<TerminalSettings>('/api/settings/terminal'),
  });
  const action = useAction(['terminal-settings']);
  const on = settings.data?.recording === true;
  const writable = can('settings', 'write');
  return (
    <div className="grid max-w-2xl gap-4">
      <h1 className="text-xl font-semibold">Terminal</h1>
      <ErrorAlert error={settings.error ?? action.error} title="Could not read or change the terminal settings" />
      {settings.data && (
        <section className="grid gap-2 rounded-md border p-4" aria-labelledby="recording-heading">
          <h2 id="recording-heading" className="font-medium">
            Session recording
          </h2>
          <p className="text-sm text-muted-foreground">
            When on, every shell opened afterwards records what the container prints (and each resize) up to{' '}
            {kib(settings.data.recording_max_bytes ?? 0)} per session; keystrokes are not recorded. The user sees that
            the session is recorded. Recordings are played from the{' '}
            <Link className="underline" href="/admin/audit?action=terminal.exec.end">
              audit log
            </Link>{' '}
            by those who may read it.
          </p>
          <p className="text-sm" data-testid="recording-state">
            Recording is <strong>{on ? 'on' : 'off'}</strong>.
          </p>
          {writable && (
            <Button
              className="w-fit"
              variant={on ? 'outline' : 'default'}
              disabled={action.busy}
              onClick={() =>
                void action.run(() => api('/api/settings/terminal', { method: 'PUT', body: { recording: !on } }))
              }
            >
              {on ? 'Stop recording new sessions' : 'Record new sessions'}
            </Button>
          )}
        </section>
      )}
    </div>
  );
}
