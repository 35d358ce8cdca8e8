import { describe, expect, it } from 'vitest';
import { createFrameReader, encodeClientFrame, OPCODE } from './ws-frames.js';

/** A server frame (unmasked), optionally without FIN. */
function serverFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([(fin ? 0x80 : 0) | opcode, len])
      : Buffer.from([(fin ? 0x80 : 0) | opcode, 126, len >> 8, len & 0xff]);
  return Buffer.concat([head, payload]);
}

function collect(maxPayload = 1024) {
  const got: Array<[string, number, string]> = [];
  const reader = createFrameReader(maxPayload, {
    message: (op, data) => got.push(['message', op, data.toString()]),
    ping: (data) => got.push(['ping', 9, data.toString()]),
    close: (code, reason) => got.push(['close', code, reason]),
    error: (message) => got.push(['error', 0, message]),
  });
  return { got, reader };
}

describe('WebSocket client framing', () => {
  it('masks client frames so that unmasking gives the payload back, for every length form', () => {
    for (const len of [0, 5, 125, 126, 300, 70_000]) {
      const payload = Buffer.alloc(len, 'x');
      const frame = encodeClientFrame(OPCODE.binary, payload);
      expect(frame[0]).toBe(0x82);
      expect(frame[1]! & 0x80).toBe(0x80);
      const { got, reader } = collect(100_000);
      reader.push(frame);
      expect(got).toEqual([['message', OPCODE.binary, payload.toString()]]);
    }
  });

  it('reads frames split across chunks and fragmented messages, with control frames in between', () => {
    const { got, reader } = collect();
    const bytes = Buffer.concat([
      serverFrame(OPCODE.binary, Buffer.from('\x01hel'), false),
      serverFrame(OPCODE.ping, Buffer.from('p')),
      serverFrame(OPCODE.continuation, Buffer.from('lo')),
      serverFrame(OPCODE.close, Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from('bye')])),
    ]);
    for (let i = 0; i < bytes.length; i += 3) reader.push(bytes.subarray(i, i + 3));
    expect(got).toEqual([
      ['ping', 9, 'p'],
      ['message', OPCODE.binary, '\x01hello'],
      ['close', 1000, 'bye'],
    ]);
  });

  it('refuses a message over the limit instead of buffering it, fragments counted together', () => {
    const big = collect(100);
    big.reader.push(serverFrame(OPCODE.binary, Buffer.alloc(200)));
    expect(big.got).toEqual([['error', 0, 'a message from the container is larger than 100 bytes']]);
    const parts = collect(100);
    parts.reader.push(serverFrame(OPCODE.binary, Buffer.alloc(60), false));
    parts.reader.push(serverFrame(OPCODE.continuation, Buffer.alloc(60)));
    expect(parts.got.map((g) => g[0])).toEqual(['error']);
  });
});
