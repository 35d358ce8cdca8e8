/**
 * The providers' failures as stable codes. The SDKs' errors carry an HTTP status (`status`, or Ollama's
 * `status_code`) or a class name for connection failures and timeouts; no upstream body is ever echoed
 * back beyond the vendor's own short message.
 */
import { type AiProviderName, AppError } from '@argus/contracts';

function statusOf(err: unknown): number | undefined {
  const e = err as { status?: unknown; status_code?: unknown };
  if (typeof e?.status === 'number') return e.status;
  if (typeof e?.status_code === 'number') return e.status_code;
  return undefined;
}

function shortMessage(err: unknown): string {
  const e = err as { error?: { error?: { message?: unknown }; message?: unknown } | string; message?: unknown };
  const nested =
    typeof e?.error === 'object' && e.error
      ? typeof e.error.error?.message === 'string'
        ? e.error.error.message
        : typeof e.error.message === 'string'
          ? e.error.message
          : undefined
      : typeof e?.error === 'string'
        ? e.error
        : undefined;
  const text = nested ?? (typeof e?.message === 'string' ? e.message : String(err));
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

/** Whether the failure is the caller's own abort (client disconnected, turn cancelled). */
export function isAbort(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && !(signal.reason instanceof AppError)) return true;
  const name = `${(err as { name?: unknown })?.name} ${(err as object | undefined)?.constructor?.name}`;
  return /AbortError|APIUserAbortError/.test(name);
}

export function providerError(provider: AiProviderName, err: unknown, timedOut = false): AppError {
  if (err instanceof AppError) return err;
  // the SDKs' error classes do not all set `name`: their constructors' names tell them apart
  const name = `${(err as { name?: unknown })?.name} ${(err as object | undefined)?.constructor?.name}`;
  const status = statusOf(err);
  if (timedOut || /APIConnectionTimeoutError|TimeoutError/.test(name) || status === 408)
    return new AppError('AI_PROVIDER_TIMEOUT', `${provider} did not answer in time`, { cause: err });
  if (status === 429)
    return new AppError(
      'AI_PROVIDER_RATE_LIMITED',
      `${provider} is rate limiting requests (429): try again later or raise the account's limits (${shortMessage(err)})`,
      { cause: err },
    );
  if (status === 401 || status === 403)
    return new AppError(
      'AI_PROVIDER_ERROR',
      `${provider} refused the API key (${status}): check the key in Settings → AI`,
      { cause: err },
    );
  if (status !== undefined)
    return new AppError('AI_PROVIDER_ERROR', `${provider} answered ${status}: ${shortMessage(err)}`, { cause: err });
  if (
    /APIConnectionError/.test(name) ||
    /ECONNREFUSED|ENOTFOUND|fetch failed|EHOSTUNREACH|ECONNRESET/i.test(String(err))
  )
    return new AppError('AI_PROVIDER_UNREACHABLE', `${provider} could not be reached: check its base URL`, {
      cause: err,
    });
  return new AppError('AI_PROVIDER_ERROR', `${provider} failed: ${shortMessage(err)}`, { cause: err });
}

/**
 * An AbortSignal that fires on the caller's signal or when nothing arrived for ms (touch() on every chunk),
 * and whether the timeout fired. The SDKs' own timeouts cover the response headers; this one also bounds a
 * stream that stops sending.
 */
export function idleTimeout(
  signal: AbortSignal,
  ms: number,
): { signal: AbortSignal; timedOut: () => boolean; touch: () => void; clear: () => void } {
  const controller = new AbortController();
  let fired = false;
  const fire = () => {
    fired = true;
    controller.abort(new Error('timeout'));
  };
  let timer = setTimeout(fire, ms);
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => fired,
    touch: () => {
      clearTimeout(timer);
      timer = setTimeout(fire, ms);
    },
    clear: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}
