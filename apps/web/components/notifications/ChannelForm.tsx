'use client';
import { Button, Input, Label, Textarea } from '@argus/ui';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { api } from '@/lib/api';
import { CHANNEL_TYPES, type Channel, type ChannelType } from '@/lib/notifications';
import {
  CHANNEL_FIELDS,
  type ChannelField,
  configOf,
  type FormValues,
  initialValues,
  secretStored,
} from './channel-fields';

const SELECT = 'h-9 w-full min-w-0 rounded-md border bg-transparent px-2 text-sm';
const LABELS: Record<ChannelType, string> = {
  webhook: 'Webhook (Standard Webhooks)',
  smtp: 'E-mail (SMTP)',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  telegram: 'Telegram',
};

function Field({
  f,
  value,
  stored,
  onChange,
  editing,
}: {
  f: ChannelField;
  value: string | boolean;
  stored: boolean;
  onChange: (v: string | boolean) => void;
  editing: boolean;
}) {
  const id = `ch-${f.key}`;
  // A generated secret is shown, so it can be copied to the receiver; a typed one stays masked.
  const [shown, setShown] = useState(false);
  if (f.kind === 'checkbox')
    return (
      <label className="flex items-center gap-2 text-sm">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        {f.label}
      </label>
    );
  // A stored secret is never shown: empty keeps it.
  const keep = f.secret && editing && stored;
  const hint = keep ? 'Stored. Leave empty to keep it; type a new value to replace it.' : f.hint;
  const common = {
    id,
    value: String(value),
    required: f.required && !(f.secret && editing && stored),
    placeholder: keep ? '•••••• (stored)' : f.placeholder,
    autoComplete: 'off',
  };
  return (
    <div className={`grid min-w-0 gap-1 ${f.kind === 'textarea' ? 'col-span-2' : ''}`}>
      <Label htmlFor={id}>{f.label}</Label>
      {f.kind === 'textarea' ? (
        <Textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <div className="flex gap-2">
          <Input
            {...common}
            type={f.kind === 'password' && !shown ? 'password' : f.kind === 'url' ? 'url' : 'text'}
            inputMode={f.kind === 'number' ? 'numeric' : undefined}
            className={shown ? 'font-mono text-xs' : undefined}
            onChange={(e) => onChange(f.kind === 'number' ? e.target.value.replace(/\D/g, '') : e.target.value)}
          />
          {f.generate && (
            <Button
              type="button"
              variant="outline"
              onClick={() => {
                onChange(f.generate?.() ?? '');
                setShown(true);
              }}
            >
              Generate
            </Button>
          )}
        </div>
      )}
      {shown && <p className="text-xs text-muted-foreground">Copy it to the receiver now: it is not shown again.</p>}
      {hint && <p className="text-xs text-muted-foreground">{hint}</p>}
    </div>
  );
}

/** Creates a channel, or edits one (its type stays; secrets are write-only). */
export function ChannelForm({
  channel,
  onDone,
  onCancel,
}: {
  channel?: Channel;
  onDone: (saved: Channel) => void;
  onCancel?: () => void;
}) {
  const editing = !!channel;
  const [type, setType] = useState<ChannelType>(channel?.type ?? 'webhook');
  const [name, setName] = useState(channel?.name ?? '');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [values, setValues] = useState<FormValues>(() => initialValues(channel?.type ?? 'webhook', channel?.config));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { name, type, config: configOf(type, values), enabled };
      const saved = channel
        ? await api<Channel>(`/api/notifications/channels/${encodeURIComponent(channel.id)}`, { method: 'PUT', body })
        : await api<Channel>('/api/notifications/channels', { method: 'POST', body });
      onDone(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={submit}
      aria-label={editing ? `Edit channel ${channel.name}` : 'Add a channel'}
      className="grid max-w-3xl grid-cols-2 items-start gap-3 rounded-md border p-4"
    >
      <h2 className="col-span-2 font-semibold">{editing ? `Edit “${channel.name}”` : 'Add a channel'}</h2>
      <div className="grid min-w-0 gap-1">
        <Label htmlFor="ch-name">Name</Label>
        <Input id="ch-name" required value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="grid min-w-0 gap-1">
        <Label htmlFor="ch-type">Type</Label>
        <select
          id="ch-type"
          className={SELECT}
          value={type}
          disabled={editing}
          onChange={(e) => {
            const t = e.target.value as ChannelType;
            setType(t);
            setValues(initialValues(t));
          }}
        >
          {CHANNEL_TYPES.map((t) => (
            <option key={t} value={t}>
              {LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      {CHANNEL_FIELDS[type].map((f) => (
        <Field
          key={`${type}-${f.key}`}
          f={f}
          editing={editing}
          stored={secretStored(channel?.config ?? {}, f.key)}
          value={values[f.key] ?? ''}
          onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
        />
      ))}
      <label className="col-span-2 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Enabled
      </label>
      <div className="col-span-2">
        <ErrorAlert error={error} title="Could not save the channel" />
      </div>
      <div className="col-span-2 flex gap-2">
        <Button type="submit" disabled={busy}>
          {editing ? 'Save channel' : 'Create channel'}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
