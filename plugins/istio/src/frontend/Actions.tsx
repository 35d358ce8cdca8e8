/**
 * The two actions as forms behind a confirmation: a VirtualService's route weights (one number per
 * destination, summing to 100) and a PeerAuthentication's mTLS mode (with the server's warning). Shown only
 * when the user may run them; the server checks the permission and the object's state again.
 */
import type { PluginApi } from '@argus/plugin-sdk/frontend';
import { Button, ConfirmDialog, Input, Label } from '@argus/ui';
import { useState } from 'react';
import type { Detail } from './types';
import { runAction } from './use-istio';

interface Props {
  api: PluginApi;
  plural: string;
  object: Detail;
  reload(): void;
}

function WeightsAction({ api, plural, object, reload }: Props) {
  const action = object.actions.find((a) => a.id === 'set-weights');
  const http: Array<{ route?: Array<{ destination: { host: string; subset?: string }; weight?: number }> }> =
    object.spec?.http ?? [];
  const index = http.findIndex((r) => (r.route?.length ?? 0) > 1);
  const route = http[index]?.route ?? [];
  const [weights, setWeights] = useState<string[]>(() => route.map((d) => String(d.weight ?? 0)));
  if (!action?.allowed) return null;
  const sum = weights.reduce((n, w) => n + (Number(w) || 0), 0);
  const trigger = (
    <Button size="sm" variant="outline" disabled={!action.available} title={action.reason ?? action.description}>
      {action.label}
    </Button>
  );
  if (!action.available) return trigger;
  return (
    <ConfirmDialog
      trigger={trigger}
      title={`Route weights of ${object.metadata.name}`}
      description={action.confirm ?? action.description}
      confirm="Apply weights"
      onConfirm={async () => {
        if (sum !== 100) throw new Error(`The weights sum to ${sum}, not 100`);
        await runAction(api, plural, object.metadata.namespace ?? '', object.metadata.name, 'set-weights', {
          route: index,
          weights: weights.map(Number),
        });
        reload();
      }}
    >
      <div className="grid gap-2">
        {route.map((d, i) => {
          const id = `weight-${i}`;
          const name = `${d.destination.host}${d.destination.subset ? ` ${d.destination.subset}` : ''}`;
          return (
            <div key={id} className="flex items-center gap-2">
              <Label htmlFor={id} className="w-48 truncate">
                {name}
              </Label>
              <Input
                id={id}
                aria-label={`Weight of ${name}`}
                type="number"
                min={0}
                max={100}
                className="w-24"
                value={weights[i] ?? '0'}
                onChange={(e) => setWeights((w) => w.map((x, j) => (j === i ? e.target.value : x)))}
              />
              <span className="text-sm text-muted-foreground">%</span>
            </div>
          );
        })}
        <p className={sum === 100 ? 'text-sm text-muted-foreground' : 'text-sm text-destructive'}>Total: {sum}%</p>
      </div>
    </ConfirmDialog>
  );
}

function MtlsAction({ api, plural, object, reload }: Props) {
  const action = object.actions.find((a) => a.id === 'set-mtls-mode');
  if (!action?.allowed) return null;
  const current = object.spec?.mtls?.mode ?? 'UNSET';
  const next = current === 'STRICT' ? 'PERMISSIVE' : 'STRICT';
  const warning =
    next === 'STRICT'
      ? `Switch ${object.metadata.name} to STRICT? Clients without a sidecar can no longer reach the workloads it covers: their plain-text requests are refused.`
      : `Switch ${object.metadata.name} to PERMISSIVE? The workloads it covers accept plain-text traffic again.`;
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="outline">
          Switch to {next}
        </Button>
      }
      title={`mTLS mode of ${object.metadata.name}`}
      description={warning}
      confirm={`Switch to ${next}`}
      destructive={next === 'STRICT'}
      onConfirm={async () => {
        await runAction(api, plural, object.metadata.namespace ?? '', object.metadata.name, 'set-mtls-mode', {
          mode: next,
        });
        reload();
      }}
    />
  );
}

export function ObjectActions(props: Props) {
  if (props.plural === 'virtualservices')
    return <WeightsAction key={props.object.metadata.resourceVersion} {...props} />;
  if (props.plural === 'peerauthentications') return <MtlsAction {...props} />;
  return null;
}
