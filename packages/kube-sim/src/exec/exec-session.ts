import type { WebSocket } from 'ws';
import { createLineEditor } from './line-editor.js';
import {
  CHANNEL_CLOSE,
  CHANNEL_ERROR,
  CHANNEL_RESIZE,
  CHANNEL_STDERR,
  CHANNEL_STDIN,
  CHANNEL_STDOUT,
  type ExecProtocol,
  exitPayload,
  frame,
  PROTOCOL_V5,
  parseResize,
  type TerminalSize,
} from './protocol.js';
import { isShellCommand, type Shell, type ShellIo } from './shell.js';

export interface ExecStreams {
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface ExecSessionOptions {
  socket: WebSocket;
  protocol: ExecProtocol;
  streams: ExecStreams;
  shell: Shell;
  onResize?: (size: TerminalSize) => void;
  onEnd?: (exitCode: number) => void;
}

/** True when the command starts an interactive shell (a shell without `-c`, with stdin attached). */
function isInteractive(streams: ExecStreams): boolean {
  const [first, ...rest] = streams.command;
  return streams.stdin && first !== undefined && isShellCommand(first) && !rest.includes('-c');
}

/** Runs one exec request over an open remote-command WebSocket. */
export function runExecSession(options: ExecSessionOptions): void {
  const { socket, protocol, streams, shell } = options;
  let finished = false;

  const send = (channel: number, data: string): void => {
    if (finished || socket.readyState !== socket.OPEN) return;
    socket.send(frame(channel, data));
  };
  const toTerminal = (text: string): string => (streams.tty ? text.replace(/\r?\n/g, '\r\n') : text);
  const io: ShellIo = {
    stdout: (text) => {
      if (streams.stdout) send(CHANNEL_STDOUT, toTerminal(text));
    },
    stderr: (text) => {
      // A TTY has one output stream: stderr is written to it as well.
      if (streams.tty) io.stdout(text);
      else if (streams.stderr) send(CHANNEL_STDERR, text);
    },
  };

  const finish = (exitCode: number): void => {
    if (finished) return;
    const payload = exitPayload(protocol, exitCode, streams.command);
    if (payload !== undefined) send(CHANNEL_ERROR, payload);
    finished = true;
    options.onEnd?.(exitCode);
    if (socket.readyState === socket.OPEN) socket.close(1000);
  };

  // The kubelet first writes an empty frame on the lowest writable channel: the stream is up.
  if (streams.stdout) send(CHANNEL_STDOUT, '');
  else if (streams.stderr && !streams.tty) send(CHANNEL_STDERR, '');
  else send(CHANNEL_ERROR, '');

  const interactive = isInteractive(streams);
  const editor = createLineEditor(streams.tty);
  const promptIfTty = (): void => {
    if (streams.tty) io.stdout(shell.prompt());
  };

  socket.on('message', (raw, isBinary) => {
    if (finished) return;
    const data = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    if (!isBinary || data.length === 0) return;
    const channel = data[0];
    const payload = data.subarray(1);
    if (channel === CHANNEL_RESIZE) {
      const size = parseResize(payload);
      if (size) options.onResize?.(size);
    } else if (channel === CHANNEL_STDIN && interactive) {
      const { echo, events } = editor.feed(payload);
      if (echo) io.stdout(echo);
      handleEvents(events);
    } else if (channel === CHANNEL_CLOSE && protocol === PROTOCOL_V5 && payload[0] === CHANNEL_STDIN && interactive) {
      handleEvents(editor.flush());
    }
  });

  const handleEvents = (events: ReturnType<typeof editor.flush>): void => {
    for (const event of events) {
      if (finished) return;
      if (event.type === 'eof') {
        if (streams.tty) io.stdout('exit\n');
        finish(shell.lastStatus);
        return;
      }
      if (event.type === 'line') {
        shell.runScript(event.line, io);
        if (shell.exited) {
          finish(shell.lastStatus);
          return;
        }
      }
      promptIfTty();
    }
  };

  if (interactive) {
    promptIfTty();
  } else {
    // Defer so the caller can attach listeners before output starts.
    setImmediate(() => finish(shell.runArgv(streams.command, io)));
  }
}
