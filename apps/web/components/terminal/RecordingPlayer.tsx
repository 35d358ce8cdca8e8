'use client';
import 'asciinema-player/dist/bundle/asciinema-player.css';
import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { apiFetch } from '@/lib/api';

/**
 * A recorded terminal session (asciicast v2 from `GET /api/audit/recordings/{id}`, fetched with the caller's
 * token) in asciinema-player, bundled with the UI (no CDN). Only audit-log readers get the file.
 */
export function RecordingPlayer({ id }: { id: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [cast, setCast] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    setCast(null);
    apiFetch(`/api/audit/recordings/${encodeURIComponent(id)}`)
      .then((res) => res.text())
      .then((text) => !cancelled && setCast(text))
      .catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [id]);

  useEffect(() => {
    const el = host.current;
    if (!el || cast === null) return;
    let disposed = false;
    let player: { dispose(): void } | undefined;
    // the player touches the DOM when imported: load it in the browser only
    void import('asciinema-player').then((AsciinemaPlayer) => {
      if (disposed) return;
      // the user asked to play it: it starts at once (long pauses shortened to 2 s)
      player = AsciinemaPlayer.create({ data: cast }, el, {
        fit: 'width',
        idleTimeLimit: 2,
        controls: true,
        preload: true,
        autoPlay: true,
      });
    });
    return () => {
      disposed = true;
      player?.dispose();
    };
  }, [cast]);

  const header = (() => {
    try {
      return cast ? (JSON.parse(cast.slice(0, cast.indexOf('\n'))) as { title?: string; timestamp?: number }) : null;
    } catch {
      return null;
    }
  })();
  const truncated = cast?.includes('[argus: recording stopped at its limit');
  return (
    <div className="grid gap-2">
      <ErrorAlert error={error} title="Could not load the recording" />
      {header && (
        <p className="text-sm text-muted-foreground" data-testid="recording-title">
          {header.title}
          {header.timestamp
            ? ` · ${new Date(header.timestamp * 1000).toISOString().replace('T', ' ').slice(0, 19)}`
            : ''}
          {truncated ? ' · truncated at the size limit' : ''}
        </p>
      )}
      {cast === null && !error && <p className="text-sm text-muted-foreground">Loading the recording…</p>}
      <div ref={host} data-testid="recording-player" />
    </div>
  );
}
