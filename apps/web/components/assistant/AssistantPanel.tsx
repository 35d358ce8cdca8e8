'use client';
import { Button, Textarea } from '@argus/ui';
import { HistoryIcon, MessageSquarePlusIcon, SendIcon, SparklesIcon, SquareIcon, XIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useClusters } from '@/hooks/use-clusters';
import { usePermissions } from '@/hooks/use-permissions';
import { AssistantMessage } from './AssistantMessage';
import { contextFromRoute, describeContext } from './route-context';
import { useAssistant } from './use-assistant';

/**
 * The assistant's side panel (loaded when first opened, `Assistant.tsx`): knows the cluster, namespace and
 * object on screen, streams answers as Markdown, shows tool calls as cards and asks before any change (the
 * card shows the exact change; Approve runs it as the user, Reject drops it).
 */
export function AssistantPanel({ onClose }: { onClose(): void }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const context = useMemo(() => contextFromRoute(pathname ?? '/', search), [pathname, search]);
  const clusters = useClusters();
  const clusterName = clusters.data?.find((c) => c.id === context.cluster_id)?.name;
  const { can } = usePermissions();
  const a = useAssistant(true);
  const [draft, setDraft] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const count = a.messages.length;
  const lastSize = a.messages.at(-1)?.parts.length ?? 0;

  useEffect(() => {
    // Follow the answer as it streams (count and size change with each frame).
    if (count >= 0 && lastSize >= 0) list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [count, lastSize]);

  const configured = a.status.data?.configured ?? true;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const content = draft.trim();
    if (!content || a.busy) return;
    setDraft('');
    void a.send(content, context);
  };
  const where = describeContext(context, clusterName);

  return (
    <aside
      className="fixed top-12 right-0 bottom-0 z-40 flex w-full max-w-md flex-col border-t border-l bg-background shadow-xl"
      aria-label="Assistant"
      data-testid="ai-panel"
    >
      <header className="flex h-12 shrink-0 items-center gap-1 border-b px-3">
        <SparklesIcon className="size-4" aria-hidden="true" />
        <h2 className="font-medium">Assistant</h2>
        <div className="ml-auto flex gap-1">
          <Button variant="ghost" size="sm" onClick={() => setShowHistory((v) => !v)} aria-pressed={showHistory}>
            <HistoryIcon aria-hidden="true" /> History
          </Button>
          <Button variant="ghost" size="sm" onClick={a.newConversation} aria-label="New conversation">
            <MessageSquarePlusIcon aria-hidden="true" />
          </Button>
          <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close the panel">
            <XIcon aria-hidden="true" />
          </Button>
        </div>
      </header>

      {showHistory && (
        <nav className="max-h-60 overflow-auto border-b p-2" aria-label="Your conversations">
          <ErrorAlert error={a.conversations.error} title="Could not load your conversations" />
          {a.conversations.data?.items.length === 0 && (
            <p className="text-sm text-muted-foreground">No conversations yet.</p>
          )}
          <ul className="grid gap-1">
            {a.conversations.data?.items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="w-full truncate rounded px-2 py-1 text-left text-sm hover:bg-muted aria-[current=true]:bg-muted"
                  aria-current={c.id === a.conversationId}
                  onClick={() => {
                    a.open(c.id);
                    setShowHistory(false);
                  }}
                >
                  {c.title || 'Untitled'}
                  <span className="ml-2 text-xs text-muted-foreground">{new Date(c.updated_at).toLocaleString()}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <div className="min-h-0 flex-1 overflow-auto p-3">
        <ErrorAlert error={a.status.error} title="Could not reach the assistant" />
        {!configured && (
          <div className="grid gap-2 rounded-md border p-3 text-sm" data-testid="ai-not-configured">
            <p className="font-medium">The assistant has no AI provider configured yet.</p>
            <p className="text-muted-foreground">{a.status.data?.how_to_configure}</p>
            {can('settings', 'write') ? (
              <Link className="underline" href="/settings/ai">
                Configure a provider in AI settings
              </Link>
            ) : (
              <p className="text-muted-foreground">Ask an administrator to configure one in AI settings.</p>
            )}
          </div>
        )}
        {configured && count === 0 && (
          <p className="text-sm text-muted-foreground">
            Ask about what you see: "why is this pod restarting?", "scale this deployment to 3". Nothing is changed
            without your approval.
          </p>
        )}
        <ol ref={list} className="grid gap-2" aria-live="polite">
          {a.messages.map((m, i) => (
            <AssistantMessage
              // biome-ignore lint/suspicious/noArrayIndexKey: messages are append-only
              key={i}
              message={m}
              busy={a.busy}
              onApprove={(id) => void a.approve(id)}
              onReject={(id) => void a.reject(id)}
            />
          ))}
        </ol>
      </div>

      <form className="grid gap-2 border-t p-3" onSubmit={submit}>
        {where && (
          <p className="truncate text-xs text-muted-foreground" data-testid="ai-context">
            Context: {where}
          </p>
        )}
        <Textarea
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) submit(e);
          }}
          placeholder={configured ? 'Ask the assistant…' : 'No AI provider configured'}
          aria-label="Message to the assistant"
          rows={3}
          maxLength={16000}
          disabled={!configured}
        />
        <div className="flex justify-end gap-2">
          {a.busy && (
            <Button type="button" variant="outline" size="sm" onClick={a.stop}>
              <SquareIcon aria-hidden="true" /> Stop
            </Button>
          )}
          <Button type="submit" size="sm" disabled={!configured || a.busy || !draft.trim()}>
            <SendIcon aria-hidden="true" /> Send
          </Button>
        </div>
      </form>
    </aside>
  );
}
