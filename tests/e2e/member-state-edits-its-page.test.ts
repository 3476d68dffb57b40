import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCountriesIfEmpty } from '../../src/demo/countries.ts';
import { testPassword } from '../helpers/app.ts';
import { type BrowserFixture, expectNoSeriousViolations, startBrowserFixture } from './browser.ts';

let fixture: BrowserFixture;

beforeAll(async () => {
  fixture = await startBrowserFixture({ accounts: true });
  await loadDemoCountriesIfEmpty(fixture.platform.database.db);
});
afterAll(() => fixture?.close());

describe('a Member State writes its page, the secretariat publishes it, the public reads it', () => {
  it('walks the draft from Kenya’s focal point to the public page, which works without JavaScript', async () => {
    const text = 'County peace committees bring together elders, women and young people (demo).';
    const kenya = await fixture.browser.newContext({ locale: 'en-GB' });
    kenya.setDefaultTimeout(10_000);
    const page = await kenya.newPage();
    await page.goto(`${fixture.baseUrl}/sign-in`);
    await page.getByLabel('E-mail address').fill('kenya@demo.example');
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${fixture.baseUrl}/countries/KEN`);
    await expectNoSeriousViolations(page);
    await page.getByRole('link', { name: 'Edit “Good practices”' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Good practices: Kenya');
    await expectNoSeriousViolations(page);
    await page.getByLabel('Good practices').fill(text);
    await page.getByLabel('Who may read it once published').selectOption('public');
    await page.getByRole('button', { name: 'Save and send to the secretariat' }).click();
    await expect.poll(() => page.locator('.notice[role="status"]').count()).toBe(1);
    expect(await page.getByTestId('draft-good_practices').textContent()).toContain(
      'waiting for the secretariat',
    );
    await kenya.close();

    const visitor = await fixture.browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
    visitor.setDefaultTimeout(10_000);
    const before = await visitor.newPage();
    await before.goto(`${fixture.baseUrl}/countries/KEN`);
    expect(await before.locator('main').textContent()).not.toContain(text);

    const secretariat = await fixture.browser.newContext({ locale: 'en-GB' });
    secretariat.setDefaultTimeout(10_000);
    const admin = await secretariat.newPage();
    await admin.goto(`${fixture.baseUrl}/sign-in`);
    await admin.getByLabel('E-mail address').fill('secretariat@demo.example');
    await admin.getByLabel('Password').fill(testPassword);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => admin.locator('h1').textContent(), { timeout: 15_000 })
      .toBe('Set up two-factor sign-in');
    await admin.getByLabel('Your password').fill(testPassword);
    await admin.getByRole('button', { name: 'Continue' }).click();
    const secret = (await admin.getByTestId('totp-secret').textContent()) as string;
    await admin
      .getByLabel('Code from the app')
      .fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await admin.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await expect.poll(() => admin.locator('h1').textContent(), { timeout: 15_000 }).toBe('Your account');

    await admin.getByRole('link', { name: 'Country pages to review' }).click();
    await expectNoSeriousViolations(admin);
    await admin.getByRole('link', { name: 'Kenya: Good practices' }).click();
    expect(await admin.getByTestId('draft-text').textContent()).toContain(text);
    await expectNoSeriousViolations(admin);
    await admin.getByLabel('Publish the draft').check();
    await admin.getByRole('button', { name: 'Confirm the decision' }).click();
    await expect
      .poll(() => admin.locator('.notice[role="status"]').textContent())
      .toBe('The section is published.');
    await secretariat.close();

    // Without JavaScript: the published section and the map, drawn on the server.
    await before.goto(`${fixture.baseUrl}/countries/KEN`);
    expect(await before.getByTestId('section-good_practices').textContent()).toContain(text);
    await before.goto(`${fixture.baseUrl}/countries?region=Africa`);
    expect(await before.locator('svg.world-map path').count()).toBeGreaterThan(100);
    expect(await before.getByTestId('value-KEN').textContent()).toBe('Strategy adopted');
    await visitor.close();

    // Accessibility of the public pages (axe needs JavaScript to run).
    const reader = await fixture.browser.newContext({ locale: 'en-GB' });
    const checked = await reader.newPage();
    for (const path of [
      '/countries/KEN',
      '/countries?region=Africa',
      '/countries/KEN/sections/priorities/history',
    ]) {
      await checked.goto(`${fixture.baseUrl}${path}`);
      await expectNoSeriousViolations(checked);
    }
    await reader.close();
  });
});
