/**
 * A worker thread (plain JS, as subscriber-worker.mjs) holding the reference watch on kube-sim's pods: the
 * absolute time (performance.timeOrigin + performance.now()) each change reached this machine, as
 * `name/resourceVersion`. In its own thread so that no server under test — Argus or the bare broadcaster, both
 * on the main thread — delays the timestamps: a change is timed when its bytes arrive, not when the thread
 * that broadcasts it gets round to it. Protocol (parentPort): in `{cmd:'start',url,token}` → `{ok:true}` once
 * the watch is open; `{cmd:'times'}` → `{times:[key,absMs][]}`; `{cmd:'stop'}`.
 */
import { parentPort } from 'node:worker_threads';

const port = parentPort;
if (!port) throw new Error('reference-watch-worker runs in a worker thread');
const now = () => performance.timeOrigin + performance.now();
/** @type {Map<string, number>} */
const times = new Map();
const abort = new AbortController();

async function start(url, token) {
  const headers = { authorization: `Bearer ${token}` };
  const list = await (await fetch(`${url}/api/v1/pods?limit=1`, { headers })).json();
  const res = await fetch(`${url}/api/v1/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`, {
    headers,
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`reference watch: HTTP ${res.status}`);
  port.postMessage({ ok: true });
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for await (const chunk of res.body) {
      // Every change in this chunk arrived now.
      const t = now();
      const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (!line) continue;
        const ev = JSON.parse(line);
        if (ev.type === 'BOOKMARK') continue;
        times.set(`${ev.object.metadata.name}/${ev.object.metadata.resourceVersion}`, t);
      }
    }
  } catch {
    // stopped
  }
}

port.on('message', (msg) => {
  if (msg.cmd === 'start') start(msg.url, msg.token).catch((err) => port.postMessage({ error: String(err) }));
  else if (msg.cmd === 'times') port.postMessage({ times: [...times] });
  else if (msg.cmd === 'stop') {
    abort.abort();
    port.close();
  }
});
