import { describe, expect, it } from 'vitest';
import { jsonLines } from './json-lines.js';

async function collect(chunks: Array<Uint8Array | string>): Promise<unknown[]> {
  async function* body() {
    yield* chunks;
  }
  const out: unknown[] = [];
  for await (const v of jsonLines(body())) out.push(v);
  return out;
}

describe('jsonLines', () => {
  it('yields one value per line, across and within chunks, skipping blank lines', async () => {
    expect(await collect(['{"a":1}\n{"b"', ':2}\n\n', '{"c":3}\n'])).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('keeps a UTF-8 character split across two chunks whole', async () => {
    const bytes = Buffer.from('{"name":"café"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside "é"
    expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([{ name: 'café' }]);
  });
});
