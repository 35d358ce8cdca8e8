import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

describe('createLogger', () => {
  it('redacts credentials wherever they appear', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info({ user: { email: 'a@b.c', password: 'hunter2' }, refresh_token: 'rt-123' }, 'login attempt');
    logger.info({ req: { headers: { authorization: 'Bearer eyJabc' } } }, 'request');
    const out = lines.join('');
    expect(out).toContain('a@b.c');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('rt-123');
    expect(out).not.toContain('eyJabc');
    expect(out).toContain('[REDACTED]');
  });
});
