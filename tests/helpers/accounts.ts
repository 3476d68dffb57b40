import { Secret, TOTP } from 'otpauth';
import { cookiesFrom, type TestPlatform, testPassword } from './app.ts';

/**
 * Signs in a demo account whose role needs two-factor, enrolling it on the way, and returns the session
 * cookie of a fully signed-in user.
 */
export async function signInEnrolled(
  platform: TestPlatform,
  email: string,
  clientIp: string,
): Promise<string> {
  let cookie = cookiesFrom(
    await platform.postForm('/sign-in', { email, password: testPassword }, {}, clientIp),
  );
  const enrol = await (
    await platform.postForm('/account/two-factor', { password: testPassword }, { Cookie: cookie })
  ).text();
  const secret = enrol.match(/data-testid="totp-secret">([A-Z2-7]+)</)?.[1];
  if (!secret) throw new Error(`could not enrol ${email} in two-factor`);
  const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
  const confirm = await platform.postForm('/account/two-factor/confirm', { code }, { Cookie: cookie });
  cookie = cookiesFrom(confirm, cookie);
  return cookie;
}
