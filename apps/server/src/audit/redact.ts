/**
 * Redaction of request bodies before they are written to the audit log. Keys that name credentials are
 * replaced whatever their value; values that look like credentials (JWTs, Argus keys and refresh tokens,
 * PEM blocks, kubeconfigs) are replaced wherever they appear; Kubernetes Secrets lose data/stringData.
 * Bodies are bounded: deep or large structures are cut with a marker.
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /pass(word|wd|phrase)?$|^pwd$|secret|token|api[_-]?key|private[_-]?key|client[_-]?key|credential|authorization|cookie|kubeconfig|certificate|cert[_-]?data|key[_-]?data|^key$|bearer|session|^otp$|signature/i;
const SECRET_VALUE =
  /^(eyJ[\w-]+\.[\w-]+\.[\w-]*|argus_\S+|argusrt_\S+|Bearer\s+\S+)$|-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----|^\s*apiVersion:\s*v1\s*[\s\S]*\bkind:\s*Config\b/;

const MAX_DEPTH = 8;
const MAX_KEYS = 200;
const MAX_STRING = 2000;

function redactValue(value: unknown, depth: number, extraKeys?: ReadonlySet<string>): unknown {
  if (typeof value === 'string') {
    if (SECRET_VALUE.test(value)) return REDACTED;
    // PostgreSQL cannot store NUL in text or jsonb.
    const text = value.replaceAll('\u0000', '\ufffd');
    return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…[truncated]` : text;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_KEYS).map((v) => redactValue(v, depth + 1, extraKeys));
    if (value.length > MAX_KEYS) items.push(`[${value.length - MAX_KEYS} more]`);
    return items;
  }
  const obj = value as Record<string, unknown>;
  const isSecret = obj.kind === 'Secret';
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(obj)) {
    if (n++ >= MAX_KEYS) {
      out['…'] = '[truncated]';
      break;
    }
    const key = k.replaceAll('\u0000', '\ufffd');
    if (SECRET_KEY.test(key) || extraKeys?.has(key) || (isSecret && (k === 'data' || k === 'stringData')))
      out[key] = REDACTED;
    else out[key] = redactValue(v, depth + 1, extraKeys);
  }
  return out;
}

/**
 * What the audit log keeps of a request body: redacted JSON, or a note for non-JSON bodies. `extraKeys`: keys
 * that hold credentials in one route's body besides those recognised here (a Slack webhook URL, say).
 */
export function redactBody(body: unknown, extraKeys?: readonly string[]): unknown {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || Buffer.isBuffer(body))
    return { _omitted: 'non-JSON body (not recorded: it may hold secrets)', bytes: Buffer.byteLength(body) };
  return redactValue(body, 0, extraKeys?.length ? new Set(extraKeys) : undefined);
}
