/** A `text/event-stream` answer of AI frames (`data: <json>`), cancelled when the client goes away. */
import { PassThrough } from 'node:stream';
import type { AiStreamFrame } from '@argus/contracts';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

const HEARTBEAT_MS = 15_000;

export function sendEvents(
  reply: FastifyReply,
  work: (emit: (frame: AiStreamFrame) => void, signal: AbortSignal) => Promise<void>,
): FastifyReply {
  const stream = new PassThrough();
  const controller = new AbortController();
  // the response closing before we ended it: the client went away, so the turn stops
  reply.raw.once('close', () => {
    if (!stream.writableEnded) controller.abort();
  });
  const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const emit = (frame: AiStreamFrame) => {
    if (!stream.writableEnded) stream.write(`data: ${JSON.stringify(frame)}\n\n`);
  };
  void work(emit, controller.signal)
    .catch((err: unknown) => {
      reply.log.error({ err }, 'AI stream failed');
      emit({ type: 'error', code: 'INTERNAL', message: 'the assistant failed; see the server log' });
    })
    .finally(() => {
      clearInterval(heartbeat);
      stream.end();
    });
  reply.header('Content-Type', 'text/event-stream; charset=utf-8');
  reply.header('Cache-Control', 'no-cache, no-transform');
  reply.header('X-Accel-Buffering', 'no');
  return reply.send(stream);
}

/** The OpenAPI declaration of such an answer. */
export const eventStreamResponse = (description: string) => ({
  description,
  content: { 'text/event-stream': { schema: z.string() } },
});
