/**
 * What `/ws/terminal` hands a session (exec here, smart mode in ./smart): the user, the parsed `open`
 * frame and a sink for server frames. See /tmp/coord/terminal.md and DESIGN.md ("Terminal").
 */
import type { TerminalOpenSmart, TerminalServerMessage } from '@argus/contracts';
import type { Logger } from 'pino';
import type { Principal } from '../auth/types.js';

export interface TerminalSink {
  /** One JSON frame to the browser. */
  send(msg: TerminalServerMessage): void;
  /** Bytes sent but not yet written to the browser's connection. */
  readonly buffered: number;
  close(code?: number, reason?: string): void;
  /** Stop / restart reading the browser's frames (backpressure towards the browser). */
  pauseInput?(): void;
  resumeInput?(): void;
}

export interface SmartStreamContext {
  principal: Principal;
  open: TerminalOpenSmart;
  sink: TerminalSink;
  logger: Logger;
}

export interface SmartStream {
  /** Each `{"type":"input","data"}` after the open (a command line, or "\u0003" for Ctrl+C). */
  input(data: string): void;
  resize?(cols: number, rows: number): void;
  /** The socket closed: stop every watch and follow. */
  close(): void;
}

export type SmartStreamFactory = (ctx: SmartStreamContext) => SmartStream | Promise<SmartStream>;
