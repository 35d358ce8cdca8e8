/**
 * Exec-session recordings (asciicast v2) in the database, while the admin setting `terminal.recording` is on.
 * What is recorded: the container's output ("o" events) and size changes ("r"), not the keystrokes: the
 * terminal echoes what is typed, so the output already shows commands, while input the shell does not
 * echo (passwords at a prompt) stays out of the database. Bounded: beyond `maxBytes` of event lines the rest
 * of the session is dropped and one last event says so (`truncated`). The rows are written at start, every
 * few seconds while output arrives, and at the end.
 */
import type { Logger } from 'pino';
import type { Database } from '../../db/types.js';

export const TERMINAL_SETTINGS_KEY = 'terminal';

export interface TerminalSettingsStore {
  get(): Promise<{ recording: boolean }>;
  put(value: { recording: boolean }): Promise<{ recording: boolean }>;
}

export function createTerminalSettings(db: Database): TerminalSettingsStore {
  return {
    async get() {
      const { rows } = await db.query<{ value: { recording?: unknown } }>('SELECT value FROM settings WHERE key = $1', [
        TERMINAL_SETTINGS_KEY,
      ]);
      return { recording: rows[0]?.value?.recording === true };
    },
    async put(value) {
      await db.query(
        `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [TERMINAL_SETTINGS_KEY, JSON.stringify({ recording: value.recording })],
      );
      return { recording: value.recording };
    },
  };
}

export interface RecordingMeta {
  session: string;
  userId: string;
  email: string;
  clusterId: string;
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  cols?: number;
  rows?: number;
}

export interface Recorder {
  output(text: string): void;
  resize(cols: number, rows: number): void;
  /** The session ended: the last write. */
  end(): Promise<void>;
  /** The session never started (the exec was refused): no recording. */
  discard(): Promise<void>;
}

export interface RecordingService {
  /** A recorder when recording is on (the row is created before this answers), else undefined. */
  start(meta: RecordingMeta): Promise<Recorder | undefined>;
  /** The recording as an asciicast v2 file, or undefined. */
  cast(id: string): Promise<string | undefined>;
}

export function createRecordingService(deps: {
  db: Database;
  logger: Logger;
  settings: TerminalSettingsStore;
  maxBytes: number;
  flushMs?: number;
}): RecordingService {
  const { db, logger, maxBytes } = deps;
  return {
    async start(meta) {
      if (!(await deps.settings.get()).recording) return undefined;
      await db.query(
        `INSERT INTO terminal_recordings (id, user_id, user_email, cluster_id, namespace, pod, container, command, width, height)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [
          meta.session,
          meta.userId,
          meta.email,
          meta.clusterId,
          meta.namespace,
          meta.pod,
          meta.container,
          JSON.stringify(meta.command),
          meta.cols ?? 80,
          meta.rows ?? 24,
        ],
      );
      const started = process.hrtime.bigint();
      const lines: string[] = [];
      let size = 0;
      let truncated = false;
      let dirty = false;
      let writing: Promise<void> = Promise.resolve();
      const elapsed = () => Number((process.hrtime.bigint() - started) / 1000n) / 1e6;
      const add = (type: 'o' | 'r', data: string) => {
        if (truncated) return;
        const line = `${JSON.stringify([Number(elapsed().toFixed(6)), type, data])}\n`;
        const bytes = Buffer.byteLength(line);
        if (size + bytes > maxBytes) {
          truncated = true;
          const note = `${JSON.stringify([Number(elapsed().toFixed(6)), 'o', `\r\n[argus: recording stopped at its limit of ${maxBytes} bytes]\r\n`])}\n`;
          lines.push(note);
          size += Buffer.byteLength(note);
        } else {
          lines.push(line);
          size += bytes;
        }
        dirty = true;
      };
      const write = (final: boolean) => {
        if (!dirty && !final) return writing;
        dirty = false;
        const events = lines.join('');
        writing = writing
          .then(() =>
            db.query(
              `UPDATE terminal_recordings SET events = $2, size_bytes = $3, truncated = $4${final ? ', ended_at = now()' : ''} WHERE id = $1`,
              [meta.session, events, size, truncated],
            ),
          )
          .then(() => undefined)
          .catch((err: unknown) =>
            logger.error({ err, session: meta.session }, 'terminal recording could not be written'),
          );
        return writing;
      };
      const timer = setInterval(() => void write(false), deps.flushMs ?? 5_000);
      timer.unref();
      return {
        output: (text) => add('o', text),
        resize: (cols, rows) => add('r', `${cols}x${rows}`),
        async end() {
          clearInterval(timer);
          await write(true);
        },
        async discard() {
          clearInterval(timer);
          truncated = true;
          await writing;
          await db.query('DELETE FROM terminal_recordings WHERE id = $1', [meta.session]).catch(() => undefined);
        },
      };
    },
    async cast(id) {
      const { rows } = await db.query<{
        width: number;
        height: number;
        started_at: Date | string;
        user_email: string | null;
        namespace: string;
        pod: string;
        container: string | null;
        events: string;
      }>(
        'SELECT width, height, started_at, user_email, namespace, pod, container, events FROM terminal_recordings WHERE id = $1',
        [id],
      );
      const r = rows[0];
      if (!r) return undefined;
      const header = {
        version: 2,
        width: r.width,
        height: r.height,
        timestamp: Math.floor(new Date(r.started_at).getTime() / 1000),
        title: `${r.user_email ?? 'unknown'}: ${r.namespace}/${r.pod}${r.container ? `/${r.container}` : ''}`,
        env: { TERM: 'xterm-256color' },
      };
      return `${JSON.stringify(header)}\n${r.events}`;
    },
  };
}
