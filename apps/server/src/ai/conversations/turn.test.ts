import { describe, expect, it } from 'vitest';
import type { StoredMessage } from './conversation-store.js';
import { toChatMessages } from './turn.js';

const at = '2026-01-01T00:00:00.000Z';

describe('the transcript the model sees', () => {
  it('follows every tool call with its result, in order', () => {
    const messages: StoredMessage[] = [
      { role: 'user', content: 'scale web', created_at: at },
      {
        role: 'assistant',
        content: 'Sure.',
        created_at: at,
        tool_calls: [{ id: 't1', name: 'scale', arguments: { replicas: 3 }, status: 'approved', result: 'scaled' }],
      },
      { role: 'assistant', content: 'Done.', created_at: at },
    ];
    expect(toChatMessages(messages)).toEqual([
      { role: 'user', content: 'scale web' },
      { role: 'assistant', content: 'Sure.', toolCalls: [{ id: 't1', name: 'scale', arguments: { replicas: 3 } }] },
      { role: 'tool', toolCallId: 't1', name: 'scale', content: 'scaled' },
      { role: 'assistant', content: 'Done.' },
    ]);
  });

  it('keeps only the recent part of a long conversation, starting with a user message', () => {
    const messages: StoredMessage[] = [];
    for (let i = 0; i < 60; i++)
      messages.push(
        { role: 'user', content: `q${i}`, created_at: at },
        { role: 'assistant', content: `a${i}`, created_at: at },
      );
    const out = toChatMessages(messages);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out[0]).toEqual({ role: 'user', content: 'q40' });
    expect(out.at(-1)).toEqual({ role: 'assistant', content: 'a59' });
  });
});
