/**
 * Response declarations that are not JSON: a route answering text, a stream, or passing another server's
 * answer through still declares what it answers, so the document describes it (the onSend check in tests
 * validates JSON answers only).
 */
import { z } from 'zod';

/** `text/plain` (logs, metrics); `stream` says the body may arrive over time. */
export function textResponse(description: string) {
  return { description, content: { 'text/plain': { schema: z.string() } } };
}

/** An answer passed through from elsewhere (the Kubernetes API server, a WebSocket upgrade). */
export function passthroughResponse(description: string) {
  return { description, content: { '*/*': { schema: z.unknown() } } };
}

/**
 * An answer without a body (204, a 302 redirect, an upgrade's 404): a zod schema, as @fastify/swagger needs
 * one (a bare description fails the document); there is no JSON to check.
 */
export function noBody(description = 'No content') {
  return z.undefined().describe(description);
}
