'use client';
import { Badge, Button, ConfirmDialog } from '@argus/ui';
import { useState } from 'react';
import { SimpleTable } from '@/components/SimpleTable';
import { api, describeError } from '@/lib/api';
import type { Channel } from '@/lib/notifications';
import { configOf, initialValues } from './channel-fields';

interface TestResult {
  ok: boolean;
  status?: string;
  message?: string;
}

const path = (c: Channel) => `/api/notifications/channels/${encodeURIComponent(c.id)}`;

/** Where a channel sends to, from its public settings (URLs of webhooks are secrets: only their origin). */
function target(c: Channel): string {
  const k = c.config;
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (c.type) {
    case 'smtp':
      return `${s(k.host)}:${String(k.port ?? '')}${k.to ? ` → ${s(k.to)}` : ''}`;
    case 'telegram':
      return `chat ${s(k.chat_id)}`;
    default:
      return s(k.url_hint) || (k.url_set ? 'URL stored' : '');
  }
}

/** The channels with their state (and why one was disabled), each with send test, enable/disable, edit, delete. */
export function ChannelList({
  channels,
  onEdit,
  onChanged,
}: {
  channels: Channel[];
  onEdit: (c: Channel) => void;
  onChanged: () => void;
}) {
  const [tests, setTests] = useState<Record<string, TestResult | 'busy'>>({});
  const [error, setError] = useState<Record<string, string>>({});
  const sendTest = async (c: Channel) => {
    setTests((t) => ({ ...t, [c.id]: 'busy' }));
    try {
      const r = await api<TestResult | undefined>(`${path(c)}/test`, { method: 'POST', body: {} });
      setTests((t) => ({ ...t, [c.id]: { ok: r?.ok ?? true, status: r?.status, message: r?.message } }));
    } catch (err) {
      setTests((t) => ({ ...t, [c.id]: { ok: false, message: describeError(err) } }));
    }
  };
  const setEnabled = async (c: Channel, enabled: boolean) => {
    setError((e) => ({ ...e, [c.id]: '' }));
    try {
      // Secrets left out of `config` are kept by the server.
      const config = configOf(c.type, initialValues(c.type, c.config));
      await api(path(c), { method: 'PUT', body: { name: c.name, type: c.type, config, enabled } });
      onChanged();
    } catch (err) {
      setError((e) => ({ ...e, [c.id]: describeError(err) }));
    }
  };
  return (
    <SimpleTable<Channel>
      label="Notification channels"
      rows={channels}
      rowKey={(c) => c.id}
      columns={[
        { header: 'Name', cell: (c) => <span className="font-medium">{c.name}</span> },
        { header: 'Type', cell: (c) => c.type },
        { header: 'Target', cell: (c) => <span className="font-mono text-xs">{target(c)}</span> },
        {
          header: 'State',
          cell: (c) =>
            c.enabled ? (
              <Badge variant="success">enabled</Badge>
            ) : (
              <span className="grid gap-1">
                <Badge variant="secondary">disabled</Badge>
                {c.disabled_reason && (
                  <span className="whitespace-normal text-xs text-destructive">{c.disabled_reason}</span>
                )}
              </span>
            ),
        },
        {
          header: 'Actions',
          cell: (c) => {
            const t = tests[c.id];
            return (
              <div className="grid gap-1">
                <div className="flex flex-wrap gap-1">
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={t === 'busy'}
                    onClick={() => void sendTest(c)}
                    aria-label={`Send test to ${c.name}`}
                  >
                    {t === 'busy' ? 'Sending…' : 'Send test'}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => void setEnabled(c, !c.enabled)}>
                    {c.enabled ? 'Disable' : 'Enable'}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => onEdit(c)} aria-label={`Edit ${c.name}`}>
                    Edit
                  </Button>
                  <ConfirmDialog
                    trigger={
                      <Button size="sm" variant="ghost" aria-label={`Delete ${c.name}`}>
                        Delete
                      </Button>
                    }
                    title={`Delete channel “${c.name}”?`}
                    description="Nothing more is sent through it; users who chose it stop getting these messages."
                    confirm="Delete"
                    destructive
                    onConfirm={async () => {
                      await api(path(c), { method: 'DELETE' });
                      onChanged();
                    }}
                    renderError={(err) => <p className="text-sm text-destructive">{describeError(err)}</p>}
                  />
                </div>
                {t && t !== 'busy' && (
                  <p
                    role="status"
                    className={`whitespace-normal text-xs ${t.ok ? 'text-success' : 'text-destructive'}`}
                  >
                    {t.ok ? 'Test sent' : 'Test failed'}
                    {t.message ? `: ${t.message}` : ''}
                  </p>
                )}
                {error[c.id] && <p className="whitespace-normal text-xs text-destructive">{error[c.id]}</p>}
              </div>
            );
          },
        },
      ]}
    />
  );
}
