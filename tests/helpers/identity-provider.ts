import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (`oidc-provider`) on a random local port, for single sign-on tests (ADR 0019).
 * Its sign-in page is a one-field form (who you are, among `people`); consent is implied. `tamper`
 * makes its token endpoint hand out a bad ID token, the way an attacker in the middle would.
 */
export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who can sign in, by subject. Change an e-mail between sign-ins to test matching by subject. */
  people: Map<string, { email: string; name: string }>;
  /** forged: signed with a key the provider does not publish; tampered: payload changed after signing;
   * audience: signed by the provider, for another client. */
  tamper: 'forged' | 'tampered' | 'audience' | null;
  /** Registers the platform's callbacks and starts answering (the platform's address comes second). */
  start(redirectUris: string[]): void;
  close(): Promise<void>;
}

const readForm = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char,
  );

export async function listenIdentityProvider(): Promise<TestIdentityProvider> {
  let provider: Provider | null = null;
  const server = createServer((req, res) => {
    if (!provider) {
      res.writeHead(503).end();
      return;
    }
    handle(provider, req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const attacker = (await generateKeyPair('RS256')).privateKey;

  const idp: TestIdentityProvider = {
    issuer,
    clientId: 'compact-platform',
    clientSecret: 'a client secret of the test provider, long enough',
    people: new Map(),
    tamper: null,
    start(redirectUris) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: idp.clientId,
            client_secret: idp.clientSecret,
            redirect_uris: redirectUris,
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        jwks: { keys: [signingKey] },
        cookies: { keys: ['test identity provider cookie key'] },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        // Consent is implied: the platform is the organisation's own client.
        async loadExistingGrant(ctx) {
          const accountId = ctx.oidc.session?.accountId;
          const clientId = ctx.oidc.client?.clientId;
          if (!accountId || !clientId) return undefined;
          const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
        async findAccount(_ctx, sub) {
          const person = idp.people.get(sub);
          if (!person) return undefined;
          return {
            accountId: sub,
            claims: async () => ({ sub, email: person.email, email_verified: true, name: person.name }),
          };
        },
      });
      provider.use(async (ctx, next) => {
        await next();
        const body = ctx.body as { id_token?: string } | undefined;
        if (ctx.path === '/token' && idp.tamper && body?.id_token) {
          ctx.body = { ...body, id_token: await tamperWith(body.id_token, idp.tamper) };
        }
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function tamperWith(token: string, how: 'forged' | 'tampered' | 'audience') {
    const claims = decodeJwt(token);
    const header = decodeProtectedHeader(token);
    if (how === 'tampered') {
      const [head, , signature] = token.split('.');
      const payload = base64url.encode(JSON.stringify({ ...claims, sub: 'someone-else' }));
      return `${head}.${payload}.${signature}`;
    }
    const key = how === 'forged' ? attacker : privateKey;
    const payload = how === 'audience' ? { ...claims, aud: 'another-client' } : claims;
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: header.kid ?? 'test-key' }).sign(key);
  }

  async function handle(provider: Provider, req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', issuer);
    const login = url.pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!login) return provider.callback()(req, res);
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST' && login[2]) {
      const who = (await readForm(req)).get('login') ?? '';
      if (!idp.people.has(who)) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown person');
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: who } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><title>Test organisation sign-in</title></head><body><main>
<h1>Test organisation sign-in</h1>
<form method="post" action="/interaction/${escapeHtml(details.uid)}/login">
<label for="login">Your identifier</label> <input id="login" name="login" autocomplete="off">
<button type="submit">Sign in at the organisation</button>
</form></main></body></html>`);
  }

  return idp;
}
