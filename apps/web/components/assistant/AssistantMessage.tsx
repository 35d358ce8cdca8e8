'use client';
import { Alert, AlertDescription, AlertTitle, cn } from '@argus/ui';
import ReactMarkdown from 'react-markdown';
import type { UiMessage } from './messages';
import { ConfirmationCard, ToolCard } from './ToolCards';

/** One message: the user's text, or the assistant's Markdown with tool cards and confirmation cards in order. */
export function AssistantMessage({
  message,
  busy,
  onApprove,
  onReject,
}: {
  message: UiMessage;
  busy: boolean;
  onApprove(id: string): void;
  onReject(id: string): void;
}) {
  const mine = message.role === 'user';
  return (
    <li
      className={cn('grid gap-2 rounded-md p-2 text-sm', mine ? 'ml-8 bg-primary/10' : 'mr-2')}
      data-testid={mine ? 'ai-user-message' : 'ai-assistant-message'}
    >
      {message.parts.map((part, i) => {
        const key = `${part.kind}-${i}`;
        switch (part.kind) {
          case 'text':
            return mine ? (
              <p key={key} className="whitespace-pre-wrap">
                {part.text}
              </p>
            ) : (
              <div key={key} className="ai-markdown grid gap-2 [&_code]:font-mono [&_pre]:overflow-auto">
                {/* react-markdown renders no raw HTML: model output cannot inject markup. */}
                <ReactMarkdown>{part.text}</ReactMarkdown>
              </div>
            );
          case 'tool':
            return <ToolCard key={key} part={part} />;
          case 'confirmation':
            return <ConfirmationCard key={key} part={part} busy={busy} onApprove={onApprove} onReject={onReject} />;
          case 'error':
            return (
              <Alert key={key} variant="destructive">
                <AlertTitle>{part.code}</AlertTitle>
                <AlertDescription>{part.message}</AlertDescription>
              </Alert>
            );
          default:
            return null;
        }
      })}
      {!mine && message.parts.length === 0 && <p className="text-muted-foreground">Thinking…</p>}
    </li>
  );
}
