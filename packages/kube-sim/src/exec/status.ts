/** Kubernetes metav1.Status bodies, as the API server writes them for errors. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: Record<string, unknown>;
  code: number;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  500: 'InternalError',
};

export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
};

export class KubeStatusError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: number, message: string, reason?: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.reason = reason ?? REASONS[code] ?? 'Unknown';
    this.details = details;
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) body.details = this.details;
    return body;
  }
}

export function badRequest(message: string): KubeStatusError {
  return new KubeStatusError(400, message);
}

export function podNotFound(name: string): KubeStatusError {
  return new KubeStatusError(404, `pods "${name}" not found`, 'NotFound', { name, kind: 'pods' });
}
