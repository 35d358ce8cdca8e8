import type { AiStreamFrame } from '@argus/contracts';

/**
 * The frames of a `text/event-stream` answer (`data: <json>` events separated by a blank line), as they
 * arrive. Comments (`: ping`) and events that are not JSON are skipped.
 */
export async function* readFrames(res: Response, signal?: AbortSignal): AsyncGenerator<AiStreamFrame> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    while (!signal?.aborted) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data) {
          try {
            yield JSON.parse(data) as AiStreamFrame;
          } catch {
            // not a frame
          }
        }
        end = buffer.indexOf('\n\n');
      }
    }
  } finally {
    reader.releaseLock();
  }
}
