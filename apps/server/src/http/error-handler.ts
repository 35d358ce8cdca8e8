import { AppError, isAppError } from '@argus/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';

/** Maps anything thrown by a route or the framework to the contract's error body, exactly once. */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  if (err instanceof ZodError) {
    const summary = err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return new AppError('VALIDATION_FAILED', `Invalid request: ${summary}`, { cause: err });
  }
  const e = err as Partial<FastifyError> & { statusCode?: number };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large', { cause: err });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Type', { cause: err });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('INVALID_JSON', 'The request body is not valid JSON', { cause: err });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BAD_REQUEST', 'Content-Length does not match the body', { cause: err });
    case 'FST_ERR_VALIDATION':
      return validationError(err as FastifyError);
  }
  if (err instanceof SyntaxError && e.statusCode === 400) {
    return new AppError('INVALID_JSON', 'The request body is not valid JSON', { cause: err });
  }
  if (e.statusCode === 429) return new AppError('RATE_LIMITED', 'Too many requests', { cause: err });
  if (e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large', { cause: err });
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError('BAD_REQUEST', e.message ?? 'Bad request', { cause: err, status: e.statusCode });
  }
  return new AppError('INTERNAL', 'Internal server error', { cause: err });
}

const CONTEXT: Record<string, string> = { querystring: 'query', params: 'path', body: 'body', headers: 'headers' };

/** A schema validation failure (a route's declared params, querystring or body), worded as parseInput does. */
function validationError(err: FastifyError): AppError {
  const what = CONTEXT[err.validationContext ?? ''] ?? 'request';
  const issues = (err.validation ?? []).map((v) => ({
    path: (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.'),
    message: v.message ?? 'is invalid',
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new AppError('VALIDATION_FAILED', `Invalid ${what}: ${summary || err.message}`, {
    cause: err,
    details: { issues },
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(err);
    if (appError.status >= 500) request.log.error({ err, code: appError.code }, 'request failed');
    else
      request.log.info({ code: appError.code, status: appError.status, reason: appError.message }, 'request rejected');
    if (appError.headers) reply.headers(appError.headers);
    reply.status(appError.status).type('application/json; charset=utf-8').send(appError.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const e = new AppError('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
    reply.status(404).send(e.toBody());
  });
}
