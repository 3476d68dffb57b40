import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { user } from '../../src/accounts/schema.ts';
import { ssoCallbackUrl } from '../../src/accounts/sso.ts';
import { configureSsoProvider } from '../../src/accounts/sso-providers.ts';
import { entities } from '../../src/directory/schema.ts';
import { listenIdentityProvider, type TestIdentityProvider } from '../helpers/identity-provider.ts';
import {
  type BrowserFixture,
  expectNoSeriousViolations,
  freeAddress,
  startBrowserFixture,
} from './browser.ts';

let idp: TestIdentityProvider;
let fixture: BrowserFixture;

beforeAll(async () => {
  idp = await listenIdentityProvider();
  const addressed = await freeAddress();
  idp.start([ssoCallbackUrl(addressed.url, 'oidc-interpol')]);
  fixture = await startBrowserFixture({
    accounts: true,
    env: { OIDC_TRUSTED_ORIGINS: idp.issuer },
    addressed,
  });
  const { db } = fixture.platform.database;
  const [interpol] = await db.select().from(entities).where(eq(entities.slug, 'interpol'));
  const [secretariat] = await db.select().from(user).where(eq(user.email, 'secretariat@demo.example'));
  await configureSsoProvider({ db, trustedOrigins: [idp.issuer] }, secretariat?.id as string, {
    entityId: interpol?.id as string,
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
  });
  idp.people.set('ana-1', { email: 'ana@interpol.demo.example', name: 'Ana Ibarra' });
  idp.people.set('bob-1', { email: 'bob@mail.example', name: 'Bob Outsider' });
}, 60_000);
afterAll(async () => {
  await fixture?.close();
  await idp?.close();
});

const heading = (page: import('playwright-core').Page) => page.locator('h1').textContent();

describe('a member of an entity signs in through their organisation', () => {
  it('goes from the sign-in page to the organisation and back, with an account in the entity', async () => {
    const context = await fixture.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${fixture.baseUrl}/sign-in?returnTo=%2Faccount`);
    await expectNoSeriousViolations(page);

    await page.getByLabel('Your work e-mail').fill('ana@interpol.demo.example');
    await page.getByRole('button', { name: 'Continue with your organisation' }).click();
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Test organisation sign-in');
    await page.getByLabel('Your identifier').fill('ana-1');
    await page.getByRole('button', { name: 'Sign in at the organisation' }).click();

    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Your account');
    const summary = await page.locator('dl.summary').textContent();
    expect(summary).toContain('Ana Ibarra');
    expect(summary).toContain('Entity member');
    expect(summary).toContain('International Criminal Police Organization');
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('The Compact at a glance');
    await context.close();
  });

  it('is told clearly, in French, when the organisation vouches for an address outside the entity', async () => {
    const context = await fixture.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${fixture.baseUrl}/sign-in`);
    await page.locator('#ssoEmail').fill('bob@interpol.demo.example');
    await page.locator('form[action="/sign-in/sso"] button').click();
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Test organisation sign-in');
    await page.getByLabel('Your identifier').fill('bob-1');
    await page.getByRole('button', { name: 'Sign in at the organisation' }).click();

    await expect
      .poll(() => heading(page), { timeout: 15_000 })
      .toBe('La connexion par votre organisation a échoué');
    expect(await page.getByTestId('sso-problem').textContent()).toContain(
      'aucun compte n’a été créé'.replace('’', "'"),
    );
    await expectNoSeriousViolations(page);
    await context.close();
  });
});
