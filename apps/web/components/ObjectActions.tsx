'use client';
import { Button, ConfirmDialog, Input, Label } from '@argus/ui';
import { RotateCwIcon, ScalingIcon, Trash2Icon } from 'lucide-react';
import { useState } from 'react';
import { api } from '@/lib/api';
import type { KubeObject } from '@/lib/kube';
import type { ApiResource } from '@/lib/resources';
import { operations } from './detail/operations';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  clusterId: string;
  resource: ApiResource;
  path: string;
  object: KubeObject;
  canScale: boolean;
  canRestart: boolean;
  canDelete: boolean;
  onChanged: () => void;
  onDeleted: () => void;
}

/**
 * Scale, restart and delete; each offered only when the user may do it. Scale and restart are the server's
 * operations (one implementation with the terminal and the assistant, audited under the user).
 */
export function ObjectActions({
  clusterId,
  resource,
  path,
  object,
  canScale,
  canRestart,
  canDelete,
  onChanged,
  onDeleted,
}: Props) {
  const [replicas, setReplicas] = useState(String(object.spec?.replicas ?? 1));
  const name = object.metadata.name;
  const ns = object.metadata.namespace;
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
            const n = Number(replicas);
            if (!Number.isInteger(n) || n < 0) throw new Error('Replicas must be a whole number, 0 or more.');
            await operations.scale(clusterId, resource, name, ns, n);
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
            await operations.restart(clusterId, resource, name, ns);
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
          description={`Delete ${object.kind} ${ns ? `${ns}/` : ''}${name}? This cannot be undone.`}
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
