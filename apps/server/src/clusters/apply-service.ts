/**
 * `POST /api/clusters/{id}/apply`: multi-document YAML through server-side apply. Every document is
 * parsed and resolved (and authorised, by the caller's check) before anything is applied; each object
 * then gets its action (created, configured, unchanged, failed) and a unified diff of its YAML.
 */
import { AppError, type ApplyResult, kubeNamespaceSchema, pathSegmentNameProblem } from '@argus/contracts';
import { unifiedDiff } from '@argus/contracts/unified-diff';
import { parseAllDocuments, stringify } from 'yaml';
import type { ClusterConnection } from './connection.js';
import { type Discovery, type ResourceInfo, resourcePath } from './discovery.js';
import { kubeError } from './kube-errors.js';
import { type SecretValues, secretView } from './secret-redaction.js';
import type { KubeObject } from './selectors.js';

export interface PlannedObject {
  info: ResourceInfo;
  object: KubeObject;
  namespace: string | undefined;
  name: string;
}

/** Parses and resolves every document; INVALID_YAML names line and column, UNKNOWN_KIND the kind. */
export async function planApply(
  discovery: Discovery,
  clusterId: string,
  text: string,
  defaultNamespace = 'default',
): Promise<PlannedObject[]> {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const raw: unknown[] = [];
  for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}` : `document ${i + 1}`;
      throw new AppError('INVALID_YAML', `Invalid YAML at ${where}: ${err.message.split('\n')[0]}`, {
        details: { line: pos?.line ?? null, column: pos?.col ?? null, document: i + 1 },
      });
    }
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const o = value as { kind?: string; items?: unknown[] };
    if (o.kind === 'List' && Array.isArray(o.items)) raw.push(...o.items);
    else raw.push(value);
  }
  if (raw.length === 0) throw new AppError('VALIDATION_FAILED', 'The YAML holds no objects');
  const planned: PlannedObject[] = [];
  for (const [i, value] of raw.entries()) {
    const o = value as KubeObject;
    if (!o || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
      throw new AppError('VALIDATION_FAILED', `Object ${i + 1} needs apiVersion and kind`);
    }
    if (!o.metadata || typeof o.metadata.name !== 'string' || !o.metadata.name) {
      throw new AppError('VALIDATION_FAILED', `Object ${i + 1} (${o.kind}) needs metadata.name`);
    }
    const nameProblem = pathSegmentNameProblem(o.metadata.name);
    if (nameProblem)
      throw new AppError('VALIDATION_FAILED', `Object ${i + 1} (${o.kind}): metadata.name ${nameProblem}`);
    if (o.metadata.namespace !== undefined && !kubeNamespaceSchema.safeParse(o.metadata.namespace).success)
      throw new AppError(
        'VALIDATION_FAILED',
        `Object ${i + 1} (${o.kind}): metadata.namespace is not a DNS-1123 label`,
      );
    const info = await discovery.byKind(clusterId, o.apiVersion, o.kind);
    const namespace = info.namespaced ? (o.metadata.namespace ?? defaultNamespace) : undefined;
    const object = info.namespaced ? { ...o, metadata: { ...o.metadata, namespace } } : o;
    planned.push({ info, object: object as KubeObject, namespace, name: o.metadata.name });
  }
  return planned;
}

const NOISE = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp'] as const;

/** The YAML a person wants to compare: no server bookkeeping. */
export function readableYaml(o: KubeObject | undefined): string {
  if (!o) return '';
  const metadata = { ...o.metadata };
  for (const k of NOISE) delete metadata[k];
  const annotations = { ...((metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  return stringify({ ...o, metadata }, { sortMapEntries: false });
}

/**
 * The fields and managers of a server-side apply conflict, from the Status' causes (`FieldManagerConflict`:
 * message `conflict with "kubectl-client-side-apply" using v1`, field `.data.key`).
 */
export function applyConflicts(details: unknown): Array<{ manager: string; field: string }> {
  const causes = (details as { kubernetes?: { details?: { causes?: unknown } } } | undefined)?.kubernetes?.details
    ?.causes;
  if (!Array.isArray(causes)) return [];
  const out: Array<{ manager: string; field: string }> = [];
  for (const c of causes as Array<Record<string, unknown>>) {
    if ((c.type ?? c.reason) !== 'FieldManagerConflict') continue;
    const message = typeof c.message === 'string' ? c.message : '';
    const manager = /conflict with "([^"]+)"/.exec(message)?.[1] ?? message.replace(/^conflict with /, '');
    out.push({ manager, field: typeof c.field === 'string' ? c.field : '' });
  }
  return out;
}

export async function applyObjects(
  conn: ClusterConnection,
  planned: PlannedObject[],
  opts: {
    dryRun: boolean;
    force: boolean;
    fieldManager?: string;
    /** Where the caller sees Secret values: other Secrets are diffed without them (data_keys only). */
    secrets: SecretValues;
  },
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  for (const p of planned) {
    const base: Omit<ApplyResult, 'action' | 'diff'> = {
      api_version: String(p.object.apiVersion),
      kind: String(p.object.kind),
      namespace: p.namespace ?? null,
      name: p.name,
    };
    try {
      const path = resourcePath(p.info, p.namespace, p.name);
      const current = await conn.request({ path });
      if (current.status !== 200 && current.status !== 404) throw kubeError(current.status, current.body);
      const before = current.status === 200 ? secretView(current.json<KubeObject>(), opts.secrets) : undefined;
      const q = new URLSearchParams({ fieldManager: opts.fieldManager ?? 'argus' });
      if (opts.force) q.set('force', 'true');
      if (opts.dryRun) q.set('dryRun', 'All');
      const res = await conn.request({
        method: 'PATCH',
        path: `${path}?${q}`,
        headers: { 'Content-Type': 'application/apply-patch+yaml' },
        body: JSON.stringify(p.object),
      });
      if (res.status < 200 || res.status >= 300) throw kubeError(res.status, res.body);
      const after = secretView(res.json<KubeObject>(), opts.secrets);
      const beforeText = readableYaml(before);
      const afterText = readableYaml(after);
      const label = `${p.info.resource}/${p.name}${p.namespace ? ` (${p.namespace})` : ''}`;
      const action = !before ? 'created' : beforeText === afterText ? 'unchanged' : 'configured';
      results.push({
        ...base,
        action,
        diff: unifiedDiff(beforeText, afterText, before ? `live ${label}` : '/dev/null', `applied ${label}`),
      });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', (err as Error).message);
      const conflicts = e.status === 409 ? applyConflicts(e.details) : [];
      results.push({
        ...base,
        action: 'failed',
        diff: '',
        error: { code: e.code, status: e.status, message: e.message },
        ...(conflicts.length ? { conflicts } : {}),
      });
    }
  }
  return results;
}
