import { and, desc, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { cookiesFrom, createTestPlatform, type TestPlatform, testBaseUrl } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { listenIdentityProvider, type TestIdentityProvider } from '../../tests/helpers/identity-provider.ts';
import {
  completeSsoSignIn,
  signInAtProvider,
  signInThroughOrganisation,
  startSsoSignIn,
} from '../../tests/helpers/single-sign-on.ts';
import { auditEvents } from '../audit/schema.ts';
import { entities } from '../directory/schema.ts';
import { account, user } from './schema.ts';
import { ssoCallbackUrl } from './sso.ts';
import { ssoProvider } from './sso-schema.ts';

let idp: TestIdentityProvider;
let platform: TestPlatform;
let secretariat: string;
const entityIds = new Map<string, string>();

beforeAll(async () => {
  idp = await listenIdentityProvider();
  idp.start([ssoCallbackUrl(testBaseUrl, 'oidc-interpol'), ssoCallbackUrl(testBaseUrl, 'oidc-unodc')]);
  platform = await createTestPlatform({ accounts: true, env: { OIDC_TRUSTED_ORIGINS: idp.issuer } });
  for (const row of await platform.database.db
    .select({ id: entities.id, slug: entities.slug })
    .from(entities)) {
    entityIds.set(row.slug, row.id);
  }
  secretariat = await signInEnrolled(platform, 'secretariat@demo.example', '198.51.100.1');
  for (const slug of ['interpol', 'unodc']) {
    const saved = await platform.postForm(
      '/admin/sso',
      {
        entityId: entityIds.get(slug) as string,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
      },
      { Cookie: secretariat },
    );
    expect(saved.status, await saved.clone().text()).toBe(303);
  }
}, 60_000);
afterAll(async () => {
  await platform?.close();
  await idp?.close();
});

const db = () => platform.database.db;
const usersAt = (email: string) => db().select().from(user).where(eq(user.email, email));
const identity = (providerId: string, subject: string) =>
  db()
    .select()
    .from(account)
    .where(and(eq(account.providerId, providerId), eq(account.accountId, subject)));

describe('single sign-on through an entity’s OpenID provider', () => {
  it('creates a member of the entity at the first sign-in, and finds the same account by subject after the address changed', async () => {
    idp.people.set('ana-1', { email: 'ana@interpol.demo.example', name: 'Ana Ibarra' });
    const first = await signInThroughOrganisation(platform, idp, 'ana@interpol.demo.example', 'ana-1');
    expect(first.response.status).toBe(302);
    expect(first.response.headers.get('location')).toBe(`${testBaseUrl}/account`);
    const [created] = await usersAt('ana@interpol.demo.example');
    expect(created).toMatchObject({ role: 'entity_member', entityId: entityIds.get('interpol') });
    expect(await identity('oidc-interpol', 'ana-1')).toHaveLength(1);
    const page = await (await platform.get('/account', { Cookie: first.cookie })).text();
    expect(textOf(page)).toContain('Ana Ibarra');
    expect(textOf(page)).toContain('International Criminal Police Organization');

    idp.people.set('ana-1', { email: 'ana.ibarra@interpol.demo.example', name: 'Ana Ibarra' });
    const again = await signInThroughOrganisation(platform, idp, 'ana.ibarra@interpol.demo.example', 'ana-1');
    expect(again.response.status).toBe(302);
    const account2 = await (await platform.get('/account', { Cookie: again.cookie })).text();
    expect(textOf(account2)).toContain('ana@interpol.demo.example');
    expect(await usersAt('ana.ibarra@interpol.demo.example')).toHaveLength(0);
    const signIns = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.signed_in'), eq(auditEvents.subjectId, created?.id ?? '')));
    expect(signIns).toHaveLength(2);
  });
});

const refusalOf = async (response: Response) => {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') as string);
  expect(location.pathname).toBe('/sign-in/sso/failed');
  expect(response.headers.getSetCookie().some((cookie) => /^ccp\.session_token=[^;]+/.test(cookie))).toBe(
    false,
  );
  return location.searchParams.get('error');
};

describe('the sign-in page', () => {
  it('lets its forms end at the enabled providers only, and no other page does', async () => {
    const formAction = (response: Response) =>
      response.headers
        .get('Content-Security-Policy')
        ?.match(/form-action ([^;]*)/)?.[1]
        ?.trim();
    expect(formAction(await platform.get('/sign-in'))).toBe(`'self' ${idp.issuer}`);
    expect(formAction(await platform.get('/members'))).toBe("'self'");
  });
});

describe('what single sign-on refuses', () => {
  it('creates no account for an address outside the entity’s domains, and says why', async () => {
    idp.people.set('out-1', { email: 'bob@mail.example', name: 'Bob' });
    const { response } = await signInThroughOrganisation(platform, idp, 'x@interpol.demo.example', 'out-1');
    expect(await refusalOf(response)).toBe('SSO_DOMAIN_NOT_ALLOWED');
    expect(await usersAt('bob@mail.example')).toHaveLength(0);
    expect(await identity('oidc-interpol', 'out-1')).toHaveLength(0);
    const page = await platform.get(
      new URL(response.headers.get('location') as string).pathname +
        new URL(response.headers.get('location') as string).search,
    );
    expect(page.status).toBe(403);
    expect(textOf(await page.text())).toContain('not at one of your entity');
  });

  it('never hands an existing account to another subject that has its address', async () => {
    idp.people.set('ana-1', { email: 'ana@interpol.demo.example', name: 'Ana Ibarra' });
    await signInThroughOrganisation(platform, idp, 'ana@interpol.demo.example', 'ana-1');
    const [ana] = await usersAt('ana@interpol.demo.example');
    for (const [subject, email] of [
      ['impostor-1', 'ana@interpol.demo.example'],
      ['impostor-2', 'interpol@demo.example'],
    ] as const) {
      idp.people.set(subject, { email, name: 'Impostor' });
      const { response } = await signInThroughOrganisation(platform, idp, 'x@interpol.demo.example', subject);
      expect(await refusalOf(response)).toBe('account not linked');
      expect(await identity('oidc-interpol', subject)).toHaveLength(0);
    }
    const accounts = await db()
      .select()
      .from(account)
      .where(eq(account.userId, ana?.id ?? ''));
    expect(accounts.map((row) => row.accountId)).toEqual(['ana-1']);
    const page = await platform.get('/sign-in/sso/failed?error=account+not+linked');
    expect(textOf(await page.text())).toContain('already exists');
  });

  it.each([
    ['forged', 'signed with a key the provider does not publish'],
    ['tampered', 'changed after signing'],
    ['audience', 'issued for another client'],
  ] as const)('refuses an ID token %s (%s)', async (how, _why) => {
    idp.people.set(`victim-${how}`, { email: `victim-${how}@interpol.demo.example`, name: 'Victim' });
    idp.tamper = how;
    try {
      const { response } = await signInThroughOrganisation(
        platform,
        idp,
        'x@interpol.demo.example',
        `victim-${how}`,
      );
      expect(await refusalOf(response)).toBe('invalid_provider');
    } finally {
      idp.tamper = null;
    }
    expect(await usersAt(`victim-${how}@interpol.demo.example`)).toHaveLength(0);
    expect(await identity('oidc-interpol', 'someone-else')).toHaveLength(0);
    const [failure] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'auth.sign_in_failed'))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(failure?.details).toMatchObject({ providerId: 'oidc-interpol', code: 'invalid_provider' });
  });

  it('refuses an authorization code used a second time, with its own state or another', async () => {
    idp.people.set('replay-1', { email: 'replay@interpol.demo.example', name: 'Replay' });
    const first = await startSsoSignIn(platform, 'replay@interpol.demo.example');
    const callback = await signInAtProvider(idp, first.authorizeUrl, 'replay-1');
    expect((await completeSsoSignIn(platform, callback, first.cookie)).headers.get('location')).toBe(
      `${testBaseUrl}/account`,
    );
    // The same answer again: its state was spent with the first use.
    expect(await refusalOf(await completeSsoSignIn(platform, callback, first.cookie))).toBe('state_mismatch');
    // The same code under a fresh, valid state: the provider refuses to redeem it twice.
    const second = await startSsoSignIn(platform, 'replay@interpol.demo.example');
    const code = new URL(callback).searchParams.get('code') as string;
    const state = new URL(second.authorizeUrl).searchParams.get('state') as string;
    const replayed = `${ssoCallbackUrl(testBaseUrl, 'oidc-interpol')}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`;
    expect(await refusalOf(await completeSsoSignIn(platform, replayed, second.cookie))).toBe(
      'invalid_provider',
    );
  });

  it('refuses an answer delivered to a browser that did not start that sign-in (state and CSRF)', async () => {
    idp.people.set('csrf-1', { email: 'csrf@interpol.demo.example', name: 'Csrf' });
    const victim = await startSsoSignIn(platform, 'csrf@interpol.demo.example');
    const attacker = await startSsoSignIn(platform, 'csrf@interpol.demo.example');
    const attackersAnswer = await signInAtProvider(idp, attacker.authorizeUrl, 'csrf-1');
    // Better Auth names both a foreign and a missing state cookie `state_mismatch`.
    expect(await refusalOf(await completeSsoSignIn(platform, attackersAnswer, victim.cookie))).toBe(
      'state_mismatch',
    );
    expect(await refusalOf(await completeSsoSignIn(platform, attackersAnswer, ''))).toBe('state_mismatch');
    const forgedState = attackersAnswer.replace(/state=[^&]+/, 'state=made-up');
    expect(await refusalOf(await completeSsoSignIn(platform, forgedState, attacker.cookie))).toBe(
      'state_mismatch',
    );
  });

  it('stops a provider the secretariat turned off, even mid-way, and lets it work again when turned on', async () => {
    idp.people.set('off-1', { email: 'off@interpol.demo.example', name: 'Off' });
    const started = await startSsoSignIn(platform, 'off@interpol.demo.example');
    const turnedOff = await platform.postForm(
      '/admin/sso/oidc-interpol/disable',
      {},
      { Cookie: secretariat },
    );
    expect(turnedOff.status).toBe(303);
    try {
      const callback = await signInAtProvider(idp, started.authorizeUrl, 'off-1');
      expect(await refusalOf(await completeSsoSignIn(platform, callback, started.cookie))).toBe(
        'SSO_PROVIDER_DISABLED',
      );
      const form = await platform.postForm('/sign-in/sso', { ssoEmail: 'off@interpol.demo.example' });
      expect(form.status).toBe(400);
      expect(textOf(await form.text())).toContain('No organisation signs in with this address');
    } finally {
      await platform.postForm('/admin/sso/oidc-interpol/enable', {}, { Cookie: secretariat });
    }
    const { response } = await signInThroughOrganisation(platform, idp, 'off@interpol.demo.example', 'off-1');
    expect(response.headers.get('location')).toBe(`${testBaseUrl}/account`);
  });

  it('never lets a person who signs in through their organisation set a password here', async () => {
    idp.people.set('nopass-1', { email: 'nopass@interpol.demo.example', name: 'No Password' });
    await signInThroughOrganisation(platform, idp, 'nopass@interpol.demo.example', 'nopass-1');
    const before = (await platform.outbox.list()).length;
    await platform.postForm(
      '/forgot-password',
      { email: 'nopass@interpol.demo.example' },
      {},
      '198.51.100.9',
    );
    expect((await platform.outbox.list()).length).toBe(before);
  });
});

describe('single sign-on and two-factor', () => {
  it('makes a person of an entity that needs two-factor enrol without a password, then asks for a code after each sign-in', async () => {
    idp.people.set('zoe-1', { email: 'zoe@unodc.demo.example', name: 'Zoe Unodc' });
    const first = await signInThroughOrganisation(platform, idp, 'zoe@unodc.demo.example', 'zoe-1');
    expect(first.response.headers.get('location')).toBe(`${testBaseUrl}/account`);
    const held = await platform.get('/account', { Cookie: first.cookie });
    expect(held.headers.get('location')).toBe('/account/two-factor');
    const enrolForm = await (await platform.get('/account/two-factor', { Cookie: first.cookie })).text();
    expect(enrolForm).not.toContain('name="password"');
    const enrol = await (await platform.postForm('/account/two-factor', {}, { Cookie: first.cookie })).text();
    const secret = enrol.match(/data-testid="totp-secret">([A-Z2-7]+)</)?.[1] as string;
    expect(secret).toBeTruthy();
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    const confirmed = await platform.postForm(
      '/account/two-factor/confirm',
      { code: totp.generate() },
      { Cookie: first.cookie },
    );
    expect(confirmed.headers.get('location')).toBe('/account');

    const again = await signInThroughOrganisation(platform, idp, 'zoe@unodc.demo.example', 'zoe-1');
    expect(again.response.headers.get('location')).toBe(
      `${testBaseUrl}/sign-in/two-factor?returnTo=%2Faccount`,
    );
    expect(again.cookie).not.toMatch(/ccp\.session_token=/);
    expect((await platform.get('/account', { Cookie: again.cookie })).headers.get('location')).toMatch(
      /^\/sign-in/,
    );
    const second = await platform.postForm(
      '/sign-in/two-factor',
      { code: totp.generate(), returnTo: '/account' },
      { Cookie: again.cookie },
    );
    expect(second.headers.get('location')).toBe('/account');
    const page = await platform.get('/account', { Cookie: cookiesFrom(second, again.cookie) });
    expect(page.status).toBe(200);
  });
});

describe('the secretariat’s single sign-on page', () => {
  it('lists providers with their callback address and never shows a client secret', async () => {
    const html = await (await platform.get('/admin/sso', { Cookie: secretariat })).text();
    expect((html.match(/data-testid="sso-provider-row"/g) ?? []).length).toBe(2);
    expect(html).toContain(ssoCallbackUrl(testBaseUrl, 'oidc-interpol'));
    expect(html).not.toContain(idp.clientSecret);
    const audited = await db().select().from(auditEvents).where(eq(auditEvents.action, 'sso.provider_added'));
    expect(audited).toHaveLength(2);
    expect(JSON.stringify(audited)).not.toContain(idp.clientSecret);
    const [stored] = await db().select().from(ssoProvider).where(eq(ssoProvider.providerId, 'oidc-unodc'));
    expect(stored?.entityId).toBe(entityIds.get('unodc'));
  });

  it('explains each problem in the reader’s language and keeps what was typed, except the secret', async () => {
    const response = await platform.postForm(
      '/admin/sso',
      { entityId: '', issuer: 'not an address', clientId: 'kept-client', clientSecret: 'typed secret' },
      { Cookie: secretariat, 'Accept-Language': 'fr' },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(textOf(html)).toContain('Choisissez l’entité'.replace('’', "'"));
    expect(textOf(html)).toContain('commençant par https://');
    expect(html).toContain('value="kept-client"');
    expect(html).not.toContain('typed secret');
  });

  it('refuses a new issuer for an entity whose people are known by the old one, and an unreachable provider', async () => {
    const changed = await platform.postForm(
      '/admin/sso',
      {
        entityId: entityIds.get('interpol') as string,
        issuer: 'https://login.example.org',
        clientId: 'x',
        clientSecret: 'y',
      },
      { Cookie: secretariat },
    );
    expect(changed.status).toBe(400);
    expect(textOf(await changed.text())).toContain('cannot change');
    const privateAddress = await platform.postForm(
      '/admin/sso',
      {
        entityId: entityIds.get('cted') as string,
        issuer: 'http://10.1.2.3:8080',
        clientId: 'x',
        clientSecret: 'y',
      },
      { Cookie: secretariat },
    );
    expect(textOf(await privateAddress.text())).toContain('OIDC_TRUSTED_ORIGINS');
    const noDiscovery = await platform.postForm(
      '/admin/sso',
      {
        entityId: entityIds.get('cted') as string,
        issuer: `${idp.issuer}/nowhere`,
        clientId: 'x',
        clientSecret: 'y',
      },
      { Cookie: secretariat },
    );
    expect(noDiscovery.status).toBe(400);
    expect(textOf(await noDiscovery.text())).toContain('could not be read at this issuer');
    expect(
      await db()
        .select()
        .from(ssoProvider)
        .where(eq(ssoProvider.entityId, entityIds.get('cted') as string)),
    ).toEqual([]);
  });

  it('is the secretariat’s only, by page and by API', async () => {
    const kenya = cookiesFrom(
      await platform.postForm(
        '/sign-in',
        { email: 'kenya@demo.example', password: 'correct horse battery staple 2022' },
        {},
        '198.51.100.20',
      ),
    );
    expect(kenya).toMatch(/ccp\.session_token=/);
    expect((await platform.get('/admin/sso', { Cookie: kenya })).status).toBe(403);
    expect((await platform.get('/admin/sso')).headers.get('location')).toBe(
      '/sign-in?returnTo=%2Fadmin%2Fsso',
    );
    const attempt = await platform.postForm(
      '/admin/sso',
      { entityId: entityIds.get('cted') as string, issuer: idp.issuer, clientId: 'x', clientSecret: 'y' },
      { Cookie: kenya },
    );
    expect(attempt.status).toBe(403);
    expect((await platform.postForm('/admin/sso/oidc-interpol/disable', {}, { Cookie: kenya })).status).toBe(
      403,
    );
    const json = { 'Content-Type': 'application/json', Origin: testBaseUrl, Cookie: kenya };
    for (const path of [
      '/api/auth/sso/register',
      '/api/auth/sso/update-provider',
      '/api/auth/sso/delete-provider',
    ]) {
      const response = await platform.app.request(`${testBaseUrl}${path}`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ providerId: 'oidc-cted', issuer: idp.issuer, domain: 'cted.demo.example' }),
      });
      expect(response.status, path).toBe(404);
    }
    for (const path of [
      '/api/auth/sso/providers',
      '/api/auth/sso/saml2/sp/metadata?providerId=oidc-interpol',
    ]) {
      expect((await platform.get(path, { Cookie: kenya })).status, path).toBe(404);
    }
    expect(
      await db()
        .select()
        .from(ssoProvider)
        .where(eq(ssoProvider.entityId, entityIds.get('cted') as string)),
    ).toEqual([]);
    const [interpol] = await db()
      .select()
      .from(ssoProvider)
      .where(eq(ssoProvider.providerId, 'oidc-interpol'));
    expect(interpol?.disabledAt).toBeNull();
  });
});
