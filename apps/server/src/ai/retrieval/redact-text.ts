/**
 * Credentials removed from text before it is indexed (admin runbooks, CRD descriptions) and so before it can
 * reach a model: private keys, bearer tokens, JWTs, well-known token formats, basic-auth URLs and
 * `password: …`/`token=…` style assignments. Conservative: it replaces the value and keeps the key name, so a
 * runbook still reads "set password: [REDACTED]".
 */
const R = '[REDACTED]';

const PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, `-----BEGIN PRIVATE KEY-----${R}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${R}`],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}/g, R],
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, R],
  [/\b(ghp|gho|ghu|ghs|ghr|glpat|xox[abposr])[-_][A-Za-z0-9_-]{10,}/g, R],
  [/\bsk-(?:ant-)?[A-Za-z0-9_-]{16,}/g, R],
  [/(\w+:\/\/)[^\s:/@]+:[^\s@/]+@/g, `$1${R}@`],
  [
    /\b((?:[\w-]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret)[\w-]*)\s*[:=]\s*)("[^"\n]*"|'[^'\n]*'|[^\s,;]+)/gi,
    `$1${R}`,
  ],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
