'use client';
import {
  Alert,
  Button,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
  Label,
} from '@argus/ui';
import { useMutation } from '@tanstack/react-query';
import { DownloadIcon } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { api } from '@/lib/api';

interface Downloaded {
  kubeconfig: string;
  context: string;
  api_key: { name: string; expires_at: string | null };
  warnings: string[];
}

const LIFETIMES = [1, 7, 30, 90, 365];

/** Hands the browser a file to save, without a round trip or a URL that holds the key. */
function saveFile(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * "Download kubeconfig": kubectl through this cluster's gateway as the signed-in user (a new API key of theirs,
 * listed and revocable under API keys), so kubectl works under the same Argus RBAC and audit as the UI.
 */
export function DownloadKubeconfig({ clusterId, clusterName }: { clusterId: string; clusterName: string }) {
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState(30);
  const [readOnly, setReadOnly] = useState(false);
  const download = useMutation({
    mutationFn: () =>
      api<Downloaded>(`/api/clusters/${encodeURIComponent(clusterId)}/kubeconfig`, {
        method: 'POST',
        body: { expires_in_days: days, scope: readOnly ? 'read' : 'full' },
      }),
    onSuccess: (d) => saveFile(`${d.context}.kubeconfig`, d.kubeconfig),
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) download.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <DownloadIcon className="size-4" aria-hidden="true" /> Download kubeconfig
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Download kubeconfig for {clusterName}</DialogTitle>
          <DialogDescription>
            kubectl will reach this cluster through Argus as you, with your permissions, and Argus audits what it does.
            The file holds a new API key of yours; revoke it under{' '}
            <Link className="underline" href="/admin/api-keys">
              API keys
            </Link>{' '}
            when you no longer need it.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-3 text-sm">
          <Label className="grid gap-1">
            Key expires after
            <select
              className="h-9 rounded-md border bg-background px-2"
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
            >
              {LIFETIMES.map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? '1 day' : `${d} days`}
                </option>
              ))}
            </select>
          </Label>
          <Label className="flex items-center gap-2">
            <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} />
            Read-only (get, list, watch and logs only)
          </Label>
          <ErrorAlert error={download.error} title="Could not create the kubeconfig" />
          {download.data && (
            <Alert role="status">
              Saved <code>{download.data.context}.kubeconfig</code> with the key “{download.data.api_key.name}”. Use it
              with <code>kubectl --kubeconfig {download.data.context}.kubeconfig get pods</code>.
              {download.data.warnings.map((w) => (
                <p key={w} className="mt-2 text-amber-600 dark:text-amber-400">
                  {w}
                </p>
              ))}
            </Alert>
          )}
        </div>
        <DialogFooter>
          <Button onClick={() => download.mutate()} disabled={download.isPending}>
            {download.isPending ? 'Creating…' : 'Download'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
