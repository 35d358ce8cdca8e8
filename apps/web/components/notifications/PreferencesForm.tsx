'use client';
import { Button, Input, Label } from '@argus/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useClusters } from '@/hooks/use-clusters';
import { api } from '@/lib/api';
import { KNOWN_TYPES, listOf, type Preferences, SEVERITIES } from '@/lib/notifications';
import { ChannelChoice } from './ChannelChoice';
import { QuietHoursFields } from './QuietHoursFields';

const KEY = ['notification-preferences'];
const SELECT = 'h-9 w-full min-w-0 rounded-md border bg-transparent px-2 text-sm';

const DEFAULTS: Preferences = { min_severity: 'warning', channels: [], mode: 'immediate' };

/** What the form edits: the preferences, with the free-text lists as typed. */
interface Draft {
  prefs: Preferences;
  namespaces: string;
  otherTypes: string;
}

const draftOf = (p: Preferences): Draft => ({
  prefs: p,
  namespaces: (p.namespaces ?? []).join(', '),
  otherTypes: (p.types ?? []).filter((t) => !(KNOWN_TYPES as readonly string[]).includes(t)).join(', '),
});

function toggle(list: string[] | null | undefined, item: string, on: boolean): string[] {
  const set = new Set(list ?? []);
  if (on) set.add(item);
  else set.delete(item);
  return [...set];
}

/** The caller's notification preferences: scope, minimum severity, channels, immediate or digest, quiet hours. */
export function PreferencesForm() {
  const qc = useQueryClient();
  const prefs = useQuery({
    queryKey: KEY,
    queryFn: async () => ({ ...DEFAULTS, ...(await api<Partial<Preferences>>('/api/notifications/preferences')) }),
  });
  const clusters = useClusters();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (prefs.data && !draft) setDraft(draftOf(prefs.data));
  }, [prefs.data, draft]);
  if (prefs.error) return <ErrorAlert error={prefs.error} title="Could not read your notification preferences" />;
  if (!draft) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const p = draft.prefs;
  const set = (patch: Partial<Preferences>) => {
    setSaved(false);
    setDraft({ ...draft, prefs: { ...p, ...patch } });
  };
  const knownTypes = (p.types ?? []).filter((t) => (KNOWN_TYPES as readonly string[]).includes(t));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const types = [...knownTypes, ...(listOf(draft.otherTypes) ?? [])];
      const body: Preferences = {
        min_severity: p.min_severity,
        channels: p.channels,
        mode: p.mode,
        clusters: p.clusters?.length ? p.clusters : null,
        namespaces: listOf(draft.namespaces) ?? null,
        types: types.length ? types : null,
        quiet_hours: p.quiet_hours ?? null,
      };
      const out = await api<Preferences | undefined>('/api/notifications/preferences', { method: 'PUT', body });
      const next = { ...DEFAULTS, ...(out ?? body) };
      qc.setQueryData(KEY, next);
      setDraft(draftOf(next));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={save} aria-label="Notification preferences" className="grid max-w-3xl gap-4">
      <div className="grid grid-cols-2 gap-3">
        <div className="grid gap-1">
          <Label htmlFor="p-severity">Minimum severity</Label>
          <select
            id="p-severity"
            className={SELECT}
            value={p.min_severity}
            onChange={(e) => set({ min_severity: e.target.value as Preferences['min_severity'] })}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s} {s === 'info' ? '(everything)' : 'and above'}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="grid gap-1">
          <legend className="mb-1 text-sm font-medium">Channel delivery</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="mode"
              checked={p.mode === 'immediate'}
              onChange={() => set({ mode: 'immediate' })}
            />
            Immediately
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="mode" checked={p.mode === 'digest'} onChange={() => set({ mode: 'digest' })} />
            Once a day (digest)
          </label>
        </fieldset>
      </div>
      <ChannelChoice selected={p.channels} onChange={(channels) => set({ channels })} />
      <fieldset className="grid gap-3 rounded-md border p-3">
        <legend className="px-1 text-sm font-medium">Scope (nothing chosen: everything you may read)</legend>
        <div className="grid gap-1">
          <span className="text-sm">Clusters</span>
          <div className="flex flex-wrap gap-3">
            {(clusters.data ?? []).map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={p.clusters?.includes(c.id) ?? false}
                  onChange={(e) => set({ clusters: toggle(p.clusters, c.id, e.target.checked) })}
                />
                {c.name}
              </label>
            ))}
            {clusters.data?.length === 0 && <span className="text-sm text-muted-foreground">No clusters yet.</span>}
          </div>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="p-namespaces">Namespaces</Label>
          <Input
            id="p-namespaces"
            placeholder="shop, payments"
            value={draft.namespaces}
            onChange={(e) => {
              setSaved(false);
              setDraft({ ...draft, namespaces: e.target.value });
            }}
          />
        </div>
        <div className="grid gap-1">
          <span className="text-sm">Alert types</span>
          <div className="grid grid-cols-2 gap-1 md:grid-cols-3">
            {KNOWN_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={knownTypes.includes(t)}
                  onChange={(e) => set({ types: toggle(p.types, t, e.target.checked) })}
                />
                {t}
              </label>
            ))}
          </div>
          <Label htmlFor="p-types" className="mt-2">
            Other types
          </Label>
          <Input
            id="p-types"
            placeholder="alertmanager.KubePodCrashLooping, audit.role_changed"
            value={draft.otherTypes}
            onChange={(e) => {
              setSaved(false);
              setDraft({ ...draft, otherTypes: e.target.value });
            }}
          />
        </div>
      </fieldset>
      <QuietHoursFields value={p.quiet_hours ?? null} onChange={(quiet_hours) => set({ quiet_hours })} />
      <ErrorAlert error={error} title="Could not save your preferences" />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          Save preferences
        </Button>
        {saved && (
          <span role="status" className="text-sm text-success">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
