/** Stable Argus error codes for failures talking to the API server, carried in StreamClose.error_code. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

export class UpstreamTimeout extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
}

export function classify(err: unknown, server: string): { code: string; message: string } {
  if (err instanceof UpstreamTimeout) return { code: 'UPSTREAM_TIMEOUT', message: err.message };
  const e = err as NodeJS.ErrnoException;
  const code = e.code ?? '';
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return { code: 'CLUSTER_TLS_ERROR', message: `TLS with ${server} failed (from the agent): ${e.message}` };
  }
  if (code === 'ETIMEDOUT')
    return { code: 'UPSTREAM_TIMEOUT', message: `${server} did not accept a connection (from the agent)` };
  return { code: 'CLUSTER_UNREACHABLE', message: `The agent cannot reach ${server}: ${e.message || code}` };
}
