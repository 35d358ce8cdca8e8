'use client';
import { Button } from '@argus/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { api } from '@/lib/api';
import { type Channel, itemsOf } from '@/lib/notifications';
import { ChannelForm } from './ChannelForm';
import { ChannelList } from './ChannelList';

export const CHANNELS_KEY = ['notification-channels'];

export async function listChannels(): Promise<Channel[]> {
  return itemsOf(await api<Channel[] | { items?: Channel[] }>('/api/notifications/channels'));
}

/** Admin page: the notification channels (mail, Slack, Teams, Telegram, webhooks). */
export function ChannelsAdmin() {
  const qc = useQueryClient();
  const channels = useQuery({ queryKey: CHANNELS_KEY, queryFn: listChannels });
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: CHANNELS_KEY });
  return (
    <div className="grid gap-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Notification channels</h1>
        {editing === null && (
          <Button size="sm" className="ml-auto" onClick={() => setEditing('new')}>
            Add channel
          </Button>
        )}
      </div>
      <p className="max-w-3xl text-sm text-muted-foreground">
        Where notifications are delivered besides the bell. Users pick channels in their notification preferences.
        Credentials are stored encrypted and never shown again. A channel that answers “gone” or “unauthorised” is
        disabled with the reason; fix it and enable it again.
      </p>
      <ErrorAlert error={channels.error} title="Could not list channels" />
      {editing !== null && (
        <ChannelForm
          key={editing === 'new' ? 'new' : editing.id}
          channel={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(null);
            refresh();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {channels.isLoading ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <ChannelList channels={channels.data ?? []} onEdit={setEditing} onChanged={refresh} />
      )}
    </div>
  );
}
