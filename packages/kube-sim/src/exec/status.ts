/**
 * Errors of exec and logs as the API server writes them: the store's StoreError, the one Status error
 * type of kube-sim (its toStatus() is the metav1.Status body).
 */
import { StoreError } from '../store/errors.js';

export function badRequest(message: string): StoreError {
  return new StoreError(400, 'BadRequest', message);
}

export function podNotFound(name: string): StoreError {
  return new StoreError(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' });
}

/** A StoreError as it is, anything else as a 500 InternalError. */
export function toStatusError(err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  return new StoreError(500, 'InternalError', err instanceof Error ? err.message : String(err));
}
