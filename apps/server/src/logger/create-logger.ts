import { type Logger, type LoggerOptions, pino } from 'pino';

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'new_password',
  '*.new_password',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'client_secret',
  '*.client_secret',
  'kubeconfig',
  '*.kubeconfig',
  'api_key',
  '*.api_key',
  'secret',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'config.DATABASE_URL',
  'config.JWT_SECRET',
  'config.ENCRYPTION_KEY',
];

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  const opts: LoggerOptions = {
    level: options.level,
    base: { service: 'argus-server' },
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

export type { Logger };
