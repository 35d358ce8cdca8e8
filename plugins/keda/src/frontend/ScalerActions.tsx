/**
 * Pause and resume on a ScaledObject or ScaledJob, each behind KEDA's confirmation. Only actions the user
 * may run are drawn (a viewer sees none); one the object's state forbids is disabled with the reason.
 */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { Button, ConfirmDialog, Input, Label } from '@argus/ui';
import { useState } from 'react';
import type { ActionInfo, ScalerPlural } from './types';

interface Props {
  api: PluginApi;
  plural: ScalerPlural;
  namespace: string;
  name: string;
  actions: ActionInfo[];
  /** After an action ran (read the object again). */
  onDone(): void;
}

function takesReplicas(a: ActionInfo): boolean {
  const props = (a.params_schema as { properties?: Record<string, unknown> } | null)?.properties;
  return !!props && 'replicas' in props;
}

export function ScalerActions({ api, plural, namespace, name, actions, onDone }: Props) {
  const [replicas, setReplicas] = useState('');
  const shown = actions.filter((a) => a.allowed);
  if (shown.length === 0) return null;
  const run = async (a: ActionInfo) => {
    const n = replicas.trim();
    const params = takesReplicas(a) && n !== '' ? { replicas: Number(n) } : undefined;
    await api.post(
      `/resources/${plural}/${encodeURIComponent(name)}/actions/${a.id}?namespace=${encodeURIComponent(namespace)}`,
      params ? { params } : {},
    );
    setReplicas('');
    onDone();
  };
  return (
    <div className="flex flex-wrap gap-2">
      {shown.map((a) => {
        const button = (
          <Button
            size="sm"
            variant={a.id === 'pause' ? 'outline' : 'default'}
            disabled={!a.available}
            title={a.available ? a.description : (a.reason ?? undefined)}
          >
            {a.label}
          </Button>
        );
        if (!a.available) return <span key={a.id}>{button}</span>;
        return (
          <ConfirmDialog
            key={a.id}
            trigger={button}
            title={`${a.label}: ${namespace}/${name}`}
            description={a.confirm ?? a.description}
            confirm={a.label}
            destructive={a.id === 'pause'}
            onConfirm={() => run(a)}
          >
            {takesReplicas(a) && (
              <div className="grid gap-1">
                <Label htmlFor={`keda-${a.id}-replicas`}>Replicas while paused</Label>
                <Input
                  id={`keda-${a.id}-replicas`}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  placeholder="Keep the current count"
                  value={replicas}
                  onChange={(e) => setReplicas(e.target.value)}
                />
                <p className="text-xs text-muted-foreground">
                  Empty: KEDA freezes the current replica count. A number: KEDA scales to it first.
                </p>
              </div>
            )}
          </ConfirmDialog>
        );
      })}
    </div>
  );
}
