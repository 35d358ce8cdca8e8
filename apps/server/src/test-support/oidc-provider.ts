import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider, { type ClientMetadata, type Configuration } from 'oidc-provider';

/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1 and a random port, for SSO tests.
 * Interactions are answered at once: the login prompt signs in `nextLogin.account` (or denies the sign-in
 * when `nextLogin.deny`), consent is granted. Accounts' claims can be changed between logins.
 */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Another client registered with the same redirect URIs. */
  otherClientId: string;
  accounts: Map<string, TestAccount>;
  nextLogin: { account: string; deny?: boolean };
  /** Rewrites (and re-signs with the provider's own key) the next ID tokens the token endpoint returns. */
  tamperIdToken: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined;
  close(): Promise<void>;
}

export async function startTestOidcProvider(options: { redirectUris: string[] }): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

  const accounts = new Map<string, TestAccount>();
  const clientId = 'argus';
  const clientSecret = 'argus-client-secret-0123456789abcdef';
  const otherClientId = 'other-app';
  const client = (id: string): ClientMetadata => ({
    client_id: id,
    client_secret: `${id}-client-secret-0123456789abcdef`,
    redirect_uris: options.redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  });

  const configuration: Configuration = {
    clients: [{ ...client(clientId), client_secret: clientSecret }, client(otherClientId)],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
  };
  const provider = new Provider(issuer, configuration);

  const state: TestOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    otherClientId,
    accounts,
    nextLogin: { account: '' },
    tamperIdToken: undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (state.tamperIdToken && ctx.path === '/token' && typeof body?.id_token === 'string') {
      const claims = state.tamperIdToken(decodeJwt(body.id_token) as Record<string, unknown>);
      const signed = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(privateKey);
      ctx.body = { ...body, id_token: signed };
    }
  });

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      const result = state.nextLogin.deny
        ? { error: 'access_denied', error_description: 'The user declined' }
        : { login: { accountId: state.nextLogin.account } };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = details.session?.accountId ?? state.nextLogin.account;
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
  }

  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/'))
      interaction(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    else callback(req, res);
  });
  return state;
}

/** A browser's cookie jar for one host, enough for the provider's session and interaction cookies. */
export function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    store(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair?.indexOf('=') ?? -1;
        if (!pair || eq <= 0) continue;
        const value = pair.slice(eq + 1);
        if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(pair.slice(0, eq));
        else cookies.set(pair.slice(0, eq), value);
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

/**
 * Follows the provider's redirects (authorization → interaction → resume → …) with a fresh browser until
 * it sends the browser to a URL starting with `until`; returns that URL.
 */
export async function followProvider(start: string, until: string, maxHops = 20): Promise<string> {
  const jar = cookieJar();
  let url = start;
  for (let hop = 0; hop < maxHops; hop++) {
    if (url.startsWith(until)) return url;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider answered ${res.status} at ${url}: ${await res.text()}`);
    await res.arrayBuffer();
    url = new URL(location, url).href;
  }
  throw new Error(`no redirect to ${until} after ${maxHops} hops`);
}
