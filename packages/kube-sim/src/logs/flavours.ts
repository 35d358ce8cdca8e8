import type { Draw } from './hash.js';

/**
 * Log "flavours": what a container of a given image writes. Each flavour renders a few start-up
 * lines, a steady stream of lines, and the last words of a crashed instance.
 */
export interface LineContext {
  /** epoch ms of the line */
  time: number;
  pod: string;
  container: string;
  namespace: string;
  podIP: string;
  draw: Draw;
}

export interface LogFlavour {
  name: string;
  startup(ctx: LineContext): string[];
  line(ctx: LineContext): string;
  crash(ctx: LineContext): string[];
}

const PATHS = [
  '/',
  '/api/v1/items',
  '/api/v1/orders',
  '/static/app.js',
  '/healthz',
  '/metrics',
  '/login',
  '/api/v1/users',
];
const AGENTS = [
  'kube-probe/1.32',
  'Mozilla/5.0 (X11; Linux x86_64)',
  'curl/8.5.0',
  'Prometheus/2.53.0',
  'Go-http-client/1.1',
];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const iso = (t: number): string => new Date(t).toISOString();
const clf = (t: number): string => {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${iso(t).slice(11, 19)} +0000`;
};
const status = (draw: Draw): number => (draw.chance(0.9) ? 200 : draw.pick([201, 204, 301, 304, 400, 404, 500, 503]));
const clientIP = (draw: Draw): string => `10.244.${draw.int(0, 3)}.${draw.int(2, 250)}`;

const nginx: LogFlavour = {
  name: 'nginx',
  startup: (c) => {
    const ts = iso(c.time).slice(0, 19).replace('T', ' ').replaceAll('-', '/');
    return [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      `${ts} [notice] 1#1: nginx/1.27.3`,
      `${ts} [notice] 1#1: start worker processes`,
    ];
  },
  line: (c) => {
    const d = c.draw;
    const probe = d.chance(0.3);
    const path = probe ? '/healthz' : d.pick(PATHS);
    const agent = probe ? 'kube-probe/1.32' : d.pick(AGENTS);
    const method = probe ? 'GET' : d.pick(METHODS);
    return `${clientIP(d)} - - [${clf(c.time)}] "${method} ${path} HTTP/1.1" ${status(d)} ${d.int(0, 9000)} "-" "${agent}"`;
  },
  crash: (c) => [
    `${iso(c.time).slice(0, 19).replace('T', ' ').replaceAll('-', '/')} [emerg] 1#1: host not found in upstream "backend:8080"`,
  ],
};

const json: LogFlavour = {
  name: 'json',
  startup: (c) => [
    JSON.stringify({ level: 'info', ts: iso(c.time), msg: 'starting service', pod: c.pod, version: '1.8.2' }),
    JSON.stringify({
      level: 'info',
      ts: iso(c.time),
      msg: 'connected to database',
      host: `postgres.${c.namespace}.svc`,
    }),
    JSON.stringify({ level: 'info', ts: iso(c.time), msg: 'listening', addr: ':8080' }),
  ],
  line: (c) => {
    const d = c.draw;
    const roll = d.float();
    if (roll < 0.08) {
      return JSON.stringify({
        level: 'warn',
        ts: iso(c.time),
        msg: 'slow query',
        duration_ms: d.int(500, 4000),
        table: d.pick(['orders', 'users', 'items']),
      });
    }
    if (roll < 0.11) {
      return JSON.stringify({
        level: 'error',
        ts: iso(c.time),
        msg: 'upstream request failed',
        error: 'context deadline exceeded',
        upstream: 'payments:8080',
      });
    }
    if (roll < 0.2) {
      return JSON.stringify({
        level: 'debug',
        ts: iso(c.time),
        msg: 'cache refresh',
        keys: d.int(10, 5000),
        hit_ratio: Number(d.float().toFixed(2)),
      });
    }
    return JSON.stringify({
      level: 'info',
      ts: iso(c.time),
      msg: 'request handled',
      method: d.pick(METHODS),
      path: d.pick(PATHS),
      status: status(d),
      duration_ms: d.int(1, 250),
      request_id: `${d.int(0x10000000, 0xffffffff).toString(16)}`,
    });
  },
  crash: (c) => [
    JSON.stringify({
      level: 'error',
      ts: iso(c.time),
      msg: 'failed to connect to database',
      error: 'dial tcp 10.96.12.40:5432: connect: connection refused',
    }),
    JSON.stringify({ level: 'fatal', ts: iso(c.time), msg: 'shutting down', exit_code: 1 }),
  ],
};

const pgTime = (t: number): string => `${iso(t).slice(0, 23).replace('T', ' ')} UTC`;
const postgres: LogFlavour = {
  name: 'postgres',
  startup: (c) => [
    '',
    'PostgreSQL Database directory appears to contain a database; Skipping initialization',
    '',
    `${pgTime(c.time)} [1] LOG:  starting PostgreSQL 16.6 (Debian 16.6-1.pgdg120+1) on x86_64-pc-linux-gnu`,
    `${pgTime(c.time)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
    `${pgTime(c.time)} [1] LOG:  database system is ready to accept connections`,
  ],
  line: (c) => {
    const d = c.draw;
    const pid = d.int(30, 9000);
    const roll = d.float();
    if (roll < 0.15) return `${pgTime(c.time)} [${pid}] LOG:  checkpoint starting: time`;
    if (roll < 0.3) {
      return `${pgTime(c.time)} [${pid}] LOG:  checkpoint complete: wrote ${d.int(1, 900)} buffers (${d.int(0, 9)}.${d.int(0, 9)}%); 0 WAL file(s) added`;
    }
    if (roll < 0.38)
      return `${pgTime(c.time)} [${pid}] LOG:  duration: ${d.int(1000, 9000)}.${d.int(100, 999)} ms  statement: SELECT * FROM orders WHERE status = 'open'`;
    if (roll < 0.42)
      return `${pgTime(c.time)} [${pid}] ERROR:  duplicate key value violates unique constraint "users_email_key"`;
    return `${pgTime(c.time)} [${pid}] LOG:  connection authorized: user=app database=app application_name=psql`;
  },
  crash: (c) => [`${pgTime(c.time)} [1] FATAL:  could not write lock file "postmaster.pid": No space left on device`],
};

const redisTime = (t: number): string => {
  const d = new Date(t);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${iso(t).slice(11, 23)}`;
};
const redis: LogFlavour = {
  name: 'redis',
  startup: (c) => [
    `1:C ${redisTime(c.time)} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    `1:M ${redisTime(c.time)} * Running mode=standalone, port=6379.`,
    `1:M ${redisTime(c.time)} * Ready to accept connections tcp`,
  ],
  line: (c) => {
    const d = c.draw;
    if (d.chance(0.5)) return `1:M ${redisTime(c.time)} * ${d.int(1, 100)} changes in 60 seconds. Saving...`;
    if (d.chance(0.5)) return `1:M ${redisTime(c.time)} * Background saving started by pid ${d.int(100, 9999)}`;
    return `1:M ${redisTime(c.time)} * Background saving terminated with success`;
  },
  crash: (c) => [`1:M ${redisTime(c.time)} # Out Of Memory allocating ${c.draw.int(1000, 90000)} bytes!`],
};

const logfmt: LogFlavour = {
  name: 'logfmt',
  startup: (c) => [
    `ts=${iso(c.time)} level=info caller=main.go:512 msg="Starting ${c.container}" version=2.53.0`,
    `ts=${iso(c.time)} level=info caller=web.go:571 msg="Start listening for connections" address=0.0.0.0:9090`,
  ],
  line: (c) => {
    const d = c.draw;
    const roll = d.float();
    if (roll < 0.1)
      return `ts=${iso(c.time)} level=warn caller=scrape.go:1531 msg="Scrape failed" target=http://${clientIP(d)}:8080/metrics err="context deadline exceeded"`;
    if (roll < 0.5)
      return `ts=${iso(c.time)} level=info caller=compact.go:523 msg="write block" duration=${d.int(10, 900)}ms`;
    return `ts=${iso(c.time)} level=info caller=reconcile.go:${d.int(100, 400)} msg="reconciled" namespace=${c.namespace} duration=${d.int(1, 90)}ms`;
  },
  crash: (c) => [
    `ts=${iso(c.time)} level=error caller=main.go:901 msg="Fatal error" err="opening storage failed: lock DB directory: resource temporarily unavailable"`,
  ],
};

const plain: LogFlavour = {
  name: 'plain',
  startup: (c) => [`Starting ${c.container} on ${c.pod}`],
  line: (c) => `${iso(c.time)} heartbeat seq=${c.draw.int(1, 99999)} status=ok`,
  crash: () => ['Error: unexpected EOF', 'exiting with status 1'],
};

const job: LogFlavour = {
  name: 'job',
  startup: (c) => [`${iso(c.time)} starting batch run`],
  line: (c) => `${iso(c.time)} processed batch ${c.draw.int(1, 999)}: ${c.draw.int(10, 5000)} records`,
  crash: () => ['Error: batch failed: connection reset by peer'],
};

const RULES: [RegExp, LogFlavour][] = [
  [/examples-bookinfo|acme\//, json],
  [/nginx|ingress|envoy|haproxy|httpd|traefik/, nginx],
  [/postgres|cnpg|cloudnative-pg|postgis|timescale|mariadb|mysql/, postgres],
  [/redis|valkey|memcached/, redis],
  [/prometheus|alertmanager|grafana|loki|operator|calico|keda|rook|ceph|istio|pilot|coredns|kube-/, logfmt],
  [/busybox|alpine|ubuntu|debian|pause/, plain],
  [/batch|job|migrat|backup|cron|perl|(^|\/)pi(:|$)/, job],
];

/** The flavour for an image (the default is a JSON-logging application). */
export function flavourFor(image: string | undefined): LogFlavour {
  const img = (image ?? '').toLowerCase();
  for (const [re, flavour] of RULES) if (re.test(img)) return flavour;
  return json;
}
