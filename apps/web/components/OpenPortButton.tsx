'use client';
import { Button } from '@argus/ui';
import { useMutation } from '@tanstack/react-query';
import { ExternalLinkIcon } from 'lucide-react';
import { api } from '@/lib/api';

/**
 * "Open in browser" for a container or Service port: asks the server for a proxy session (which sets a cookie
 * scoped to the proxy URL; no token is ever in the URL) and opens that URL in a new tab. Shown only to users
 * with `pods:proxy` / `services:proxy`; the server checks again on every request.
 */
export function OpenPortButton({
  clusterId,
  kind,
  namespace,
  name,
  port,
  label,
}: {
  clusterId: string;
  kind: 'pods' | 'services';
  namespace: string;
  name: string;
  port: number | string;
  label?: string;
}) {
  const open = useMutation({
    mutationFn: async () => {
      // Opened before the request so the browser treats it as the click's own window (no popup blocker).
      const tab = window.open('about:blank', '_blank');
      try {
        const session = await api<{ url: string }>(`/api/clusters/${encodeURIComponent(clusterId)}/proxy-sessions`, {
          method: 'POST',
          body: { kind, namespace, name, port },
        });
        if (tab) {
          tab.opener = null; // the proxied page must not reach (or navigate) this tab
          tab.location.href = session.url;
        } else window.open(session.url, '_blank');
      } catch (err) {
        tab?.close();
        throw err;
      }
    },
  });
  return (
    <Button
      variant="ghost"
      size="sm"
      className="h-7 px-2"
      aria-label={`Open ${kind === 'pods' ? 'pod' : 'service'} port ${port} in the browser`}
      title={
        open.error ? (open.error as Error).message : `Open port ${port} in a new tab (through the API server's proxy)`
      }
      onClick={() => open.mutate()}
      disabled={open.isPending}
    >
      <ExternalLinkIcon className="size-3.5" aria-hidden="true" />
      {label ?? 'Open'}
    </Button>
  );
}
