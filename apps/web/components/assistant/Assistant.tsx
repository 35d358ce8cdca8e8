'use client';
import { Button } from '@argus/ui';
import { SparklesIcon } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useAssistantStore } from './assistant-store';

// The panel and its Markdown renderer are fetched when the assistant is first opened, not with every page.
const AssistantPanel = dynamic(() => import('./AssistantPanel').then((m) => m.AssistantPanel));

/** The toggle in the top bar (every dashboard page): opens and closes the assistant beside the page. */
export function AssistantToggle() {
  const open = useAssistantStore((s) => s.open);
  const setOpen = useAssistantStore((s) => s.setOpen);
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={() => setOpen(!open)}
      aria-pressed={open}
      aria-label={open ? 'Close the assistant' : 'Open the assistant'}
      data-testid="ai-toggle"
    >
      <SparklesIcon aria-hidden="true" /> Ask AI
    </Button>
  );
}

/** The assistant on every dashboard page, opened from the top bar (`AssistantPanel`). */
export function Assistant() {
  const open = useAssistantStore((s) => s.open);
  const setOpen = useAssistantStore((s) => s.setOpen);
  return open ? <AssistantPanel onClose={() => setOpen(false)} /> : null;
}
