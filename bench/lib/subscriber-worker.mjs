/**
 * A worker thread (plain JS: workers do not get tsx's loader on Node 20) holding many `ws` subscribers, so their JSON parsing does not share the event loop
 * of the server (or broadcaster) under test. Protocol (parentPort): in `{cmd:'connect',url,count,hello,readyType}`
 * → `{ok:true}`; `{cmd:'start'}`; `{cmd:'pause'}` (counting ends) → `{ok:true}`;
 * `{cmd:'stop',refs:[key,absMs][]}` → result; `{cmd:'close'}`.
 */
import { parentPort } from 'node:worker_threads';
import WebSocket from 'ws';

const port = parentPort;
if (!port) throw new Error('subscriber-worker runs in a worker thread');
const now = () => performance.timeOrigin + performance.now();
/** @type {WebSocket[]} */
const sockets = [];
let counting = false;
let started = 0;
let stopped = 0;
let resyncs = 0;
/** @type {string[]} */
let keys = [];
/** @type {number[]} */
let times = [];

const EVENT_PREFIX = '{"type":"event"';
const NAME = /"name":"([^"]*)"/y;
const RV = /"resourceVersion":"([^"]*)"/g;

/** `name/resourceVersion` of an event frame's object, read without parsing it; undefined if not found. */
function eventKey(text) {
  const meta = text.indexOf('"metadata":{');
  if (meta < 0) return undefined;
  NAME.lastIndex = meta + 12;
  const name = NAME.exec(text)?.[1];
  RV.lastIndex = meta;
  const rv = RV.exec(text)?.[1];
  return name === undefined || rv === undefined ? undefined : `${name}/${rv}`;
}

function connectOne(url, hello, readyType) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    const timer = setTimeout(() => reject(new Error('subscriber not ready in 60 s')), 60_000);
    ws.on('error', reject);
    // A socket closed before it was ready (e.g. the server's auth time limit on a loaded machine) says why.
    ws.on('close', (code, reason) => reject(new Error(`subscriber closed before ready: ${code} ${reason}`)));
    ws.on('open', () => {
      for (const m of hello) ws.send(JSON.stringify(m));
      if (!readyType) {
        clearTimeout(timer);
        resolve();
      }
    });
    ws.on('message', (data) => {
      const t = now();
      const text = data.toString();
      // Events are only scanned for the object's name and resourceVersion (a full JSON.parse of every copy
      // made the subscribers, not the server, the bottleneck: ~4,000 copies per churn tick in one thread).
      if (text.startsWith(EVENT_PREFIX)) {
        const key = eventKey(text);
        if (key !== undefined) {
          if (counting) {
            keys.push(key);
            times.push(t);
          }
          return;
        }
      }
      const m = JSON.parse(text);
      if (m.type === readyType) {
        clearTimeout(timer);
        resolve();
      }
      if (m.type === 'error' && !counting) {
        clearTimeout(timer);
        reject(new Error(`subscriber refused: ${text.slice(0, 300)}`));
      }
      if (m.type === 'resync') resyncs++;
      if (!counting || m.type !== 'event') return;
      keys.push(`${m.object?.metadata?.name}/${m.object?.metadata?.resourceVersion}`);
      times.push(t);
    });
  });
}

port.on('message', async (msg) => {
  try {
    if (msg.cmd === 'connect') {
      const count = msg.count ?? 0;
      for (let i = 0; i < count; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, count - i) }, () =>
            connectOne(msg.url ?? '', msg.hello ?? [], msg.readyType),
          ),
        );
      }
      port.postMessage({ ok: true });
    } else if (msg.cmd === 'start') {
      keys = [];
      times = [];
      started = now();
      counting = true;
    } else if (msg.cmd === 'pause') {
      counting = false;
      stopped = now();
      port.postMessage({ ok: true });
    } else if (msg.cmd === 'stop') {
      if (counting) {
        counting = false;
        stopped = now();
      }
      const seconds = (stopped - started) / 1000;
      const refs = new Map(msg.refs ?? []);
      const latenciesMs = [];
      for (let i = 0; i < keys.length; i++) {
        const ref = refs.get(keys[i]);
        if (ref !== undefined) latenciesMs.push(times[i] - ref);
      }
      port.postMessage({ delivered: keys.length, seconds, latenciesMs, resyncs });
    } else if (msg.cmd === 'close') {
      for (const ws of sockets) ws.terminate();
      port.postMessage({ ok: true });
    }
  } catch (err) {
    port.postMessage({ error: String(err) });
  }
});
