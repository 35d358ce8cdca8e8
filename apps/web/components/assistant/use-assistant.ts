'use client';
import type { AiConversation, AiStatus } from '@argus/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, apiFetch, describeError } from '@/lib/api';
import { useAssistantStore } from './assistant-store';
import { applyFrame, fromHistory, type Part, type UiMessage } from './messages';
import type { AssistantContext } from './route-context';
import { readFrames } from './sse';

export interface ConversationSummary {
  id: string;
  title: string;
  cluster_id: string | null;
  updated_at: string;
}

/** The panel's state: status, history, the open conversation, streaming a turn and deciding confirmations. */
export function useAssistant(enabled: boolean) {
  const qc = useQueryClient();
  const conversationId = useAssistantStore((s) => s.conversationId);
  const setConversation = useAssistantStore((s) => s.setConversation);
  const [messages, setMessages] = useState<UiMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const status = useQuery({
    queryKey: ['ai-status'],
    queryFn: () => api<AiStatus>('/api/ai/status'),
    enabled,
    staleTime: 30_000,
  });
  const conversations = useQuery({
    queryKey: ['ai-conversations'],
    queryFn: () => api<{ items: ConversationSummary[] }>('/api/ai/conversations'),
    enabled,
  });
  const loaded = useRef<string | null>(null);
  /** Shows a stored conversation (from the history, or the one open before the panel was closed). */
  const load = useCallback(
    async (id: string) => {
      abort.current?.abort();
      loaded.current = id;
      setConversation(id);
      setMessages([]);
      try {
        const c = await api<AiConversation>(`/api/ai/conversations/${encodeURIComponent(id)}`);
        if (loaded.current === id) setMessages(fromHistory(c.messages));
      } catch (err) {
        setMessages([
          { role: 'assistant', parts: [{ kind: 'error', code: 'REQUEST_FAILED', message: describeError(err) }] },
        ]);
      }
    },
    [setConversation],
  );
  useEffect(() => {
    // Reopening the panel shows the conversation it showed before (once per mount).
    if (enabled && conversationId && loaded.current === null) void load(conversationId);
  }, [enabled, conversationId, load]);

  /** Streams frames into the last assistant message. */
  const stream = useCallback(async (res: Response, signal: AbortSignal) => {
    setMessages((m) => [...m, { role: 'assistant', parts: [] }]);
    const update = (fn: (parts: Part[]) => Part[]) =>
      setMessages((m) => {
        const last = m.at(-1);
        if (last?.role !== 'assistant') return m;
        return [...m.slice(0, -1), { ...last, parts: fn(last.parts) }];
      });
    for await (const frame of readFrames(res, signal)) update((parts) => applyFrame(parts, frame));
  }, []);

  const run = useCallback(
    async (fn: (signal: AbortSignal) => Promise<Response>) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setBusy(true);
      try {
        await stream(await fn(controller.signal), controller.signal);
      } catch (err) {
        if (!controller.signal.aborted) {
          setMessages((m) => [
            ...m,
            { role: 'assistant', parts: [{ kind: 'error', code: 'REQUEST_FAILED', message: describeError(err) }] },
          ]);
        }
      } finally {
        setBusy(false);
        await qc.invalidateQueries({ queryKey: ['ai-conversations'] });
      }
    },
    [qc, stream],
  );

  const send = useCallback(
    async (content: string, context: AssistantContext) => {
      let id = conversationId;
      if (!id) {
        try {
          const created = await api<{ id: string }>('/api/ai/conversations', {
            method: 'POST',
            body: context.cluster_id ? { cluster_id: context.cluster_id } : {},
          });
          id = created.id;
        } catch (err) {
          setMessages((m) => [
            ...m,
            { role: 'assistant', parts: [{ kind: 'error', code: 'REQUEST_FAILED', message: describeError(err) }] },
          ]);
          return;
        }
        loaded.current = id;
        setConversation(id);
      }
      setMessages((m) => [...m, { role: 'user', parts: [{ kind: 'text', text: content }] }]);
      const path = `/api/ai/conversations/${encodeURIComponent(id)}/messages`;
      const body = Object.keys(context).length ? { content, context } : { content };
      await run((signal) => apiFetch(path, { method: 'POST', body, signal, headers: { Accept: 'text/event-stream' } }));
    },
    [conversationId, run, setConversation],
  );

  const setConfirmation = useCallback(
    (id: string, state: Extract<Part, { kind: 'confirmation' }>['state']) =>
      setMessages((m) =>
        m.map((msg) => ({
          ...msg,
          parts: msg.parts.map((p) => (p.kind === 'confirmation' && p.id === id ? { ...p, state } : p)),
        })),
      ),
    [],
  );

  const approve = useCallback(
    async (id: string) => {
      setConfirmation(id, 'approved');
      await run((signal) =>
        apiFetch(`/api/ai/confirmations/${encodeURIComponent(id)}/approve`, {
          method: 'POST',
          body: {},
          signal,
          headers: { Accept: 'text/event-stream' },
        }).catch((err: unknown) => {
          setConfirmation(id, 'failed');
          throw err;
        }),
      );
    },
    [run, setConfirmation],
  );

  const reject = useCallback(
    async (id: string) => {
      try {
        await api(`/api/ai/confirmations/${encodeURIComponent(id)}/reject`, { method: 'POST', body: {} });
        setConfirmation(id, 'rejected');
      } catch (err) {
        setMessages((m) => [
          ...m,
          { role: 'assistant', parts: [{ kind: 'error', code: 'REQUEST_FAILED', message: describeError(err) }] },
        ]);
      }
    },
    [setConfirmation],
  );

  const stop = useCallback(() => abort.current?.abort(), []);
  const newConversation = useCallback(() => {
    abort.current?.abort();
    loaded.current = '';
    setConversation(null);
    setMessages([]);
  }, [setConversation]);

  return {
    status,
    conversations,
    conversationId,
    messages,
    busy,
    send,
    approve,
    reject,
    stop,
    open: load,
    newConversation,
  };
}
