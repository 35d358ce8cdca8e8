/**
 * Event messages as complete WebSocket frames. A server's frames are unmasked, so every subscriber of an
 * event gets the same bytes: they are built once and written to each socket as they are (outbox.ts),
 * instead of ws allocating a header and framing the same payload again for each of 1,000 sockets.
 */
export interface WireFrame {
  /** The message: UTF-8 JSON text (what ws.send would be given). */
  readonly payload: Buffer;
  /** The whole frame, header (FIN, text opcode, length, no mask) then payload; shares payload's memory. */
  readonly wire: Buffer;
}

/** One final, unmasked, uncompressed text frame (RFC 6455 §5.2) holding `text`. */
export function textFrame(text: string): WireFrame {
  const n = Buffer.byteLength(text);
  const header = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const wire = Buffer.allocUnsafe(header + n);
  wire[0] = 0x81;
  if (header === 2) wire[1] = n;
  else if (header === 4) {
    wire[1] = 126;
    wire.writeUInt16BE(n, 2);
  } else {
    wire[1] = 127;
    wire.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    wire.writeUInt32BE(n >>> 0, 6);
  }
  wire.write(text, header, 'utf8');
  return { payload: wire.subarray(header), wire };
}
