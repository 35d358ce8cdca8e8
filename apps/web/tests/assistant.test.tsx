// @vitest-environment jsdom
// The assistant panel's pieces: what it sends as context, how it reads the server-sent frames (split anywhere
// by the network), how frames build an answer, and the confirmation card a change waits on.
import '@testing-library/jest-dom/vitest';
import type { AiStreamFrame } from '@argus/contracts';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyFrame, fromHistory, type Part } from '@/components/assistant/messages';
import { contextFromRoute, describeContext } from '@/components/assistant/route-context';
import { readFrames } from '@/components/assistant/sse';
import { ConfirmationCard } from '@/components/assistant/ToolCards';

afterEach(cleanup);

describe('contextFromRoute', () => {
  it('knows the cluster, namespace, kind and object of the page', () => {
    const id = '6f1c3a52-8f0e-4b8e-9a51-0d0f6c1e2a33';
    expect(contextFromRoute('/clusters', null)).toEqual({});
    expect(contextFromRoute(`/clusters/${id}`, null)).toEqual({ cluster_id: id });
    expect(contextFromRoute(`/clusters/${id}/pods`, new URLSearchParams('namespace=shop'))).toEqual({
      cluster_id: id,
      kind: 'pods',
      namespace: 'shop',
    });
    expect(contextFromRoute(`/clusters/${id}/deployments/shop/web`, null)).toEqual({
      cluster_id: id,
      kind: 'deployments',
      namespace: 'shop',
      name: 'web',
    });
    expect(contextFromRoute(`/clusters/${id}/nodes/_/node-1`, null)).toEqual({
      cluster_id: id,
      kind: 'nodes',
      name: 'node-1',
    });
    expect(contextFromRoute(`/clusters/${id}/terminal`, null)).toEqual({ cluster_id: id });
    expect(describeContext({ cluster_id: id, namespace: 'shop', kind: 'deployments', name: 'web' }, 'prod')).toBe(
      'cluster prod · namespace shop · deployments/web',
    );
  });
});

describe('readFrames', () => {
  it('reads data events split across network chunks, skipping comments', async () => {
    const text =
      ': ping\n\ndata: {"type":"text","text":"Hel"}\n\ndata: {"type":"text","text":"lo"}\r\n\r\n' +
      'data: {"type":"tool_call","id":"t1","name":"scale","arguments":{"replicas":3}}\n\ndata: {"type":"done"}\n\n';
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 7) c.enqueue(bytes.slice(i, i + 7));
        c.close();
      },
    });
    const frames: AiStreamFrame[] = [];
    for await (const f of readFrames(new Response(body))) frames.push(f);
    expect(frames.map((f) => f.type)).toEqual(['text', 'text', 'tool_call', 'done']);
    let parts: Part[] = [];
    for (const f of frames) parts = applyFrame(parts, f);
    expect(parts).toEqual([
      { kind: 'text', text: 'Hello' },
      { kind: 'tool', id: 't1', name: 'scale', arguments: { replicas: 3 }, status: 'running' },
    ]);
  });
});

describe('applyFrame and fromHistory', () => {
  it('completes tool cards with their result and adds confirmation cards and errors', () => {
    let parts: Part[] = [];
    parts = applyFrame(parts, { type: 'tool_call', id: 'a', name: 'get', arguments: { kind: 'Pod' } });
    parts = applyFrame(parts, { type: 'tool_result', id: 'a', name: 'get', summary: '3 pods', ok: true });
    parts = applyFrame(parts, {
      type: 'confirmation',
      id: 'c1',
      tool: 'scale',
      arguments: { name: 'web', replicas: 3 },
      summary: 'Scale deployment shop/web from 1 to 3 replicas',
      expires_at: '2030-01-01T00:00:00Z',
    });
    parts = applyFrame(parts, { type: 'error', code: 'AI_RATE_LIMITED', message: 'slow down' });
    expect(parts.map((p) => p.kind)).toEqual(['tool', 'confirmation', 'error']);
    // A write tool's call is replaced by its confirmation card.
    const write = applyFrame(applyFrame([], { type: 'tool_call', id: 'w', name: 'scale', arguments: {} }), {
      type: 'confirmation',
      id: 'c2',
      tool: 'scale',
      arguments: {},
      summary: 'Scale',
      expires_at: '2030-01-01T00:00:00Z',
    });
    expect(write.map((p) => p.kind)).toEqual(['confirmation']);
    expect(parts[0]).toMatchObject({ status: 'done', summary: '3 pods' });
    const history = fromHistory([
      {
        role: 'assistant',
        content: 'I can scale it.',
        created_at: '2030-01-01T00:00:00Z',
        tool_calls: [
          {
            id: 't',
            name: 'scale',
            arguments: {},
            status: 'pending_confirmation',
            confirmation_id: 'c9',
            summary: 's',
          },
        ],
      },
    ]);
    expect(history[0]?.parts[0]).toMatchObject({ kind: 'confirmation', id: 'c9', state: 'pending' });
  });
});

describe('ConfirmationCard', () => {
  it('shows the exact change and calls Approve or Reject with the confirmation id', async () => {
    const onApprove = vi.fn();
    const onReject = vi.fn();
    const part: Extract<Part, { kind: 'confirmation' }> = {
      kind: 'confirmation',
      id: 'c1',
      tool: 'apply',
      arguments: {},
      summary: 'Apply deployment shop/web',
      diff: '--- a\n+++ b\n-  replicas: 1\n+  replicas: 3',
      state: 'pending',
    };
    const { rerender } = render(
      <ConfirmationCard part={part} busy={false} onApprove={onApprove} onReject={onReject} />,
    );
    expect(screen.getByTestId('diff')).toHaveTextContent('+ replicas: 3');
    expect(screen.getByText(/nothing has changed yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect(onApprove).toHaveBeenCalledWith('c1');
    expect(onReject).toHaveBeenCalledWith('c1');
    rerender(
      <ConfirmationCard part={{ ...part, state: 'rejected' }} busy={false} onApprove={onApprove} onReject={onReject} />,
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(screen.getByText(/nothing was changed/)).toBeInTheDocument();
  });
});
