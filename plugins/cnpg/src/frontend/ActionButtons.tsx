/**
 * An object's actions as buttons: only those the user may run (a viewer sees none); those the object's state
 * forbids are disabled with the reason; those that affect availability, or take a choice (the replica to
 * promote, the instance to fence, the number of instances), open a dialog that says what will happen.
 */

import { OperatorActionButton } from '@argus/plugin-sdk/frontend';
import { Button, ConfirmDialog, Input, Label } from '@argus/ui';
import { type ReactNode, useState } from 'react';
import type { ActionInfo } from './types';

/** The choices an action's parameter offers (pod names), and the current instance count for `scale`. */
export interface ActionChoices {
  /** For `switchover`: the replicas that may be promoted. */
  replicas?: string[];
  /** For `fence`: instances not fenced yet; for `unfence`: fenced ones. */
  unfenced?: string[];
  fenced?: string[];
  /** For `scale`: the number of instances now. */
  instances?: number;
}

export interface ActionButtonsProps {
  actions: readonly ActionInfo[];
  choices?: ActionChoices;
  /** Runs the action; a rejection is shown to the user. */
  run(action: string, params?: Record<string, unknown>): Promise<unknown>;
  /** The object's name, for the dialogs' titles. */
  subject: string;
}

const DESTRUCTIVE = new Set(['hibernate', 'fence', 'restart', 'switchover', 'scale', 'pause']);

function Choice({
  id,
  label,
  options,
  value,
  onChange,
}: {
  id: string;
  label: string;
  options: string[];
  value: string;
  onChange(v: string): void;
}) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id}>{label}</Label>
      <select
        id={id}
        className="h-9 rounded-md border bg-background px-2 text-sm"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o === '*' ? 'Every instance (*)' : o}
          </option>
        ))}
      </select>
    </div>
  );
}

function ParamAction({ action, choices, run, subject }: { action: ActionInfo } & Omit<ActionButtonsProps, 'actions'>) {
  const options =
    action.id === 'switchover'
      ? (choices?.replicas ?? [])
      : action.id === 'fence'
        ? [...(choices?.unfenced ?? []), '*']
        : action.id === 'unfence'
          ? [...(choices?.fenced ?? []), ...((choices?.fenced ?? []).includes('*') ? [] : ['*'])]
          : [];
  const [picked, setChoice] = useState(options[0] ?? '');
  const choice = options.includes(picked) ? picked : (options[0] ?? '');
  const now = choices?.instances ?? 1;
  const [count, setCount] = useState(String(now));
  let input: ReactNode = null;
  let params: Record<string, unknown> = {};
  let description: ReactNode = action.confirm ?? action.description;
  if (action.id === 'scale') {
    const n = Number(count);
    params = { instances: n };
    description =
      Number.isInteger(n) && n < now
        ? `Scale ${subject} down from ${now} to ${n} instances? The highest-numbered replicas are removed.`
        : `Set the number of PostgreSQL instances of ${subject} (now ${now}).`;
    input = (
      <div className="grid gap-1">
        <Label htmlFor={`${action.id}-count`}>Instances</Label>
        <Input
          id={`${action.id}-count`}
          type="number"
          min={1}
          max={99}
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
      </div>
    );
  } else {
    const key = action.id === 'switchover' ? 'target' : 'instance';
    params = { [key]: choice };
    if (action.id === 'switchover')
      description = `Promote ${choice || 'a replica'} to primary of ${subject}? The current primary is demoted; clients of ${subject}-rw are disconnected and must reconnect.`;
    else if (action.id === 'fence')
      description =
        choice === '*'
          ? `Fence every instance of ${subject}? PostgreSQL stops on all of them: the database is unavailable.`
          : `Fence ${choice}? PostgreSQL stops on it (the pod stays); fencing the primary leaves ${subject} without one.`;
    input = (
      <Choice
        id={`${action.id}-choice`}
        label={action.id === 'switchover' ? 'Replica to promote' : 'Instance'}
        options={options}
        value={choice}
        onChange={setChoice}
      />
    );
  }
  return (
    <ConfirmDialog
      trigger={
        <Button
          size="sm"
          variant="outline"
          disabled={!action.available || (key(action) && options.length === 0)}
          title={action.reason ?? action.description}
        >
          {action.label}
        </Button>
      }
      title={`${action.label}: ${subject}`}
      description={description}
      confirm={action.label}
      destructive={DESTRUCTIVE.has(action.id) && (action.id !== 'scale' || Number(count) < now)}
      onConfirm={async () => {
        await run(action.id, params);
      }}
    >
      {input}
    </ConfirmDialog>
  );
}

/** Whether the action's parameter is a choice among instances. */
const key = (a: ActionInfo) => ['switchover', 'fence', 'unfence'].includes(a.id);

export function ActionButtons(props: ActionButtonsProps) {
  const allowed = props.actions.filter((a) => a.allowed);
  if (allowed.length === 0) return null;
  return (
    <fieldset className="flex flex-wrap items-start gap-2" aria-label="Actions">
      {allowed.map((a) =>
        a.params_schema ? (
          <ParamAction key={a.id} action={a} {...props} />
        ) : (
          <OperatorActionButton
            key={a.id}
            action={a}
            run={props.run}
            subject={props.subject}
            destructive={DESTRUCTIVE.has(a.id)}
          />
        ),
      )}
    </fieldset>
  );
}
