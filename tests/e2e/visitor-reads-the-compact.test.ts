/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserFixture, expectNoSeriousViolations, startBrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
beforeAll(async () => {
  fixture = await startBrowserFixture();
});
afterAll(() => fixture?.close());

describe('a visitor reads the Compact at a glance', () => {
  it('in English, with no serious accessibility violation', async () => {
    const context = await fixture.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${fixture.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 15_000 })
      .toBe('The Compact at a glance');
    expect(await page.getByTestId('entity-figures').textContent()).toContain('45');
    await expectNoSeriousViolations(page);
    await context.close();
  });

  it('in Arabic, laid out right to left, with no serious accessibility violation', async () => {
    const context = await fixture.browser.newContext({ locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${fixture.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
    expect(direction).toBe('rtl');
    // Right to left: the brand sits at the right edge, the language switcher at the left.
    const brand = await page.locator('.brand').boundingBox();
    const switcher = await page.locator('.language-switcher').boundingBox();
    expect(brand && switcher && brand.x > switcher.x).toBe(true);
    await expectNoSeriousViolations(page);
    await context.close();
  });

  it('can reach the main content by keyboard first, through the skip link', async () => {
    const context = await fixture.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${fixture.baseUrl}/members`);
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to main content');
    expect(await focused.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  it('switches to French with the switcher, without JavaScript, and stays in French', async () => {
    const context = await fixture.browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${fixture.baseUrl}/working-groups`);
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Groupes de travail');
    expect(page.url()).toBe(`${fixture.baseUrl}/working-groups`);
    await page.getByRole('link', { name: 'Membres' }).first().click();
    expect(await page.locator('h1').textContent()).toBe('Membres et observateurs');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await context.close();
  });

  it.each([
    ['/members', 'en-GB'],
    ['/members?kind=non_un', 'ar'],
    ['/working-groups', 'fr'],
    ['/annex-ii?year=2022', 'ar'],
    ['/members/unodc', 'en'],
    ['/members/unodc', 'ar'],
    ['/working-groups/etcip?at=2022-08-15', 'fr'],
    ['/no-such-page', 'ar'],
  ])('shows %s in %s with no serious accessibility violation', async (path, locale) => {
    const context = await fixture.browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(`${fixture.baseUrl}${path}`);
    await expectNoSeriousViolations(page);
    await context.close();
  });
});
