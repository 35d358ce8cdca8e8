/** Streams a watch as chunked, newline-delimited JSON events. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceDef } from '../registry/types.js';
import { StoreError } from '../store/errors.js';
import type { KubeObject, ObjectStore, StoreEvent } from '../store/types.js';
import { type TableVersion, tableContentType, toTable } from './table.js';

export interface WatchRequest {
  def: ResourceDef;
  namespace: string | undefined;
  query: URLSearchParams;
  table: TableVersion | undefined;
  /** converts a stored object to what is served (apiVersion/kind) */
  present: (obj: KubeObject) => KubeObject;
  bookmarkIntervalMs: number;
  /** JSON of served objects, shared by all watches of one server */
  serialized: WeakMap<object, string>;
  now: () => Date;
}

const MAX_BUFFERED = 16 * 1024 * 1024;

export function serveWatch(store: ObjectStore, req: IncomingMessage, res: ServerResponse, w: WatchRequest): void {
  const q = w.query;
  res.writeHead(200, {
    'Content-Type': w.table ? tableContentType(w.table) : 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  let first = true;
  let closed = false;
  let initializing = true;
  const apiVersion = w.def.group ? `${w.def.group}/${w.def.version}` : w.def.version;

  const write = (type: string, object: unknown, json?: string): void => {
    if (closed) return;
    res.write(json === undefined ? `${JSON.stringify({ type, object })}\n` : `{"type":"${type}","object":${json}}\n`);
    // a client that stops reading loses its watch (it re-lists), instead of growing our memory
    if (!initializing && res.writableLength > MAX_BUFFERED) finish();
  };
  const send = (ev: StoreEvent): void => {
    const obj = w.present(ev.object);
    if (w.table) {
      write(
        ev.type,
        toTable(
          w.def,
          [obj],
          { resourceVersion: obj.metadata.resourceVersion },
          {
            version: w.table,
            includeObject: q.get('includeObject') ?? 'PartialObjectMetadata',
            headers: first,
            now: w.now(),
          },
        ),
      );
      first = false;
    } else {
      // objects are immutable: one serialisation serves every watcher of the same change
      let json = w.serialized.get(obj);
      if (json === undefined) {
        json = JSON.stringify(obj);
        w.serialized.set(obj, json);
      }
      write(ev.type, obj, json);
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let bookmarks: NodeJS.Timeout | undefined;
  let stop: (() => void) | undefined;
  function finish(): void {
    if (closed) return;
    closed = true;
    if (timer) clearTimeout(timer);
    if (bookmarks) clearInterval(bookmarks);
    stop?.();
    res.end();
  }
  req.on('close', finish);
  res.on('close', finish);

  try {
    const opts = {
      namespace: w.namespace,
      labelSelector: q.get('labelSelector') ?? undefined,
      fieldSelector: q.get('fieldSelector') ?? undefined,
      resourceVersion: q.get('resourceVersion') ?? undefined,
    };
    const watcher = store.watch(w.def, opts, send);
    stop = () => watcher.stop();
    initializing = false;
  } catch (err) {
    const e = err instanceof StoreError ? err : new StoreError(500, 'InternalError', String(err));
    write('ERROR', e.toStatus());
    finish();
    return;
  }
  if (q.get('sendInitialEvents') === 'true' && q.get('allowWatchBookmarks') === 'true') {
    write('BOOKMARK', {
      kind: w.def.kind,
      apiVersion,
      metadata: {
        resourceVersion: String(store.currentResourceVersion()),
        annotations: { 'k8s.io/initial-events-end': 'true' },
      },
    });
  }
  const timeout = Number(q.get('timeoutSeconds') ?? '');
  const seconds = Number.isFinite(timeout) && timeout > 0 ? timeout : 1800 + Math.floor(Math.random() * 1800);
  timer = setTimeout(finish, seconds * 1000);
  if (q.get('allowWatchBookmarks') === 'true') {
    bookmarks = setInterval(() => {
      write('BOOKMARK', {
        kind: w.def.kind,
        apiVersion,
        metadata: { resourceVersion: String(store.currentResourceVersion()) },
      });
    }, w.bookmarkIntervalMs);
  }
}
