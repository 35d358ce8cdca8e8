/** Validation messages (IST codes with their level), from the object's status or Argus's offline checks. */
import { Badge } from '@argus/ui';
import type { ValidationMessage } from './types';

const VARIANT = { ERROR: 'destructive', WARNING: 'warning', INFO: 'secondary' } as const;

export function LevelBadge({ level }: { level: ValidationMessage['level'] }) {
  return <Badge variant={VARIANT[level]}>{level}</Badge>;
}

export function Messages({ messages }: { messages: readonly ValidationMessage[] }) {
  if (messages.length === 0) return <p className="text-sm text-muted-foreground">No validation messages.</p>;
  return (
    <ul className="grid gap-1 text-sm" aria-label="Validation messages">
      {messages.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages have no identity beyond their order
        <li key={i} className="flex flex-wrap items-center gap-2">
          <LevelBadge level={m.level} />
          <code className="font-mono text-xs">{m.code}</code>
          <span className="font-medium">{m.name}</span>
          {m.message && <span className="text-muted-foreground">{m.message}</span>}
          <span className="text-xs text-muted-foreground">
            ({m.source === 'status' ? 'Istio status' : 'Argus check'})
          </span>
        </li>
      ))}
    </ul>
  );
}
