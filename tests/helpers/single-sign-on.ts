import { expect } from 'vitest';
import { cookiesFrom, type TestPlatform, testBaseUrl } from './app.ts';
import type { TestIdentityProvider } from './identity-provider.ts';

/**
 * The steps of a single sign-on as a browser takes them, for tests that tamper with one step: the form
 * on /sign-in, the provider's sign-in page, and the callback that comes back to the platform.
 */
let browsers = 0;

export async function startSsoSignIn(platform: TestPlatform, email: string, returnTo = '/account') {
  // Each sign-in from its own address, so the sign-in throttle (ten a minute) does not get in the way.
  browsers += 1;
  const clientIp = `203.0.113.${browsers % 250}`;
  const response = await platform.postForm('/sign-in/sso', { ssoEmail: email, returnTo }, {}, clientIp);
  expect(response.status).toBe(303);
  return { authorizeUrl: response.headers.get('location') as string, cookie: cookiesFrom(response) };
}

/** Signs in at the provider as `subject` and returns the platform callback address it redirects to. */
export async function signInAtProvider(
  idp: TestIdentityProvider,
  authorizeUrl: string,
  subject: string,
): Promise<string> {
  expect(authorizeUrl.startsWith(`${idp.issuer}/`)).toBe(true);
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';')[0] as string;
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  let response = await go(authorizeUrl);
  let location = new URL(response.headers.get('location') as string, idp.issuer).toString();
  const form = await (await go(location)).text();
  const action = form.match(/action="([^"]+)"/)?.[1];
  if (!action) throw new Error(`no sign-in form at the provider: ${form.slice(0, 300)}`);
  response = await go(new URL(action, idp.issuer).toString(), {
    method: 'POST',
    body: new URLSearchParams({ login: subject }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  for (let hop = 0; hop < 10; hop++) {
    location = new URL(response.headers.get('location') as string, idp.issuer).toString();
    if (!location.startsWith(idp.issuer)) return location;
    response = await go(location);
  }
  throw new Error('the provider never sent the browser back');
}

/** Delivers the provider's answer to the platform, as the browser holding `cookie` would. */
export function completeSsoSignIn(platform: TestPlatform, callbackUrl: string, cookie: string) {
  expect(callbackUrl.startsWith(`${testBaseUrl}/api/auth/sso/callback/`)).toBe(true);
  const url = new URL(callbackUrl);
  return platform.get(url.pathname + url.search, cookie ? { Cookie: cookie } : {});
}

/** The whole round trip; returns the platform's last answer and the browser's cookies after it. */
export async function signInThroughOrganisation(
  platform: TestPlatform,
  idp: TestIdentityProvider,
  email: string,
  subject: string,
) {
  const started = await startSsoSignIn(platform, email);
  const callback = await signInAtProvider(idp, started.authorizeUrl, subject);
  const response = await completeSsoSignIn(platform, callback, started.cookie);
  return { response, cookie: cookiesFrom(response, started.cookie), callback };
}
