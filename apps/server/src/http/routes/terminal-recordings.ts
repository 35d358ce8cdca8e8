/**
 * Terminal recordings (issue 21): the admin setting `GET|PUT /api/settings/terminal` (`settings` read/write)
 * and `GET /api/audit/recordings/{id}` (whoever may read the audit log): one exec session's asciicast v2
 * file, its id being the `session` of the session's audit rows. Each view of a recording is audited.
 */
import {
  AppError,
  terminalRecordingParamsSchema,
  terminalSettingsSchema,
  updateTerminalSettingsRequestSchema,
} from '@argus/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/types.js';
import type { RecordingService, TerminalSettingsStore } from '../../terminal/recording/recorder.js';

export async function terminalRecordingRoutes(
  fastify: FastifyInstance,
  deps: { db: Database; settings: TerminalSettingsStore; recordings: RecordingService; maxBytes: number },
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = { resource: 'settings', action: 'read' };
  const write = { resource: 'settings', action: 'write' };

  app.get(
    '/api/settings/terminal',
    {
      config: { permission: read },
      schema: {
        summary: 'Web terminal settings: whether exec sessions are recorded (off by default)',
        response: { 200: terminalSettingsSchema },
      },
    },
    async () => ({ ...(await deps.settings.get()), recording_max_bytes: deps.maxBytes }),
  );

  app.put(
    '/api/settings/terminal',
    {
      config: { permission: write, auditAction: 'settings.terminal_update' },
      schema: {
        summary: 'Turn the recording of exec sessions on or off (sessions opened afterwards)',
        body: updateTerminalSettingsRequestSchema,
        response: { 200: terminalSettingsSchema },
      },
    },
    async (request) => ({ ...(await deps.settings.put(request.body)), recording_max_bytes: deps.maxBytes }),
  );

  app.get(
    '/api/audit/recordings/:id',
    {
      config: { permission: { resource: 'audit', action: 'read' } },
      schema: {
        summary: 'One recorded terminal session as an asciicast v2 file (the session id of its audit rows)',
        params: terminalRecordingParamsSchema,
        response: {
          200: {
            description: 'asciicast v2: a JSON header line, then one [time, "o"|"r", data] line per event',
            content: { 'application/x-asciicast': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const cast = await deps.recordings.cast(request.params.id);
      if (cast === undefined) throw new AppError('NOT_FOUND', `no recording of terminal session ${request.params.id}`);
      const p = request.principal;
      await deps.db.query(
        `INSERT INTO audit_logs (user_id, user_email, source_ip, method, route, path, action, resource, resource_name, status_code, outcome)
         VALUES ($1,$2,$3,'GET','/api/audit/recordings/:id',$4,'terminal.recording.view','terminal_recordings',$5,200,'success')`,
        [p?.userId ?? null, p?.email ?? null, request.ip, request.url.split('?')[0], request.params.id],
      );
      return reply
        .header('Content-Type', 'application/x-asciicast; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="terminal-${request.params.id}.cast"`)
        .send(cast);
    },
  );
}
