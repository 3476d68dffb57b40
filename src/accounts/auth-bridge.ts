import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { type Auth, clientIpHeader, localeHeader } from './auth.ts';

/**
 * The client's address as the socket reports it. Never read from a header the client controls, so
 * throttling cannot be dodged by inventing one (ADR 0015).
 */
export function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Hands the raw request to Better Auth, with the client address set by us, not by the client. */
export function forwardToAuth(c: Context<AppEnv>, auth: Auth): Promise<Response> {
  const headers = new Headers(c.req.raw.headers);
  headers.set(clientIpHeader, clientAddress(c));
  return auth.handler(new Request(c.req.raw, { headers }));
}

export interface AuthAnswer<T> {
  status: number;
  data: T | null;
  code: string | null;
  setCookies: string[];
}

/**
 * Calls one of Better Auth's endpoints for a form of ours, as the browser would over HTTP, so the same
 * throttling, origin checks, hooks and audit apply to the form and to the API.
 */
export async function callAuth<T = Record<string, unknown>>(
  c: Context<AppEnv>,
  auth: Auth,
  baseUrl: string,
  path: string,
  body?: Record<string, unknown>,
): Promise<AuthAnswer<T>> {
  const headers = new Headers({
    origin: new URL(baseUrl).origin,
    [clientIpHeader]: clientAddress(c),
    [localeHeader]: c.get('locale'),
  });
  const cookie = c.req.header('cookie');
  if (cookie) headers.set('cookie', cookie);
  const userAgent = c.req.header('user-agent');
  if (userAgent) headers.set('user-agent', userAgent);
  if (body) headers.set('content-type', 'application/json');
  const response = await auth.handler(
    new Request(`${baseUrl}/api/auth${path}`, {
      method: body ? 'POST' : 'GET',
      headers,
      body: body ? JSON.stringify(body) : null,
    }),
  );
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  const ok = response.status >= 200 && response.status < 300;
  return {
    status: response.status,
    data: ok ? (parsed as T) : null,
    code: ok ? null : ((parsed as { code?: string } | null)?.code ?? null),
    setCookies: response.headers.getSetCookie(),
  };
}

export function passCookies(c: Context<AppEnv>, setCookies: string[]): void {
  for (const cookie of setCookies) c.header('Set-Cookie', cookie, { append: true });
}
