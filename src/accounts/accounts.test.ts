import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { auditEvents } from '../audit/schema.ts';
import { user } from './schema.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
});
afterAll(() => platform.close());

let nextIp = 10;
/** Each test signs in from its own address, so throttling in one does not spill into another. */
const freshIp = () => `198.51.100.${nextIp++}`;

async function signIn(email: string, password = testPassword, ip = freshIp()) {
  const response = await platform.postForm('/sign-in', { email, password, returnTo: '/account' }, {}, ip);
  return { response, cookie: cookiesFrom(response) };
}

const totpCode = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate();

describe('signing in with e-mail and password', () => {
  it('shows the sign-in form to a visitor and sends them there from a private page', async () => {
    const form = await platform.get('/sign-in');
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<form method="post" action="/sign-in"');
    expect(html).toContain('autocomplete="current-password"');
    const account = await platform.get('/account');
    expect(account.status).toBe(303);
    expect(account.headers.get('Location')).toBe('/sign-in?returnTo=%2Faccount');
  });

  it('signs a Member State focal point in, with a safe session cookie, and shows who they are', async () => {
    const { response, cookie } = await signIn('kenya@demo.example');
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/account');
    const sessionCookie = response.headers.getSetCookie().find((c) => c.startsWith('ccp.session_token='));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    const text = textOf(await (await platform.get('/account', { Cookie: cookie })).text());
    expect(text).toContain('Wanjiru Focal Point (demo, Kenya)');
    expect(text).toContain('Role Member State focal point Belongs to Kenya');
    expect(text).toContain('Sign out');
  });

  it('gives the same answer for an unknown address and a wrong password, and keeps the address typed', async () => {
    const unknown = await signIn('nobody@demo.example', 'whatever-password-1');
    const wrong = await signIn('kenya@demo.example', 'not-the-password-1');
    expect(unknown.response.status).toBe(401);
    expect(wrong.response.status).toBe(401);
    const unknownText = textOf(await unknown.response.text());
    const wrongHtml = await wrong.response.text();
    expect(unknownText).toContain('The e-mail address or the password is not right');
    expect(textOf(wrongHtml)).toContain('The e-mail address or the password is not right');
    expect(wrongHtml).toContain('value="kenya@demo.example"');
    expect(wrong.cookie).toBe('');
  });

  it('explains what is missing, in the reader’s language, without losing the address', async () => {
    const response = await platform.postForm(
      '/sign-in',
      { email: 'kenya@demo', password: '' },
      { 'Accept-Language': 'fr' },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(textOf(html)).toContain('Il y a un problème');
    expect(textOf(html)).toContain('Saisissez une adresse électronique');
    expect(textOf(html)).toContain('Saisissez votre mot de passe');
    expect(html).toContain('aria-invalid="true"');
  });

  it('throttles repeated attempts from one address, not from others', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push((await signIn('kenya@demo.example', 'wrong-password-123', ip)).response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const throttled = await signIn('kenya@demo.example', testPassword, ip);
    expect(throttled.response.status).toBe(429);
    expect(textOf(await throttled.response.text())).toContain('Too many attempts. Wait a minute');
    expect((await signIn('kenya@demo.example')).response.status).toBe(303);
  });

  it('records sign-ins and failures in the audit log', async () => {
    await signIn('kenya@demo.example', 'wrong-password-456');
    await signIn('kenya@demo.example');
    const events = await platform.database.db.select().from(auditEvents);
    const actions = events.map((event) => event.action);
    expect(actions).toContain('auth.sign_in_failed');
    expect(actions).toContain('auth.signed_in');
    const failure = events.find((event) => event.action === 'auth.sign_in_failed');
    expect(failure?.details).toMatchObject({ code: 'INVALID_EMAIL_OR_PASSWORD', email: expect.any(String) });
  });
});

describe('what nobody can do through the API', () => {
  it('refuses public sign-up', async () => {
    const response = await platform.app.request(`http://localhost:3000/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:3000' },
      body: JSON.stringify({ email: 'me@example.org', password: 'a-long-enough-password', name: 'Me' }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await platform.database.db.select().from(user).where(eq(user.email, 'me@example.org'))).toEqual(
      [],
    );
  });

  it('refuses a user setting their own role or entity', async () => {
    const { cookie } = await signIn('kenya@demo.example');
    const response = await platform.app.request(`http://localhost:3000/api/auth/update-user`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:3000', Cookie: cookie },
      body: JSON.stringify({ role: 'secretariat_admin' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'FIELD_NOT_ALLOWED' });
    const [kenya] = await platform.database.db
      .select()
      .from(user)
      .where(eq(user.email, 'kenya@demo.example'));
    expect(kenya?.role).toBe('member_state_focal_point');
  });

  it('refuses a breached or too short new password with a stable code', async () => {
    const { cookie } = await signIn('kenya@demo.example');
    const change = (newPassword: string) =>
      platform.app.request(`http://localhost:3000/api/auth/change-password`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:3000', Cookie: cookie },
        body: JSON.stringify({ currentPassword: testPassword, newPassword }),
      });
    const breached = await change('password1234');
    expect(breached.status).toBe(400);
    expect(await breached.json()).toMatchObject({ code: 'PASSWORD_COMPROMISED' });
    const short = await change('short');
    expect(await short.json()).toMatchObject({ code: 'PASSWORD_TOO_SHORT' });
  });
});

describe('sessions', () => {
  it('lists the user’s sessions and signs out another one, which then stops working', async () => {
    const first = await signIn('kenya@demo.example');
    const second = await signIn('kenya@demo.example');
    const page = await (await platform.get('/account/sessions', { Cookie: second.cookie })).text();
    expect((page.match(/data-testid="session-row"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(textOf(page)).toContain('This browser');

    const revoke = await platform.postForm('/account/sessions/revoke-others', {}, { Cookie: second.cookie });
    expect(revoke.status).toBe(303);
    expect((await platform.get('/account', { Cookie: first.cookie })).status).toBe(303);
    expect((await platform.get('/account', { Cookie: second.cookie })).status).toBe(200);
  });

  it('signs out, after which the old cookie is refused', async () => {
    const { cookie } = await signIn('kenya@demo.example');
    const out = await platform.postForm('/sign-out', {}, { Cookie: cookie });
    expect(out.status).toBe(303);
    expect((await platform.get('/account', { Cookie: cookie })).headers.get('Location')).toMatch(
      /^\/sign-in/,
    );
  });
});

describe('two-factor sign-in', () => {
  it('makes the secretariat enrol first, then asks for a code at each sign-in; a backup code works once', async () => {
    const first = await signIn('secretariat@demo.example');
    expect(first.response.status).toBe(303);
    let cookie = first.cookie;
    const elsewhere = await platform.get('/members', { Cookie: cookie });
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('Location')).toBe('/account/two-factor');

    const wrongPassword = await platform.postForm(
      '/account/two-factor',
      { password: 'not-my-password' },
      { Cookie: cookie },
    );
    expect(wrongPassword.status).toBe(401);
    const enrol = await platform.postForm(
      '/account/two-factor',
      { password: testPassword },
      { Cookie: cookie },
    );
    const enrolHtml = await enrol.text();
    const secret = enrolHtml.match(/data-testid="totp-secret">([A-Z2-7]+)</)?.[1] as string;
    const backupCodes = [
      ...(enrolHtml.match(/data-testid="backup-codes">([\s\S]*?)<\/ul>/)?.[1] ?? '').matchAll(
        /<li>([^<]+)<\/li>/g,
      ),
    ].map((match) => match[1] as string);
    expect(secret).toBeTruthy();
    expect(backupCodes.length).toBeGreaterThanOrEqual(8);

    const confirm = await platform.postForm(
      '/account/two-factor/confirm',
      { code: totpCode(secret) },
      { Cookie: cookie },
    );
    expect(confirm.status).toBe(303);
    cookie = cookiesFrom(confirm, cookie);
    expect((await platform.get('/members', { Cookie: cookie })).status).toBe(200);

    const again = await signIn('secretariat@demo.example');
    expect(again.response.headers.get('Location')).toBe('/sign-in/two-factor?returnTo=%2Faccount');
    expect(again.cookie).not.toContain('ccp.session_token');
    const wrongCode = await platform.postForm(
      '/sign-in/two-factor',
      { code: '000000' },
      { Cookie: again.cookie },
    );
    expect(wrongCode.status).toBe(401);
    const withCode = await platform.postForm(
      '/sign-in/two-factor',
      { code: totpCode(secret), returnTo: '/account' },
      { Cookie: again.cookie },
    );
    expect(withCode.status).toBe(303);
    const signedIn = cookiesFrom(withCode, again.cookie);
    expect(textOf(await (await platform.get('/account', { Cookie: signedIn })).text())).toContain(
      'Two-factor sign-in On',
    );

    const viaBackup = await signIn('secretariat@demo.example');
    const backupUse = await platform.postForm(
      '/sign-in/backup-code',
      { backupCode: backupCodes[0] as string },
      { Cookie: viaBackup.cookie },
    );
    expect(backupUse.status).toBe(303);
    const reuse = await signIn('secretariat@demo.example');
    const backupReuse = await platform.postForm(
      '/sign-in/backup-code',
      { backupCode: backupCodes[0] as string },
      { Cookie: reuse.cookie },
    );
    expect(backupReuse.status).toBe(401);
    expect(textOf(await backupReuse.text())).toContain(
      'That backup code is not right or has already been used',
    );
  });
});

describe('password reset by e-mail', () => {
  const resetLink = async (to: string) => {
    for (const name of (await platform.outbox.list()).reverse()) {
      const body = (await platform.outbox.read(name))
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      if (body.includes(`To: ${to}`))
        return body.match(/http:\/\/localhost:3000(\/reset-password\?token=[\w%-]+)/)?.[1];
    }
    return undefined;
  };

  it('answers the same for any address, and e-mails a single-use link only to an account’s address', async () => {
    const before = (await platform.outbox.list()).length;
    const unknown = await platform.postForm(
      '/forgot-password',
      { email: 'nobody@demo.example' },
      {},
      freshIp(),
    );
    const known = await platform.postForm(
      '/forgot-password',
      { email: 'interpol@demo.example' },
      {},
      freshIp(),
    );
    const sentText = 'If an account uses that address, an e-mail with a link is on its way.';
    expect(textOf(await unknown.text())).toContain(sentText);
    expect(textOf(await known.text())).toContain(sentText);
    expect((await platform.outbox.list()).length).toBe(before + 1);

    const old = await signIn('interpol@demo.example');
    const link = (await resetLink('interpol@demo.example')) as string;
    expect(link).toBeTruthy();
    const token = decodeURIComponent(new URL(link, 'http://x').searchParams.get('token') as string);
    expect(textOf(await (await platform.get(link)).text())).toContain('Choose a new password');

    const breached = await platform.postForm('/reset-password', { token, password: 'password1234' });
    expect(breached.status).toBe(400);
    expect(textOf(await breached.text())).toContain('breached');
    const done = await platform.postForm('/reset-password', {
      token,
      password: 'a brand new long passphrase',
    });
    expect(textOf(await done.text())).toContain('Your password has been changed');

    expect((await platform.get('/account', { Cookie: old.cookie })).status).toBe(303);
    expect((await signIn('interpol@demo.example')).response.status).toBe(401);
    expect((await signIn('interpol@demo.example', 'a brand new long passphrase')).response.status).toBe(303);
    const reuse = await platform.postForm('/reset-password', {
      token,
      password: 'yet another long passphrase',
    });
    expect(textOf(await reuse.text())).toContain('This link is not valid or has expired.');
  });
});
