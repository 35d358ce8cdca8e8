'use client';
import { Input, Label } from '@argus/ui';
import type { QuietHours } from '@/lib/notifications';

const SELECT = 'h-9 w-full min-w-0 rounded-md border bg-transparent px-2 text-sm';

/** The browser's time zone (the default for new quiet hours). */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'UTC', ...all])].filter(Boolean).sort();
}

/** Quiet hours: off, or from–to in a time zone (channels wait until the end; the bell does not). */
export function QuietHoursFields({
  value,
  onChange,
}: {
  value: QuietHours | null;
  onChange: (v: QuietHours | null) => void;
}) {
  const on = value !== null;
  const q = value ?? { start: '22:00', end: '07:00', time_zone: browserTimeZone() };
  return (
    <fieldset className="grid gap-3 rounded-md border p-3">
      <legend className="px-1 text-sm font-medium">Quiet hours</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked ? q : null)} />
        Hold channel messages during quiet hours (they are sent when the quiet hours end)
      </label>
      {on && (
        <div className="grid grid-cols-3 gap-3">
          <div className="grid gap-1">
            <Label htmlFor="qh-start">From</Label>
            <Input
              id="qh-start"
              type="time"
              required
              value={q.start}
              onChange={(e) => onChange({ ...q, start: e.target.value })}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="qh-end">Until</Label>
            <Input
              id="qh-end"
              type="time"
              required
              value={q.end}
              onChange={(e) => onChange({ ...q, end: e.target.value })}
            />
          </div>
          <div className="grid min-w-0 gap-1">
            <Label htmlFor="qh-tz">Time zone</Label>
            <select
              id="qh-tz"
              className={SELECT}
              value={q.time_zone}
              onChange={(e) => onChange({ ...q, time_zone: e.target.value })}
            >
              {timeZones(q.time_zone).map((tz) => (
                <option key={tz} value={tz}>
                  {tz}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
    </fieldset>
  );
}
