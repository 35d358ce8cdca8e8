import { AppError, type AuditOutcome } from '@argus/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditRecord, AuditStore } from '../../audit/audit-store.js';
import { redactBody } from '../../audit/redact.js';
import { auditScope, MUTATING_METHODS } from '../request-scope.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The audit action name (e.g. `user.create`); default `<permission resource>.<create|update|delete>`. */
    auditAction?: string;
    /** Body keys that hold credentials on this route besides those `redactBody` knows (e.g. a webhook URL). */
    auditSecretKeys?: readonly string[];
  }
  interface FastifyRequest {
    /** Set by the audit stage for mutations that reached it. */
    audit?: {
      id?: string;
      errorCode?: string;
      settled?: boolean;
      /** Who the caller turned out to be, for routes that sign in (login, setup). */
      userId?: string;
      userEmail?: string;
    };
  }
}

const VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

export function auditAction(request: FastifyRequest): string {
  const config = request.routeOptions.config;
  if (config?.auditAction) return config.auditAction;
  const p = config?.permission;
  if (typeof p === 'object') return `${p.resource}.${VERBS[request.method] ?? request.method.toLowerCase()}`;
  return `${request.method} ${request.routeOptions.url ?? ''}`;
}

/** Lets a handler name the user of a request that had none when it started (login, setup). */
export function setAuditIdentity(request: FastifyRequest, userId: string, email: string): void {
  if (request.audit) Object.assign(request.audit, { userId, userEmail: email });
}

function outcomeOf(status: number, code: string | undefined): AuditOutcome {
  if (status < 400) return 'success';
  if (status === 403 || code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return 'denied';
  return status >= 500 ? 'error' : 'failed';
}

function recordOf(request: FastifyRequest, withBody: boolean): AuditRecord {
  return {
    userId: request.principal?.userId ?? null,
    userEmail: request.principal?.email ?? null,
    sourceIp: request.ip ?? null,
    method: request.method,
    route: request.routeOptions.url ?? null,
    path: request.url.split('?')[0] ?? request.url,
    action: auditAction(request),
    ...auditScope(request),
    requestBody: withBody ? redactBody(request.body, request.routeOptions.config?.auditSecretKeys) : null,
  };
}

/**
 * Stage 6: every POST/PUT/PATCH/DELETE that got past auth and the setup guard is recorded. Before the
 * handler (and RBAC) runs, a `pending` row is inserted; if that insert fails the request is refused with
 * 503 AUDIT_UNAVAILABLE (fail closed: no mutation runs unrecorded). When the response is sent the row gets
 * its outcome (success, denied, failed, error), status, error code and duration. Requests that fail before
 * the pending row (a body that is not JSON, too large) get one complete row then.
 */
export const audit = fp(
  async (app: FastifyInstance, deps: { store: AuditStore }) => {
    const log = app.log.child({ component: 'audit' });

    // The hooks take callbacks rather than being async: most requests are reads, which pass straight through
    // without a promise per hook.
    app.addHook('onRequest', (request, _reply, done) => {
      if (!request.is404 && MUTATING_METHODS.has(request.method)) request.audit = {};
      done();
    });

    async function begin(request: FastifyRequest, audit: NonNullable<FastifyRequest['audit']>): Promise<void> {
      try {
        audit.id = await deps.store.begin(recordOf(request, true));
      } catch (err) {
        log.error({ err, method: request.method, route: request.routeOptions.url }, 'audit record not written');
        throw new AppError('AUDIT_UNAVAILABLE', 'The audit log cannot be written; the request was not carried out', {
          cause: err,
        });
      }
    }

    app.addHook('preValidation', (request, _reply, done) => {
      if (!request.audit) return done();
      begin(request, request.audit).then(() => done(), done);
    });

    /** Writes the outcome; at most once per request. */
    async function settle(request: FastifyRequest, statusCode: number, durationMs: number): Promise<void> {
      const a = request.audit;
      if (!a || a.settled) return;
      a.settled = true;
      const result = {
        outcome: outcomeOf(statusCode, a.errorCode),
        statusCode,
        errorCode: a.errorCode ?? null,
        durationMs,
        userId: a.userId,
        userEmail: a.userEmail,
      };
      try {
        if (a.id) await deps.store.finish(a.id, result);
        else if (a.errorCode !== 'AUDIT_UNAVAILABLE') await deps.store.record(recordOf(request, false), result);
      } catch (err) {
        log.error({ err, auditId: a.id, outcome: result.outcome }, 'audit outcome not written; the row stays pending');
      }
    }

    // The outcome is written before the response leaves, so a client that reads the audit log right after
    // its request sees it; onResponse covers replies that never reached onSend (an aborted connection).
    app.addHook('onSend', (request, reply, payload, done) => {
      const a = request.audit;
      if (!a) return done(null, payload);
      if (reply.statusCode >= 400 && typeof payload === 'string' && payload.length < 65_536) {
        try {
          const code = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
          if (typeof code === 'string') a.errorCode = code;
        } catch {
          // not a JSON error body
        }
      }
      settle(request, reply.statusCode, reply.elapsedTime).then(() => done(null, payload), done);
    });

    app.addHook('onResponse', (request, reply, done) => {
      if (!request.audit) return done();
      settle(request, reply.statusCode, reply.elapsedTime).then(() => done(), done);
    });
  },
  { name: 'argus-audit' },
);
