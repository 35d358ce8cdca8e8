import { z } from 'zod';

/**
 * The web terminal (DESIGN.md, "Contract for the second wave", Terminal). `/ws/terminal` speaks JSON text
 * frames with a `type`: first `{"type":"auth","token"}` (the same as `/ws`), then one `open` per connection.
 * Exec mode (the default) opens a shell in a container; `mode:"smart"` opens a kubectl-style command stream.
 * Smart mode's one-shot route is `POST /api/terminal/run` (shapes below, added by the smart-mode work).
 */

const dns = z.string().min(1).max(253);

/** Opens a shell in a container (needs `pods:exec` in the pod's namespace). */
export const terminalOpenExecSchema = z.object({
  type: z.literal('open'),
  mode: z.literal('exec').optional(),
  cluster: z.string().min(1).max(253),
  namespace: dns,
  pod: dns,
  /** Default: the pod's default container (annotation `kubectl.kubernetes.io/default-container`, else the first). */
  container: dns.optional(),
  /** Default `["sh"]`. */
  command: z.array(z.string().min(1).max(4096)).min(1).max(64).optional(),
  /** Initial terminal size. */
  cols: z.number().int().min(1).max(1000).optional(),
  rows: z.number().int().min(1).max(1000).optional(),
});

/** Opens a smart-mode stream (streaming commands such as `get -w`, `logs -f`); lines arrive as `input`. */
export const terminalOpenSmartSchema = z.object({
  type: z.literal('open'),
  mode: z.literal('smart'),
  cluster: z.string().min(1).max(253),
  namespace: dns.optional(),
});

export const terminalInputSchema = z.object({ type: z.literal('input'), data: z.string().max(1024 * 1024) });
export const terminalResizeSchema = z.object({
  type: z.literal('resize'),
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
});
export const terminalPingSchema = z.object({ type: z.literal('ping') });

/** A client frame after authentication. */
export const terminalClientMessageSchema = z.union([
  terminalOpenSmartSchema,
  terminalOpenExecSchema,
  terminalInputSchema,
  terminalResizeSchema,
  terminalPingSchema,
]);

export type TerminalOpenExec = z.infer<typeof terminalOpenExecSchema>;
export type TerminalOpenSmart = z.infer<typeof terminalOpenSmartSchema>;
export type TerminalClientMessage = z.infer<typeof terminalClientMessageSchema>;

/** Server frames (besides `authenticated` after auth). `exit.code` is the process's exit code. */
export type TerminalServerMessage =
  | {
      type: 'opened';
      container?: string;
      protocol?: string /** The session is recorded (admin setting). */;
      recording?: boolean;
    }
  | { type: 'output'; data: string }
  | { type: 'exit'; code: number }
  | { type: 'error'; code: string; message: string }
  | { type: 'pong' };

/**
 * Stable codes of `error` frames on `/ws/terminal` (besides the auth codes of `/ws` and FORBIDDEN, NOT_FOUND,
 * BAD_REQUEST, CLUSTER_UNREACHABLE from the common set).
 */
export const TERMINAL_ERROR_CODES = {
  /** The container could not be exec'd into (not running, no such container, the pod has gone). */
  EXEC_FAILED: 'EXEC_FAILED',
  /** No input or output for the idle timeout. */
  SESSION_IDLE: 'SESSION_IDLE',
  /** The session reached its maximum length. */
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  /** The user already has the maximum number of terminal sessions open. */
  TOO_MANY_SESSIONS: 'TOO_MANY_SESSIONS',
  /** The connection to the container ended without an exit status. */
  SESSION_LOST: 'SESSION_LOST',
} as const;

/** `POST /api/terminal/run`: one smart-mode command (kubectl syntax), run as the caller. */
export const terminalRunRequestSchema = z.object({
  cluster: z.string().min(1).max(253),
  /** The terminal's context namespace (`use namespace`); `-n` in the command wins. Default `default`. */
  namespace: dns.optional(),
  /** e.g. `get pods -n payments -o wide` (a leading `kubectl` is allowed). Never run by a shell. */
  command: z.string().max(8192),
  /** Standard input (`apply -f -`). */
  stdin: z
    .string()
    .max(4 * 1024 * 1024)
    .optional(),
  /** Sent again with true after a `confirm` answer to do what was asked. */
  confirmed: z.boolean().optional(),
});
export const terminalRunResponseSchema = z.object({
  /** kubectl's text (stdout and stderr as kubectl prints them). */
  output: z.string(),
  exit_code: z.number().int(),
  /** Present when the command changes nothing until sent again with `confirmed: true`. */
  confirm: z.object({ prompt: z.string() }).optional(),
});
export type TerminalRunRequest = z.infer<typeof terminalRunRequestSchema>;
export type TerminalRunResponse = z.infer<typeof terminalRunResponseSchema>;

/** `GET|PUT /api/settings/terminal` (admins): whether exec sessions are recorded (asciicast v2, off by default). */
export const terminalSettingsSchema = z.object({
  recording: z.boolean(),
  /** Read-only: the largest recording kept per session (`TERMINAL_RECORDING_MAX_BYTES`); beyond it output is dropped. */
  recording_max_bytes: z.number().int().optional(),
});
export const updateTerminalSettingsRequestSchema = z.object({ recording: z.boolean() }).strict();
export type TerminalSettings = z.infer<typeof terminalSettingsSchema>;

/** `GET /api/audit/recordings/{id}` path: the session id the audit rows carry in `request_body.session`. */
export const terminalRecordingParamsSchema = z.object({ id: z.string().uuid() });

/** `GET /api/terminal/history?limit`: the caller's smart-terminal command lines, newest first. */
export const terminalHistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cluster: z.string().min(1).max(253).optional(),
});
export const terminalHistoryResponseSchema = z.object({
  items: z.array(
    z.object({
      command: z.string(),
      cluster_id: z.string().nullable(),
      namespace: z.string().nullable(),
      exit_code: z.number().int().nullable(),
      created_at: z.string(),
    }),
  ),
});
export type TerminalHistoryResponse = z.infer<typeof terminalHistoryResponseSchema>;
