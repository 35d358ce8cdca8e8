/** Newline-delimited JSON, as a Kubernetes watch streams it. */
import { StringDecoder } from 'node:string_decoder';

/**
 * The JSON values of a newline-delimited stream, one per non-empty line, as chunks arrive; a UTF-8
 * character split across two chunks is decoded whole.
 */
export async function* jsonLines<T>(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<T> {
  const decoder = new StringDecoder('utf8');
  let buf = '';
  for await (const chunk of body) {
    buf += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
      const line = buf.slice(start, nl);
      start = nl + 1;
      if (line.trim()) yield JSON.parse(line) as T;
    }
    buf = buf.slice(start);
  }
}
