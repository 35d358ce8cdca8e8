/** Validates path parameters (the SDK validates query and body; params are plain strings). */
import { AppError } from '@argus/contracts';
import { releaseParams } from './schemas.js';

export function parseReleaseParams(params: Record<string, string>): { namespace: string; name: string } {
  const res = releaseParams.safeParse(params);
  if (!res.success)
    throw new AppError(
      'VALIDATION_FAILED',
      res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return res.data;
}
