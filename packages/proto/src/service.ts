/**
 * The tunnel's gRPC service as the server and the agent use it: the generated definition, with the
 * Connect stream's messages encoded by one reused writer per direction. The generated serializers start
 * every message from an empty buffer, grow it by doubling (a fresh, zeroed ArrayBuffer each time), and
 * copy the result twice; here a message costs one copy. Same bytes on the wire (agent.test.ts checks).
 */
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { makeGenericClientConstructor } from '@grpc/grpc-js';
import {
  AgentMessage,
  AgentServiceService as Generated,
  type AgentServiceClient as GeneratedClient,
  ServerMessage,
} from './gen/agent/v1/agent.js';

/** A writer that grew past this is dropped after the message, so one large message is not kept for good. */
const KEEP_BYTES = 1024 * 1024;

export function reusingEncoder<T>(type: { encode(message: T, writer?: BinaryWriter): BinaryWriter }): (m: T) => Buffer {
  let writer = new BinaryWriter();
  return (message) => {
    let bytes: Uint8Array;
    try {
      bytes = type.encode(message, writer).finish();
    } catch (err) {
      writer = new BinaryWriter(); // a half-written message must not prefix the next one
      throw err;
    }
    if (bytes.byteLength > KEEP_BYTES) writer = new BinaryWriter();
    // finish() returns a copy (slice) of the writer's buffer: wrapping it needs no second copy.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

export type AgentServiceService = typeof Generated;
export const AgentServiceService: typeof Generated = {
  ...Generated,
  connect: {
    ...Generated.connect,
    requestSerialize: reusingEncoder(AgentMessage),
    responseSerialize: reusingEncoder(ServerMessage),
  },
};

export type AgentServiceClient = GeneratedClient;
// The generated client class, built on the definition above (same constructor type as the generated one).
export const AgentServiceClient = makeGenericClientConstructor(
  AgentServiceService,
  'argus.agent.v1.AgentService',
) as unknown as typeof GeneratedClient;
