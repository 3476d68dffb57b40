import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
});
afterAll(() => platform.close());

const signIn = async (ip: string) =>
  cookiesFrom(
    await platform.postForm('/sign-in', { email: 'kenya@demo.example', password: testPassword }, {}, ip),
  );
const account = (cookie: string) => platform.get('/account', { Cookie: cookie });

describe('trusting a checked session for a minute (ADR 0015 addendum)', () => {
  it('never lets a planted second session cookie become the key of the real session', async () => {
    const cookie = await signIn('203.0.113.60');
    expect((await account(cookie)).status).toBe(200);
    for (const planted of ['ccp.session_token=planted-value', '__Host-ccp.session_token=planted-value']) {
      expect((await account(`${planted}; ${cookie}`)).status).toBeLessThan(500);
      const alone = await account(planted);
      expect(alone.status).toBe(303);
      expect(alone.headers.get('location')).toContain('/sign-in');
    }
  });

  it('refuses a session on the very next request once it is signed out', async () => {
    const cookie = await signIn('203.0.113.61');
    expect((await account(cookie)).status).toBe(200);
    expect((await account(cookie)).status).toBe(200);
    const out = await platform.postForm('/sign-out', {}, { Cookie: cookie });
    expect(out.status).toBeLessThan(400);
    const after = await account(cookie);
    expect(after.status).toBe(303);
  });
});
