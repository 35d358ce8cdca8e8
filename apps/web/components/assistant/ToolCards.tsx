'use client';
import { Badge, Button } from '@argus/ui';
import { CheckIcon, ShieldAlertIcon, WrenchIcon, XIcon } from 'lucide-react';
import { DiffView } from '@/components/DiffView';
import type { Part } from './messages';

type ToolPart = Extract<Part, { kind: 'tool' }>;
type ConfirmationPart = Extract<Part, { kind: 'confirmation' }>;

const args = (a: Record<string, unknown>) => JSON.stringify(a, null, 2);

/** A tool the assistant ran (read tools run at once; they act as the user, under the user's RBAC). */
export function ToolCard({ part }: { part: ToolPart }) {
  return (
    <div className="rounded-md border bg-muted/30 p-2 text-xs" data-testid="ai-tool-card">
      <div className="flex items-center gap-2">
        <WrenchIcon className="size-3.5" aria-hidden="true" />
        <span className="font-mono font-medium">{part.name}</span>
        <Badge variant={part.status === 'error' || part.status === 'refused' ? 'destructive' : 'secondary'}>
          {part.status}
        </Badge>
      </div>
      {part.summary && <p className="mt-1 text-muted-foreground">{part.summary}</p>}
      {Object.keys(part.arguments).length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-muted-foreground">arguments</summary>
          <pre className="mt-1 overflow-auto font-mono">{args(part.arguments)}</pre>
        </details>
      )}
    </div>
  );
}

const STATE_TEXT: Record<ConfirmationPart['state'], string> = {
  pending: 'Waiting for your decision: nothing has changed yet.',
  approved: 'Approved: running as you.',
  rejected: 'Rejected: nothing was changed.',
  expired: 'Expired: nothing was changed.',
  failed: 'Could not be approved: nothing was changed.',
};

/** A change the assistant wants to make: the exact change (diff or arguments) and Approve / Reject. */
export function ConfirmationCard({
  part,
  busy,
  onApprove,
  onReject,
}: {
  part: ConfirmationPart;
  busy: boolean;
  onApprove(id: string): void;
  onReject(id: string): void;
}) {
  const expires = part.expires_at ? new Date(part.expires_at) : null;
  return (
    <section
      className="grid gap-2 rounded-md border border-warning/60 bg-warning/5 p-3 text-sm"
      aria-label={`Confirm ${part.tool}`}
      data-testid="ai-confirmation-card"
    >
      <div className="flex items-center gap-2 font-medium">
        <ShieldAlertIcon className="size-4" aria-hidden="true" />
        <span>Confirm: {part.summary}</span>
      </div>
      {part.diff ? (
        <DiffView diff={part.diff} />
      ) : (
        <pre className="overflow-auto rounded border bg-background p-2 font-mono text-xs" data-testid="ai-change">
          {part.tool} {args(part.arguments)}
        </pre>
      )}
      <p className="text-xs text-muted-foreground" data-testid="ai-confirmation-state">
        {STATE_TEXT[part.state]}
        {part.state === 'pending' && expires ? ` Expires at ${expires.toLocaleTimeString()}.` : ''}
      </p>
      {part.state === 'pending' && (
        <div className="flex gap-2">
          <Button size="sm" onClick={() => onApprove(part.id)} disabled={busy}>
            <CheckIcon aria-hidden="true" /> Approve
          </Button>
          <Button size="sm" variant="outline" onClick={() => onReject(part.id)} disabled={busy}>
            <XIcon aria-hidden="true" /> Reject
          </Button>
        </div>
      )}
    </section>
  );
}
