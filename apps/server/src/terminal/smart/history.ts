/**
 * The smart terminal's command history, per user, in the database (so Up/Down works across sessions and
 * browsers, and a shared browser does not show one user's commands to the next). Only the command line is
 * kept, never its stdin (an `apply -f -` manifest may hold secrets); a line equal to the user's previous
 * one is not repeated; each user keeps the newest KEEP lines.
 */
import type { TerminalHistoryResponse } from '@argus/contracts';
import type { Logger } from 'pino';
import type { Database } from '../../db/types.js';

const KEEP = 500;

export interface TerminalHistory {
  record(
    userId: string,
    entry: { clusterId?: string; namespace?: string; command: string; exitCode?: number },
  ): Promise<void>;
  list(userId: string, opts: { limit: number; clusterId?: string }): Promise<TerminalHistoryResponse>;
}

export function createTerminalHistory(db: Database, logger: Logger): TerminalHistory {
  return {
    async record(userId, e) {
      const command = e.command.trim();
      if (!command || command.length > 8192) return;
      try {
        await db.transaction(async (tx) => {
          const last = await tx.query<{ command: string; cluster_id: string | null }>(
            'SELECT command, cluster_id FROM terminal_history WHERE user_id = $1 ORDER BY id DESC LIMIT 1',
            [userId],
          );
          if (last.rows[0]?.command === command && last.rows[0]?.cluster_id === (e.clusterId ?? null)) return;
          await tx.query(
            'INSERT INTO terminal_history (user_id, cluster_id, namespace, command, exit_code) VALUES ($1,$2,$3,$4,$5)',
            [userId, e.clusterId ?? null, e.namespace ?? null, command, e.exitCode ?? null],
          );
          await tx.query(
            `DELETE FROM terminal_history WHERE user_id = $1 AND id <= (
               SELECT id FROM terminal_history WHERE user_id = $1 ORDER BY id DESC OFFSET $2 LIMIT 1)`,
            [userId, KEEP],
          );
        });
      } catch (err) {
        // history is a convenience: a failure to keep it never fails the command
        logger.warn({ err, user: userId }, 'terminal history could not be recorded');
      }
    },
    async list(userId, opts) {
      const params: unknown[] = [userId, opts.limit];
      let where = 'user_id = $1';
      if (opts.clusterId) {
        params.push(opts.clusterId);
        where += ' AND cluster_id = $3';
      }
      const { rows } = await db.query<{
        command: string;
        cluster_id: string | null;
        namespace: string | null;
        exit_code: number | null;
        created_at: Date | string;
      }>(
        `SELECT command, cluster_id, namespace, exit_code, created_at FROM terminal_history WHERE ${where} ORDER BY id DESC LIMIT $2`,
        params,
      );
      return {
        items: rows.map((r) => ({
          command: r.command,
          cluster_id: r.cluster_id,
          namespace: r.namespace,
          exit_code: r.exit_code,
          created_at: new Date(r.created_at).toISOString(),
        })),
      };
    },
  };
}
