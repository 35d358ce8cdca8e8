import { z } from 'zod';
import { AppError } from './errors.js';

/** Parses input with a schema, throwing VALIDATION_FAILED that names every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${summary}`, { details: { issues } });
}

/** The body of a POST that takes none (an action): nothing (Fastify hands the validator `null`), or `{}`. */
export const emptyBodySchema = z.object({}).strict().nullish();

/**
 * An endpoint URL a setting names (OIDC issuer, AI base URL, notification channel): http(s), without
 * credentials (they belong in the setting's write-only secrets) or a fragment.
 */
export const endpointUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials or fragment');
