/**
 * A proxy ticket: what a browser tab presents (as an HttpOnly cookie scoped to one proxy path) to reach one
 * pod's or Service's port through the API server's proxy subresource. It names the user's session and the one
 * target, is signed with a key derived from JWT_SECRET for this purpose only (so it is never an access token,
 * and an access token is never a ticket), and lives at most as long as PROXY_TICKET_TTL.
 */
import { createHmac } from 'node:crypto';
import { AppError } from '@argus/contracts';
import { jwtVerify, SignJWT } from 'jose';

export interface ProxyTarget {
  clusterId: string;
  kind: 'pods' | 'services';
  namespace: string;
  name: string;
  /** A port number or name (pods: a container port; services: a service port). */
  port: string;
}

export interface ProxyTicketClaims extends ProxyTarget {
  userId: string;
  sessionId: string;
}

const ALG = 'HS256';
const AUDIENCE = 'argus-proxy';

export interface ProxyTickets {
  issue(claims: ProxyTicketClaims, ttlSeconds: number): Promise<string>;
  /** The claims of a valid, unexpired ticket; 401 PROXY_TICKET_INVALID otherwise. */
  verify(ticket: string): Promise<ProxyTicketClaims>;
}

export function createProxyTickets(jwtSecret: string): ProxyTickets {
  const key = createHmac('sha256', jwtSecret).update('argus proxy ticket v1').digest();
  const invalid = (cause?: unknown) =>
    new AppError('PROXY_TICKET_INVALID', 'This proxy link has expired or is not valid: open it again from Argus', {
      cause,
    });
  return {
    issue(c, ttlSeconds) {
      return new SignJWT({ sid: c.sessionId, c: c.clusterId, k: c.kind, ns: c.namespace, n: c.name, p: c.port })
        .setProtectedHeader({ alg: ALG })
        .setSubject(c.userId)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(ticket) {
      try {
        const { payload: p } = await jwtVerify(ticket, key, { algorithms: [ALG], audience: AUDIENCE });
        const kind = p.k === 'pods' || p.k === 'services' ? p.k : undefined;
        const strings = [p.sub, p.sid, p.c, p.ns, p.n, p.p];
        if (!kind || !strings.every((v) => typeof v === 'string' && v.length > 0)) throw invalid();
        return {
          userId: p.sub as string,
          sessionId: p.sid as string,
          clusterId: p.c as string,
          kind,
          namespace: p.ns as string,
          name: p.n as string,
          port: p.p as string,
        };
      } catch (err) {
        throw err instanceof AppError ? err : invalid(err);
      }
    },
  };
}
