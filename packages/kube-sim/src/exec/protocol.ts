/**
 * The Kubernetes remote-command protocol over WebSocket ("channel.k8s.io" family): every binary
 * message starts with one byte naming the channel. v4 writes a JSON metav1.Status on the error
 * channel; v5 adds a CLOSE signal (channel 255, then the id of the stream being half-closed).
 */
export const PROTOCOL_V5 = 'v5.channel.k8s.io';
export const PROTOCOL_V4 = 'v4.channel.k8s.io';
export const PROTOCOL_V3 = 'v3.channel.k8s.io';
export const PROTOCOL_V2 = 'v2.channel.k8s.io';
export const PROTOCOL_V1 = 'channel.k8s.io';

/** In order of preference when a client offers several. */
export const SUPPORTED_PROTOCOLS = [PROTOCOL_V5, PROTOCOL_V4, PROTOCOL_V3, PROTOCOL_V2, PROTOCOL_V1] as const;
export type ExecProtocol = (typeof SUPPORTED_PROTOCOLS)[number];

export const CHANNEL_STDIN = 0;
export const CHANNEL_STDOUT = 1;
export const CHANNEL_STDERR = 2;
export const CHANNEL_ERROR = 3;
export const CHANNEL_RESIZE = 4;
export const CHANNEL_CLOSE = 255;

export function chooseProtocol(offered: Iterable<string>): ExecProtocol | undefined {
  const set = new Set(offered);
  return SUPPORTED_PROTOCOLS.find((p) => set.has(p));
}

/** v4 and v5 carry a JSON Status on the error channel; older versions a plain message on failure. */
export function usesJsonStatus(protocol: ExecProtocol): boolean {
  return protocol === PROTOCOL_V5 || protocol === PROTOCOL_V4;
}

export function frame(channel: number, data: Buffer | string): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), payload]);
}

/** The error-channel payload for a finished command (undefined: write nothing). */
export function exitPayload(protocol: ExecProtocol, exitCode: number, command: string[]): string | undefined {
  const message = `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`;
  if (!usesJsonStatus(protocol)) return exitCode === 0 ? undefined : message;
  if (exitCode === 0) return JSON.stringify({ metadata: {}, status: 'Success' });
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  });
}

export interface TerminalSize {
  width: number;
  height: number;
}

/** Parses a resize message (`{"Width":80,"Height":24}`); undefined if malformed. */
export function parseResize(data: Buffer): TerminalSize | undefined {
  try {
    const value = JSON.parse(data.toString('utf8')) as { Width?: unknown; Height?: unknown };
    if (typeof value.Width === 'number' && typeof value.Height === 'number') {
      return { width: value.Width, height: value.Height };
    }
  } catch {
    // ignore a malformed resize, as the kubelet does
  }
  return undefined;
}
