import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const HELMET_OPTIONS = {
  frameguard: { action: 'deny' },
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  crossOriginEmbedderPolicy: false,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      // 'wasm-unsafe-eval' lets WebAssembly compile (the terminal recording player's VT is wasm), not JS eval
      scriptSrc: ["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", 'ws:', 'wss:'],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
} as const;

/**
 * The headers helmet sets with HELMET_OPTIONS, worked out once: @fastify/helmet builds its middleware
 * again for every request (a third of the header stage's cost went to re-parsing the CSP), and these
 * headers never vary by request (no per-route options, no nonces).
 */
async function helmetHeaders(): Promise<[string, string][]> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, HELMET_OPTIONS);
  probe.get('/', async () => '');
  const plain = Fastify({ logger: false });
  plain.get('/', async () => '');
  try {
    const [withHelmet, without] = await Promise.all([probe.inject('/'), plain.inject('/')]);
    return Object.entries(withHelmet.headers)
      .filter(([name]) => !(name in without.headers))
      .map(([name, value]) => [name, String(value)]);
  } finally {
    await Promise.all([probe.close(), plain.close()]);
  }
}

/**
 * X-Frame-Options DENY, HSTS, nosniff, a strict Referrer-Policy and a CSP the web UI runs under: only
 * same-origin scripts, styles, fonts, images (plus data: and blob:), and connections (WebSocket included).
 */
export const securityHeaders = fp(
  async (app: FastifyInstance) => {
    const headers = await helmetHeaders();
    app.addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
      done();
    });
  },
  { name: 'argus-security-headers' },
);
