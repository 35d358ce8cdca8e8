/**
 * One operator action without parameters as a button: disabled with the reason when the object's state forbids
 * it; with a confirmation dialog when the action says what it will do (`confirm`); otherwise run at once, a
 * failure shown under the button. Plugins draw their parameterised actions (a target to pick) themselves.
 */
import { Button, ConfirmDialog } from '@argus/ui';
import { useState } from 'react';
import type { OperatorActionInfo } from '../operator/schemas';

export interface OperatorActionButtonProps {
  action: OperatorActionInfo;
  /** Runs the action; a rejection is shown to the user. */
  run(action: string): Promise<unknown>;
  /** The object's name, for the dialog's title. */
  subject: string;
  /** Whether the confirmation is styled as destructive (the action affects availability). */
  destructive?: boolean;
}

export function OperatorActionButton({ action, run, subject, destructive = false }: OperatorActionButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const button = (onClick?: () => void) => (
    <Button
      size="sm"
      variant="outline"
      disabled={!action.available || busy}
      title={action.reason ?? action.description}
      onClick={onClick}
    >
      {busy ? 'Working…' : action.label}
    </Button>
  );
  if (action.confirm)
    return (
      <ConfirmDialog
        trigger={button()}
        title={`${action.label}: ${subject}`}
        description={action.confirm}
        confirm={action.label}
        destructive={destructive}
        onConfirm={async () => {
          await run(action.id);
        }}
      />
    );
  return (
    <span className="inline-flex flex-col">
      {button(() => {
        setBusy(true);
        setError(undefined);
        run(action.id)
          .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
          .finally(() => setBusy(false));
      })}
      {error && (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      )}
    </span>
  );
}
