/**
 * The client side of WebSocket framing (RFC 6455) over a socket that is already upgraded (the cluster
 * connection's `upgrade()` hands back the raw Duplex after 101, whatever the transport). Client frames are
 * masked; server frames are read with fragmentation and control frames handled; a message over maxPayload
 * is an error (bounded memory).
 */
import { randomBytes } from 'node:crypto';

export const OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** One masked client frame (FIN set). */
export function encodeClientFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const headerLen = len < 126 ? 2 : len < 65_536 ? 4 : 10;
  const out = Buffer.alloc(headerLen + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65_536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, headerLen);
  for (let i = 0; i < len; i++) out[headerLen + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}

export interface FrameEvents {
  message(opcode: number, data: Buffer): void;
  ping(data: Buffer): void;
  close(code: number, reason: string): void;
  error(message: string): void;
}

/** Reads server frames from the chunks given to push(). */
export function createFrameReader(maxPayload: number, on: FrameEvents): { push(chunk: Buffer): void } {
  let buf: Buffer = Buffer.alloc(0);
  let fragments: Buffer[] = [];
  let fragmentBytes = 0;
  let fragmentOpcode = 0;
  let failed = false;

  const fail = (message: string) => {
    failed = true;
    on.error(message);
  };

  function one(): boolean {
    if (buf.length < 2) return false;
    const fin = (buf[0]! & 0x80) !== 0;
    const opcode = buf[0]! & 0x0f;
    const masked = (buf[1]! & 0x80) !== 0;
    let len = buf[1]! & 0x7f;
    let offset = 2;
    if (len === 126) {
      if (buf.length < 4) return false;
      len = buf.readUInt16BE(2);
      offset = 4;
    } else if (len === 127) {
      if (buf.length < 10) return false;
      const big = buf.readBigUInt64BE(2);
      if (big > BigInt(maxPayload)) {
        fail(`a message from the container is larger than ${maxPayload} bytes`);
        return false;
      }
      len = Number(big);
      offset = 10;
    }
    if (len > maxPayload || fragmentBytes + len > maxPayload) {
      fail(`a message from the container is larger than ${maxPayload} bytes`);
      return false;
    }
    const maskLen = masked ? 4 : 0;
    if (buf.length < offset + maskLen + len) return false;
    let payload = buf.subarray(offset + maskLen, offset + maskLen + len);
    if (masked) {
      const mask = buf.subarray(offset, offset + 4);
      payload = Buffer.from(payload.map((b, i) => b ^ mask[i & 3]!));
    } else payload = Buffer.from(payload);
    buf = buf.subarray(offset + maskLen + len);

    if (opcode >= 8) {
      if (opcode === OPCODE.ping) on.ping(payload);
      else if (opcode === OPCODE.close) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        on.close(code, payload.subarray(2).toString('utf8'));
      }
      return true;
    }
    if (opcode !== OPCODE.continuation) {
      fragmentOpcode = opcode;
      fragments = [];
      fragmentBytes = 0;
    }
    fragments.push(payload);
    fragmentBytes += payload.length;
    if (fin) {
      const data = fragments.length === 1 ? fragments[0]! : Buffer.concat(fragments);
      fragments = [];
      fragmentBytes = 0;
      on.message(fragmentOpcode, data);
    }
    return true;
  }

  return {
    push(chunk) {
      if (failed) return;
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      while (!failed && one()) {
        // each call consumes one whole frame
      }
    },
  };
}
