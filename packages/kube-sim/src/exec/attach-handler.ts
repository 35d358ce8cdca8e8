/**
 * `…/pods/{name}/attach`: attaches to the container's main process. kube-sim's containers have no real
 * process, so the process attached to is the container's shell (`sh`): with `stdin` and `tty` a client sees
 * a prompt, echo, Ctrl+C and the exit code, exactly as exec of `sh` does (the same protocol and session).
 * An attach request carries no `command`; the API server's validation (at least one stream, a running
 * container) is the same as exec's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { PodStreamHandler, PodTarget } from '../server/subresource-handlers.js';
import { createExecHandler, type ExecHandlerOptions } from './exec-handler.js';

/** The container's main process, as kube-sim runs it. */
export const ATTACHED_PROCESS = ['sh'];

function asExec(target: PodTarget): PodTarget {
  const query = new URLSearchParams(target.query);
  query.delete('command');
  for (const c of ATTACHED_PROCESS) query.append('command', c);
  return { ...target, query };
}

export function createAttachHandler(options: ExecHandlerOptions): PodStreamHandler {
  const exec = createExecHandler(options);
  return {
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer, target: PodTarget) =>
      exec.handleUpgrade(req, socket, head, asExec(target)),
    handleRequest: (req: IncomingMessage, res: ServerResponse, target: PodTarget) =>
      exec.handleRequest(req, res, asExec(target)),
    close: () => exec.close(),
  };
}
