/**
 * An object's actions as buttons: only those the user may run (a viewer sees none); those the object's state
 * forbids are disabled with the reason as their title; those that affect availability ask first, and the
 * switchover asks which pod becomes the primary.
 */

import { OperatorActionButton } from '@argus/plugin-sdk/frontend';
import { Button, ConfirmDialog, Label } from '@argus/ui';
import { useState } from 'react';
import type { ActionInfo } from './types';

export interface ActionButtonsProps {
  actions: readonly ActionInfo[];
  /** For `switchover`: the pods that may become primary. */
  targets?: string[];
  /** The pod a switchover under way heads to (then the only target, the current primary, cancels it). */
  switching?: string | undefined;
  /** Runs the action; a rejection is shown to the user. */
  run(action: string, params?: Record<string, unknown>): Promise<unknown>;
  /** The object's name, for the dialogs' titles. */
  subject: string;
}

const DESTRUCTIVE = new Set(['switchover', 'restart', 'suspend']);

function SwitchoverAction({
  action,
  targets = [],
  switching,
  run,
  subject,
}: { action: ActionInfo } & Omit<ActionButtonsProps, 'actions'>) {
  const [picked, setPicked] = useState(targets[0] ?? '');
  const target = targets.includes(picked) ? picked : (targets[0] ?? '');
  return (
    <ConfirmDialog
      trigger={
        <Button
          size="sm"
          variant="outline"
          disabled={!action.available || targets.length === 0}
          title={action.reason ?? action.description}
        >
          {action.label}
        </Button>
      }
      title={`${action.label}: ${subject}`}
      description={
        switching
          ? `Cancel the switchover of ${subject} to ${switching}? ${target} stays the primary.`
          : `Make ${target || 'another pod'} the primary of ${subject}? Writes stop while the primary changes; clients of ${subject}-primary reconnect.`
      }
      confirm={action.label}
      destructive
      onConfirm={async () => {
        await run(action.id, { target });
      }}
    >
      <div className="grid gap-1">
        <Label htmlFor="switchover-target">New primary</Label>
        <select
          id="switchover-target"
          className="h-9 rounded-md border bg-background px-2 text-sm"
          value={target}
          onChange={(e) => setPicked(e.target.value)}
        >
          {targets.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
    </ConfirmDialog>
  );
}

export function ActionButtons(props: ActionButtonsProps) {
  const allowed = props.actions.filter((a) => a.allowed);
  if (allowed.length === 0) return null;
  return (
    <fieldset className="flex flex-wrap items-start gap-2" aria-label="Actions">
      {allowed.map((a) =>
        a.id === 'switchover' ? (
          <SwitchoverAction key={a.id} action={a} {...props} />
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
