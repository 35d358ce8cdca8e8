'use client';
import {
  Button,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  Input,
  Label,
} from '@argus/ui';
import { RotateCwIcon, ScalingIcon, Trash2Icon } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { api } from '@/lib/api';
import type { KubeObject } from '@/lib/kube';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  path: string;
  object: KubeObject;
  canScale: boolean;
  canRestart: boolean;
  canDelete: boolean;
  onChanged: () => void;
  onDeleted: () => void;
}

function ActionDialog({
  trigger,
  title,
  description,
  confirm,
  destructive,
  onConfirm,
  children,
}: {
  trigger: ReactNode;
  title: string;
  description: string;
  confirm: string;
  destructive?: boolean;
  onConfirm: () => Promise<void>;
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setError(null);
      }}
    >
      <span onClickCapture={() => setOpen(true)}>{trigger}</span>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
        <ErrorAlert error={error} title={`${title} failed`} />
        <DialogFooter>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant={destructive ? 'destructive' : 'default'} onClick={() => void run()} disabled={busy}>
            {busy ? 'Working…' : confirm}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

const mergePatch = (path: string, body: unknown) =>
  api(path, { method: 'PATCH', rawBody: JSON.stringify(body), contentType: 'application/merge-patch+json' });

/** Scale, restart and delete; each offered only when the user may do it. */
export function ObjectActions({ path, object, canScale, canRestart, canDelete, onChanged, onDeleted }: Props) {
  const [replicas, setReplicas] = useState(String(object.spec?.replicas ?? 1));
  const name = object.metadata.name;
  return (
    <div className="flex flex-wrap gap-2">
      {canScale && (
        <ActionDialog
          trigger={
            <Button variant="outline" size="sm">
              <ScalingIcon aria-hidden="true" /> Scale
            </Button>
          }
          title="Scale"
          description={`Set the number of replicas of ${name}.`}
          confirm="Scale"
          onConfirm={async () => {
            await mergePatch(path, { spec: { replicas: Number(replicas) } });
            onChanged();
          }}
        >
          <div className="grid gap-2">
            <Label htmlFor="replicas">Replicas</Label>
            <Input id="replicas" type="number" min={0} value={replicas} onChange={(e) => setReplicas(e.target.value)} />
          </div>
        </ActionDialog>
      )}
      {canRestart && (
        <ActionDialog
          trigger={
            <Button variant="outline" size="sm">
              <RotateCwIcon aria-hidden="true" /> Restart
            </Button>
          }
          title="Restart"
          description={`Roll out every pod of ${name} again (like kubectl rollout restart).`}
          confirm="Restart"
          onConfirm={async () => {
            await mergePatch(path, {
              spec: {
                template: {
                  metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() } },
                },
              },
            });
            onChanged();
          }}
        />
      )}
      {canDelete && (
        <ActionDialog
          trigger={
            <Button variant="destructive" size="sm">
              <Trash2Icon aria-hidden="true" /> Delete
            </Button>
          }
          title="Delete"
          description={`Delete ${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${name}? This cannot be undone.`}
          confirm="Delete"
          destructive
          onConfirm={async () => {
            await api(path, { method: 'DELETE' });
            onDeleted();
          }}
        />
      )}
    </div>
  );
}
