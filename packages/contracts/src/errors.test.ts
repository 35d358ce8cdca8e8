import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ERROR_CODES, errorBodySchema, parseInput } from './index.js';

describe('AppError', () => {
  it('maps each code to its status and a stable body', () => {
    const err = new AppError('SETUP_REQUIRED', 'Setup first');
    expect(err.status).toBe(503);
    expect(errorBodySchema.parse(err.toBody())).toEqual({ error: { code: 'SETUP_REQUIRED', message: 'Setup first' } });
  });

  it('keeps the cause', () => {
    const cause = new Error('socket closed');
    expect(new AppError('CLUSTER_UNREACHABLE', 'down', { cause }).cause).toBe(cause);
  });

  it('uses only statuses the contract allows', () => {
    for (const status of Object.values(ERROR_CODES))
      expect([400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 429, 500, 502, 503, 504]).toContain(status);
  });
});

describe('parseInput', () => {
  it('names every bad field at once', () => {
    const schema = z.object({ email: z.string().email(), password: z.string().min(8) });
    try {
      parseInput(schema, { email: 'nope', password: 'x' }, 'login');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.message).toMatch(/email/);
      expect(e.message).toMatch(/password/);
    }
  });
});
