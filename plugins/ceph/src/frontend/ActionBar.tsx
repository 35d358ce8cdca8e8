/**
 * The actions the toolkit offers on one object (restart a daemon, create a user, bucket claim, RADOS
 * namespace or sub-volume group), each behind its confirmation, with an input per string parameter of its
 * params schema. Only actions the user may run are drawn (a viewer sees none); one the object's state
 * forbids is disabled with the reason.
 */
import type { OperatorActionInfo, PluginApi } from '@argus/plugin-sdk/frontend';
import { Button, ConfirmDialog, Input, Label } from '@argus/ui';
import { useState } from 'react';

interface Props {
  api: PluginApi;
  plural: string;
  namespace: string;
  name: string;
  actions: OperatorActionInfo[];
  /** After an action ran (read the object again). */
  onDone(): void;
}

interface Field {
  key: string;
  description: string;
  required: boolean;
}

function fieldsOf(a: OperatorActionInfo): Field[] {
  const schema = a.params_schema as {
    properties?: Record<string, { type?: string; description?: string }>;
    required?: string[];
  } | null;
  return Object.entries(schema?.properties ?? {})
    .filter(([, p]) => p.type === 'string')
    .map(([key, p]) => ({
      key,
      description: p.description ?? key,
      required: schema?.required?.includes(key) ?? false,
    }));
}

function ActionDialog({
  api,
  plural,
  namespace,
  name,
  action,
  onDone,
}: Omit<Props, 'actions'> & { action: OperatorActionInfo }) {
  const fields = fieldsOf(action);
  const [values, setValues] = useState<Record<string, string>>({});
  const button = (
    <Button
      size="sm"
      variant={action.id === 'restart' ? 'outline' : 'default'}
      disabled={!action.available}
      title={action.available ? action.description : (action.reason ?? undefined)}
    >
      {action.label}
    </Button>
  );
  if (!action.available) return <span>{button}</span>;
  const run = async () => {
    const params = Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
    await api.post(
      `/resources/${plural}/${encodeURIComponent(name)}/actions/${action.id}?namespace=${encodeURIComponent(namespace)}`,
      fields.length ? { params } : {},
    );
    setValues({});
    onDone();
  };
  return (
    <ConfirmDialog
      trigger={button}
      title={`${action.label}: ${namespace}/${name}`}
      description={action.confirm ?? action.description}
      confirm={action.label}
      destructive={action.id === 'restart'}
      onConfirm={run}
    >
      {fields.length > 0 && (
        <div className="grid gap-3">
          {fields.map((f) => {
            const id = `ceph-${action.id}-${f.key}`;
            return (
              <div key={f.key} className="grid gap-1">
                <Label htmlFor={id}>
                  {f.key}
                  {f.required ? '' : ' (optional)'}
                </Label>
                <Input
                  id={id}
                  value={values[f.key] ?? ''}
                  placeholder={f.description}
                  onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                />
              </div>
            );
          })}
        </div>
      )}
    </ConfirmDialog>
  );
}

export function ActionBar({ actions, ...rest }: Props) {
  const shown = actions.filter((a) => a.allowed);
  if (shown.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {shown.map((a) => (
        <ActionDialog key={a.id} action={a} {...rest} />
      ))}
    </div>
  );
}
