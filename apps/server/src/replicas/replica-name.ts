/** A name for this server process in leases and agent routes: unique per start, readable in the database. */
import { randomBytes } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';

export function replicaName(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * The internal URL other replicas reach this one at: REPLICA_URL when set, else POD_IP (the Helm chart sets it
 * from the downward API), else the bound host, else this machine's first non-loopback IPv4 address.
 */
export function replicaUrl(o: {
  replicaUrl?: string | undefined;
  podIp?: string | undefined;
  host: string;
  port: number;
}): string {
  if (o.replicaUrl) return o.replicaUrl.replace(/\/+$/, '');
  const wildcard = o.host === '0.0.0.0' || o.host === '::';
  const host = o.podIp ?? (wildcard ? firstAddress() : o.host);
  return `http://${host.includes(':') ? `[${host}]` : host}:${o.port}`;
}

function firstAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
