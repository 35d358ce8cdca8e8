import { badRequest } from '../exec/status.js';

/** The query of `GET …/pods/{name}/log` (PodLogOptions). */
export interface LogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** epoch ms */
  sinceTime?: number;
  limitBytes?: number;
}

const bool = (q: URLSearchParams, name: string): boolean => {
  const v = q.get(name);
  return v === 'true' || v === '1';
};

function int(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`${name}: Invalid value: "${v}": must be an integer`);
  return Number.parseInt(v, 10);
}

/** Parses and validates the options; throws a 400 StoreError as the API server would. */
export function parseLogOptions(query: URLSearchParams): LogOptions {
  const options: LogOptions = {
    follow: bool(query, 'follow'),
    previous: bool(query, 'previous'),
    timestamps: bool(query, 'timestamps'),
  };
  const container = query.get('container');
  if (container) options.container = container;
  const tailLines = int(query, 'tailLines');
  if (tailLines !== undefined) {
    if (tailLines < 0) throw badRequest(`tailLines: Invalid value: ${tailLines}: must be greater than or equal to 0`);
    options.tailLines = tailLines;
  }
  const sinceSeconds = int(query, 'sinceSeconds');
  if (sinceSeconds !== undefined) {
    if (sinceSeconds < 1) throw badRequest(`sinceSeconds: Invalid value: ${sinceSeconds}: must be greater than 0`);
    options.sinceSeconds = sinceSeconds;
  }
  const sinceTime = query.get('sinceTime');
  if (sinceTime) {
    const t = Date.parse(sinceTime);
    if (Number.isNaN(t)) throw badRequest(`sinceTime: Invalid value: "${sinceTime}": must be RFC3339`);
    if (options.sinceSeconds !== undefined) {
      throw badRequest('at most one of `sinceTime` or `sinceSeconds` may be specified');
    }
    options.sinceTime = t;
  }
  const limitBytes = int(query, 'limitBytes');
  if (limitBytes !== undefined) {
    if (limitBytes < 1) throw badRequest(`limitBytes: Invalid value: ${limitBytes}: must be greater than 0`);
    options.limitBytes = limitBytes;
  }
  return options;
}
