/**
 * The toolkit's actions on one Calico object, each behind its confirmation. Only actions the user may run are
 * drawn (a viewer sees none); one the object's state forbids is disabled with the reason.
 */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { Button, ConfirmDialog } from '@argus/ui';
import type { ActionInfo } from './types';

interface Props {
  api: PluginApi;
  plural: string;
  namespace?: string | undefined;
  name: string;
  actions: ActionInfo[];
  onDone(): void;
}

export function ActionButtons({ api, plural, namespace, name, actions, onDone }: Props) {
  const shown = actions.filter((a) => a.allowed);
  if (shown.length === 0) return null;
  const where = namespace ? `?namespace=${encodeURIComponent(namespace)}` : '';
  // A failure is shown in the dialog (ConfirmDialog keeps it open with the message).
  const run = async (a: ActionInfo) => {
    await api.post(`/resources/${plural}/${encodeURIComponent(name)}/actions/${a.id}${where}`, {});
    onDone();
  };
  return (
    <div className="flex flex-wrap gap-2">
      {shown.map((a) => {
        const button = (
          <Button
            size="sm"
            variant={a.id === 'disable' ? 'outline' : 'default'}
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
            title={`${a.label}: ${namespace ? `${namespace}/` : ''}${name}`}
            description={a.confirm ?? a.description}
            confirm={a.label}
            destructive={a.id === 'disable'}
            onConfirm={() => run(a)}
          />
        );
      })}
    </div>
  );
}
