import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../helpers/app.ts';
import { type BrowserFixture, expectNoSeriousViolations, startBrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture({ accounts: true });
});
afterAll(() => fixture?.close());

async function signIn(browser: Browser, email: string, enrol: boolean) {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${fixture.baseUrl}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (enrol) {
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 15_000 })
      .toBe('Set up two-factor sign-in');
    await page.getByLabel('Your password').fill(testPassword);
    await page.getByRole('button', { name: 'Continue' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent()) as string;
    await page
      .getByLabel('Code from the app')
      .fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Your account');
  } else {
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }
  return { context, page };
}

describe('the chair of ETCIP plans an activity and its lead entity reports progress', () => {
  it('adds an activity led by INTERPOL, and INTERPOL posts the quarter’s update with evidence', async () => {
    // The entity chairing ETCIP today (UNICRI in the demo) opens its group's current work plan.
    const chair = await signIn(fixture.browser, 'etcip-chair@demo.example', true);
    let page = chair.page;
    await page.goto(`${fixture.baseUrl}/working-groups/etcip`);
    await page.getByRole('link', { name: 'All work plans of ETCIP' }).click();
    await expectNoSeriousViolations(page);
    await page.getByRole('link', { name: 'ETCIP work plan 2025–2026' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('ETCIP work plan 2025–2026');
    await expectNoSeriousViolations(page);

    await page.getByRole('link', { name: 'Add an activity' }).first().click();
    await expectNoSeriousViolations(page);
    await page.getByLabel('Activity', { exact: true }).fill('Training on drone incident response');
    await page.getByLabel('Lead entity').selectOption('interpol');
    await page.getByLabel('Partner entities').selectOption(['unicri', 'icao']);
    await page.getByLabel('Starts').fill('2026-Q5');
    await page.getByLabel('Ends').fill('2026-Q4');
    await page.getByLabel('Status').selectOption('on_track');
    await page.getByRole('button', { name: 'Add an activity' }).click();
    // A bad quarter is named next to its field; what was typed stays.
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    expect(await page.locator('#starts-error').textContent()).toContain('2022-Q3');
    expect(await page.getByLabel('Activity', { exact: true }).inputValue()).toBe(
      'Training on drone incident response',
    );
    await expectNoSeriousViolations(page);
    await page.getByLabel('Starts').fill('2026-Q2');
    await page.getByRole('button', { name: 'Add an activity' }).click();
    await page.waitForURL(/\/work-plans\/[0-9a-f-]{36}#activity-/);
    const planAddress = page.url().split('#')[0] as string;
    const heading = page.getByRole('heading', { name: /Training on drone incident response/ });
    expect(await heading.count()).toBe(1);
    expect(await page.getByTestId('timeline').textContent()).toContain('Training on drone incident response');
    await chair.context.close();

    // INTERPOL, the lead entity, reports the quarter's progress on it.
    const lead = await signIn(fixture.browser, 'interpol@demo.example', false);
    page = lead.page;
    await page.goto(planAddress);
    const activity = page.locator('article', { hasText: 'Training on drone incident response' });
    await activity.getByRole('link', { name: 'Report progress' }).click();
    await expectNoSeriousViolations(page);
    await page.getByLabel('Quarter', { exact: true }).fill('2026-Q4');
    await page.getByLabel('Status at the end of the quarter').selectOption('at_risk');
    await page.getByLabel('What happened').fill('First session held in Lyon; the second awaits funding.');
    await page.getByLabel('Evidence links (optional)').fill('https://www.interpol.int/');
    await page.getByRole('button', { name: 'Post the update' }).click();
    await page.waitForURL(/\/work-plans\/[0-9a-f-]{36}#activity-/);
    const reported = page.locator('article', { hasText: 'Training on drone incident response' });
    expect(await reported.textContent()).toContain('First session held in Lyon');
    expect(await reported.locator('.badge').first().textContent()).toBe('At risk');
    expect(await reported.getByRole('link', { name: 'https://www.interpol.int/' }).count()).toBe(1);
    // The lead reports; it does not edit the plan.
    expect(await page.getByRole('link', { name: 'Edit the plan' }).count()).toBe(0);
    await expectNoSeriousViolations(page);
    // The Compact's roll-up counts the new activity among ETCIP's.
    await page.goto(`${fixture.baseUrl}/work-plans?period=2025-2026`);
    expect(await page.getByTestId('rollup-bodies').textContent()).toContain('ETCIP');
    await expectNoSeriousViolations(page);
    await lead.context.close();
  });
});
