'use client';
import { Button, ConfirmDialog, Input, Label } from '@argus/ui';
import { RotateCwIcon, ScalingIcon, Trash2Icon } from 'lucide-react';
import { useState } from 'react';
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

const mergePatch = (path: string, body: unknown) =>
  api(path, { method: 'PATCH', rawBody: JSON.stringify(body), contentType: 'application/merge-patch+json' });

/** Scale, restart and delete; each offered only when the user may do it. */
export function ObjectActions({ path, object, canScale, canRestart, canDelete, onChanged, onDeleted }: Props) {
  const [replicas, setReplicas] = useState(String(object.spec?.replicas ?? 1));
  const name = object.metadata.name;
  return (
    <div className="flex flex-wrap gap-2">
      {canScale && (
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm">
              <ScalingIcon aria-hidden="true" /> Scale
            </Button>
          }
          title="Scale"
          renderError={(e) => <ErrorAlert error={e} title="Scale failed" />}
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
        </ConfirmDialog>
      )}
      {canRestart && (
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm">
              <RotateCwIcon aria-hidden="true" /> Restart
            </Button>
          }
          title="Restart"
          renderError={(e) => <ErrorAlert error={e} title="Restart failed" />}
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
        <ConfirmDialog
          trigger={
            <Button variant="destructive" size="sm">
              <Trash2Icon aria-hidden="true" /> Delete
            </Button>
          }
          title="Delete"
          renderError={(e) => <ErrorAlert error={e} title="Delete failed" />}
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
