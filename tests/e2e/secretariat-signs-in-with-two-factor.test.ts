import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../helpers/app.ts';
import { type BrowserFixture, expectNoSeriousViolations, startBrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture({ accounts: true });
});
afterAll(() => fixture?.close());

describe('the secretariat signs in with two-factor', () => {
  it('enrols at first sign-in, then signs in again with a code from the app', async () => {
    const context = await fixture.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${fixture.baseUrl}/`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await expectNoSeriousViolations(page);

    await page.getByLabel('E-mail address').fill('secretariat@demo.example');
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 15_000 })
      .toBe('Set up two-factor sign-in');
    await page.getByLabel('Your password').fill(testPassword);
    await page.getByRole('button', { name: 'Continue' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent()) as string;
    await expectNoSeriousViolations(page);
    await page
      .getByLabel('Code from the app')
      .fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();

    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Your account');
    expect(await page.locator('dl.summary').textContent()).toContain('Secretariat administrator');
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 15_000 })
      .toBe('The Compact at a glance');

    await page.goto(`${fixture.baseUrl}/sign-in?returnTo=%2Faccount`);
    await page.getByLabel('E-mail address').fill('secretariat@demo.example');
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 15_000 })
      .toBe('Enter your security code');
    await expectNoSeriousViolations(page);
    await page.getByLabel('Security code').fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Your account');

    // Signed in, the secretariat administers ETCIP: a second chair in Q3 2022 is refused on the form.
    await page.goto(`${fixture.baseUrl}/working-groups/etcip/admin`);
    await expectNoSeriousViolations(page);
    const termForm = page.locator('form[action="/working-groups/etcip/chairs"]');
    await termForm
      .locator('select[name="entityId"]')
      .selectOption({ label: 'UNODC — United Nations Office on Drugs and Crime' });
    await termForm.locator('input[name="since"]').fill('2022-08-01');
    await termForm.locator('input[name="until"]').fill('2022-08-31');
    await termForm.getByRole('button', { name: 'Add the term' }).click();
    await expect
      .poll(() => page.locator('.error-summary').textContent(), { timeout: 15_000 })
      .toContain('The seat is already held during some of these dates');
    await expect(termForm.locator('input[name="until"]').inputValue()).resolves.toBe('2022-08-31');
    await expectNoSeriousViolations(page);
    await context.close();
  });

  it('shows a wrong password as an error on the form, keeping the address, in Arabic', async () => {
    const context = await fixture.browser.newContext({ locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${fixture.baseUrl}/sign-in`);
    await page.locator('#email').fill('kenya@demo.example');
    await page.locator('#password').fill('not the right one');
    await page.locator('form[action="/sign-in"] button').click();
    await expect
      .poll(() => page.locator('.error-summary').textContent(), { timeout: 15_000 })
      .toContain('غير صحيحة');
    expect(await page.locator('#email').inputValue()).toBe('kenya@demo.example');
    await expectNoSeriousViolations(page);
    await context.close();
  });
});
