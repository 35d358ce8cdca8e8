/**
 * Hooks for the pod subresources that stream: `…/pods/{name}/log`, `…/exec`, `…/attach`,
 * `…/portforward`. The HTTP router authenticates and authorises the request (get on pods/log,
 * create on pods/exec) and then hands it to the handler registered here; without one it answers
 * a 404 / 501 Status. Handlers own the response (or the upgraded socket) from then on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export interface PodTarget {
  namespace: string;
  /** the pod's name */
  name: string;
  /** the request's query string (container, follow, tailLines, command, stdin, tty, …) */
  query: URLSearchParams;
}

/** `GET …/pods/{name}/log`: write a text/plain body (stream it when follow=true). */
export interface PodLogHandler {
  handleRequest(req: IncomingMessage, res: ServerResponse, target: PodTarget): Promise<void>;
  close?(): void;
}

/** exec / attach / portforward: WebSocket (or SPDY) upgrades, plus plain requests (errors). */
export interface PodStreamHandler {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: PodTarget): Promise<void>;
  handleRequest(req: IncomingMessage, res: ServerResponse, target: PodTarget): Promise<void>;
  close?(): void;
}

export interface SubresourceHandlerMap {
  log: PodLogHandler;
  exec: PodStreamHandler;
  attach: PodStreamHandler;
  portforward: PodStreamHandler;
}

export type PodSubresource = keyof SubresourceHandlerMap;

export interface SubresourceHandlers {
  register<K extends PodSubresource>(name: K, handler: SubresourceHandlerMap[K]): void;
  get<K extends PodSubresource>(name: K): SubresourceHandlerMap[K] | undefined;
  /** closes every registered handler (on sim shutdown) */
  closeAll(): void;
}

export function createSubresourceHandlers(): SubresourceHandlers {
  const handlers: Partial<SubresourceHandlerMap> = {};
  return {
    register(name, handler) {
      handlers[name] = handler;
    },
    get(name) {
      return handlers[name];
    },
    closeAll() {
      for (const h of Object.values(handlers)) h?.close?.();
    },
  };
}
