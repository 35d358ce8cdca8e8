/** Splits an API path into group, version, namespace, resource, name and subresource. */

export interface ResourcePath {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** legacy /watch/ prefix */
  watchPrefix: boolean;
}

export type ParsedPath =
  | { type: 'resource'; path: ResourcePath }
  | { type: 'group-version'; group: string; version: string }
  | { type: 'group'; group: string }
  | { type: 'root-api' }
  | { type: 'root-apis' }
  | { type: 'other'; path: string };

export function parseApiPath(pathname: string): ParsedPath {
  const parts = pathname
    .split('/')
    .filter((p) => p !== '')
    .map((p) => decodeURIComponent(p));
  if (parts[0] === 'api') {
    if (parts.length === 1) return { type: 'root-api' };
    return fromGroupVersion('', parts[1] ?? '', parts.slice(2), pathname);
  }
  if (parts[0] === 'apis') {
    if (parts.length === 1) return { type: 'root-apis' };
    if (parts.length === 2) return { type: 'group', group: parts[1] ?? '' };
    return fromGroupVersion(parts[1] ?? '', parts[2] ?? '', parts.slice(3), pathname);
  }
  return { type: 'other', path: pathname };
}

function fromGroupVersion(group: string, version: string, rest: string[], raw: string): ParsedPath {
  if (rest.length === 0) return { type: 'group-version', group, version };
  let watchPrefix = false;
  let r = rest;
  if (r[0] === 'watch') {
    watchPrefix = true;
    r = r.slice(1);
  }
  if (r.length === 0) return { type: 'other', path: raw };
  if (r[0] === 'namespaces' && r.length === 3 && (r[2] === 'status' || r[2] === 'finalize')) {
    return {
      type: 'resource',
      path: { group, version, resource: 'namespaces', name: r[1] ?? '', subresource: r[2], watchPrefix },
    };
  }
  if (r[0] === 'namespaces' && r.length >= 3) {
    const namespace = r[1] ?? '';
    const path: ResourcePath = { group, version, namespace, resource: r[2] ?? '', watchPrefix };
    if (r[3] !== undefined) path.name = r[3];
    if (r[4] !== undefined) path.subresource = r.slice(4).join('/');
    return { type: 'resource', path };
  }
  const path: ResourcePath = { group, version, resource: r[0] ?? '', watchPrefix };
  if (r[1] !== undefined) path.name = r[1];
  if (r[2] !== undefined) path.subresource = r.slice(2).join('/');
  return { type: 'resource', path };
}
