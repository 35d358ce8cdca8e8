/** Maps socket, TLS and timeout failures of a cluster call to stable AppErrors. */
import { AppError } from '@argus/contracts';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

export function timeoutError(server: string, ms: number, what = 'answer'): AppError {
  return new AppError('UPSTREAM_TIMEOUT', `The cluster at ${server} did not ${what} within ${ms} ms`);
}

export function transportError(err: unknown, server: string): AppError {
  if (err instanceof AppError) return err;
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e.code ?? '';
  if (
    TLS_CODES.has(code) ||
    code.startsWith('ERR_SSL') ||
    code.startsWith('ERR_TLS') ||
    /certificate|SSL/i.test(e.message ?? '')
  ) {
    return new AppError('CLUSTER_TLS_ERROR', `TLS with ${server} failed: ${e.message} (${code || 'tls'})`, {
      cause: err,
      details: { reason: code || 'tls' },
    });
  }
  if (code === 'ETIMEDOUT') return timeoutError(server, 0, 'accept a connection');
  return new AppError('CLUSTER_UNREACHABLE', `Cannot reach the cluster at ${server}: ${e.message || code}`, {
    cause: err,
    details: { reason: code || 'network' },
  });
}
