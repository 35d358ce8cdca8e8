/** get, list (JSON or Table) and watch. */
import { badRequest } from '../store/errors.js';
import { parseFieldSelector, parseLabelSelector } from '../store/selectors.js';
import { apiVersionOf, present, type RequestContext } from './context.js';
import { writeJson, writeJsonList } from './respond.js';
import { tableContentType, toTable, wantsTable } from './table.js';
import { serveWatch } from './watch.js';

export function checkFieldSelector(r: RequestContext, selector: string | null): void {
  if (!selector) return;
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...r.def.fieldLabels]);
  for (const term of selector.split(',')) {
    const m = /^([^!=]+)(==|!=|=)/.exec(term.trim());
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const field = (m[1] ?? '').trim();
    if (!allowed.has(field)) throw badRequest(`field label not supported: ${field}`);
  }
  parseFieldSelector(selector);
}

export function handleGet(r: RequestContext, name: string): void {
  const obj = present(r.def, r.ctx.store.mustGet(r.def, r.namespace, name));
  const table = wantsTable(r.req.headers.accept);
  if (table) {
    const t = toTable(
      r.def,
      [obj],
      { resourceVersion: obj.metadata.resourceVersion },
      {
        version: table,
        includeObject: r.query.get('includeObject') ?? 'PartialObjectMetadata',
        headers: true,
        now: r.ctx.now(),
      },
    );
    writeJson(r.res, 200, t, tableContentType(table));
    return;
  }
  writeJson(r.res, 200, obj);
}

export function handleList(r: RequestContext): void {
  const q = r.query;
  const fieldSelector = q.get('fieldSelector');
  checkFieldSelector(r, fieldSelector);
  parseLabelSelector(q.get('labelSelector') ?? undefined);
  if (q.get('watch') === 'true' || q.get('watch') === '1' || r.path.watchPrefix) {
    serveWatch(r.ctx.store, r.req, r.res, {
      def: r.def,
      namespace: r.namespace,
      query: q,
      table: wantsTable(r.req.headers.accept),
      present: (o) => present(r.def, o),
      bookmarkIntervalMs: r.ctx.bookmarkIntervalMs,
      serialized: r.ctx.serialized,
      now: r.ctx.now,
    });
    return;
  }
  const limit = Number(q.get('limit') ?? '0');
  const opts: Parameters<typeof r.ctx.store.list>[1] = { namespace: r.namespace };
  if (q.get('labelSelector')) opts.labelSelector = q.get('labelSelector') ?? '';
  if (fieldSelector) opts.fieldSelector = fieldSelector;
  if (Number.isFinite(limit) && limit > 0) opts.limit = limit;
  if (q.get('continue')) opts.continue = q.get('continue') ?? '';
  const result = r.ctx.store.list(r.def, opts);
  const meta: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continue) meta.continue = result.continue;
  if (result.remainingItemCount !== undefined) meta.remainingItemCount = result.remainingItemCount;
  const items = result.items.map((o) => present(r.def, o));
  const table = wantsTable(r.req.headers.accept);
  if (table) {
    const t = toTable(r.def, items, meta, {
      version: table,
      includeObject: q.get('includeObject') ?? 'PartialObjectMetadata',
      headers: true,
      now: r.ctx.now(),
    });
    writeJson(r.res, 200, t, tableContentType(table));
    return;
  }
  writeJsonList(r.res, { kind: r.def.listKind, apiVersion: apiVersionOf(r.def), metadata: meta }, items);
}
