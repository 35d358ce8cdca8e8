/** An error answered by the API (`{"error":{"code","message"}}`) or a network failure, in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** The whole error body, for answers that carry more than `error` (drain's `blocked` pods). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A sentence a person can read for any error thrown while talking to the API. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const prefix: Record<number, string> = {
      401: 'You are not signed in (or your session expired)',
      403: 'You are not allowed to do this',
      404: 'Not found',
      409: 'Conflict',
      413: 'The request is too large',
      429: 'Too many requests; wait a moment',
      503: 'The server is not ready',
    };
    const head = prefix[err.status];
    if (!err.message) return head ?? `Request failed (${err.status})`;
    return head && !err.message.toLowerCase().startsWith(head.toLowerCase()) ? `${head}: ${err.message}` : err.message;
  }
  if (err instanceof TypeError) return `Cannot reach the Argus server: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

export async function errorFromResponse(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `Request failed with status ${res.status}`;
  let details: unknown;
  let parsed: unknown;
  try {
    const text = await res.text();
    try {
      const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
      parsed = body;
      if (body.error) {
        code = body.error.code ?? code;
        message = body.error.message ?? message;
        details = body.error.details;
      }
    } catch {
      if (text && text.length < 500) message = text;
    }
  } catch {
    // body unreadable: keep the status text
  }
  return new ApiError(res.status, code, message, details, parsed);
}
