'use client';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '@/lib/api';
import { itemsOf } from '@/lib/notifications';

interface ChannelOption {
  id: string;
  name: string;
  type: string;
  enabled?: boolean;
}

/**
 * The channels a user may choose (any signed-in user may list their ids, names and types). Should the list fail
 * with 403/404, the chosen ids are shown as they are, and no others can be offered.
 */
async function channelOptions(): Promise<ChannelOption[] | null> {
  try {
    return itemsOf(await api<ChannelOption[] | { items?: ChannelOption[] }>('/api/notifications/channel-options'));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
}

export function ChannelChoice({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const options = useQuery({ queryKey: ['notification-channel-options'], queryFn: channelOptions });
  const list: ChannelOption[] =
    options.data ?? selected.map((id) => ({ id, name: id, type: '' }) satisfies ChannelOption);
  const unknown = selected.filter((id) => !list.some((c) => c.id === id));
  return (
    <fieldset className="grid gap-2 rounded-md border p-3">
      <legend className="px-1 text-sm font-medium">Channels (besides the bell)</legend>
      {list.length === 0 && (
        <p className="text-sm text-muted-foreground">
          {options.data === null
            ? 'Your administrator’s channels could not be listed for you.'
            : 'No channels yet: an administrator adds them under Notification channels.'}
        </p>
      )}
      <div className="flex flex-wrap gap-4">
        {[...list, ...unknown.map((id): ChannelOption => ({ id, name: `${id} (deleted)`, type: '' }))].map((c) => (
          <label key={c.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={selected.includes(c.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, c.id] : selected.filter((id) => id !== c.id))}
            />
            {c.name}
            {c.type && <span className="text-xs text-muted-foreground">{c.type}</span>}
            {c.enabled === false && <span className="text-xs text-destructive">disabled</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
