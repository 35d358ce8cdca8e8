import { type ReactNode, useState } from 'react';
import { Button } from './Button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from './Dialog';

export interface ConfirmDialogProps {
  /** The element that opens the dialog (a Button). */
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  /** The confirming button's label. */
  confirm: string;
  destructive?: boolean;
  /** Runs on confirm; the dialog closes when it resolves and shows the error when it throws. */
  onConfirm(): Promise<void>;
  /** How a failure is shown (default: its message). */
  renderError?(error: unknown): ReactNode;
  /** Inputs the action needs (replicas, say), between the description and the buttons. */
  children?: ReactNode;
}

const message = (error: unknown) => (
  <p className="text-sm text-destructive">{error instanceof Error ? error.message : String(error)}</p>
);

/** An action that asks before it acts: a dialog with Cancel and a confirm button, busy while it runs. */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirm,
  destructive,
  onConfirm,
  renderError = message,
  children,
}: ConfirmDialogProps) {
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
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
        {error !== null && renderError(error)}
        <DialogFooter>
          <Button variant="ghost" onClick={() => setOpen(false)} disabled={busy}>
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
