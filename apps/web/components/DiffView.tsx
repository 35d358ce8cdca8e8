import { cn } from '@argus/ui';

/** A unified diff, coloured line by line. */
export function DiffView({ diff }: { diff: string }) {
  if (!diff.trim()) return <p className="text-sm text-muted-foreground">No changes.</p>;
  return (
    <pre className="max-h-96 overflow-auto rounded-md border bg-muted/30 p-2 font-mono text-xs" data-testid="diff">
      {diff.split('\n').map((line, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of a static text
          key={i}
          className={cn(
            'whitespace-pre-wrap',
            line.startsWith('+') && !line.startsWith('+++') && 'bg-success/15 text-success',
            line.startsWith('-') && !line.startsWith('---') && 'bg-destructive/15 text-destructive',
            line.startsWith('@@') && 'text-primary',
          )}
        >
          {line || ' '}
        </div>
      ))}
    </pre>
  );
}
