/// <reference lib="dom" />
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfOf } from '../../src/documents/samples.ts';
import { testPassword } from '../helpers/app.ts';
import { type BrowserFixture, expectNoSeriousViolations, startBrowserFixture } from './browser.ts';

let fixture: BrowserFixture;
let folder: string;
let pdf: string;

beforeAll(async () => {
  fixture = await startBrowserFixture({ accounts: true });
  folder = await mkdtemp(path.join(tmpdir(), 'compact-e2e-'));
  pdf = path.join(folder, 'border-watch-lists.pdf');
  await writeFile(
    pdf,
    await pdfOf({
      title: 'Border watch lists',
      paragraphs: ['Border agencies of the Compact exchange alerts through the periwinkle channel.'],
    }),
  );
});
afterAll(async () => {
  await fixture?.close();
  await rm(folder, { recursive: true, force: true });
});

async function signedIn(browser: Browser, email: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${fixture.baseUrl}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, page };
}

describe('a member uploads a PDF and finds it by a word inside it', () => {
  it('uploads with progress, finds it seconds later, and a Member State cannot find or open it', async () => {
    const { context, page } = await signedIn(fixture.browser, 'interpol@demo.example');
    await page.goto(`${fixture.baseUrl}/documents/new`);
    await expectNoSeriousViolations(page);
    await page.getByLabel('File', { exact: true }).setInputFiles(pdf);
    await page.getByLabel('Title', { exact: true }).fill('Border watch lists');
    await page.getByLabel('Type of document').selectOption('guidelines');
    await page.getByLabel('Who may see it').selectOption('compact');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}/);
    const address = page.url();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Border watch lists');
    await expectNoSeriousViolations(page);

    await expect
      .poll(
        async () => {
          await page.goto(`${fixture.baseUrl}/documents?q=periwinkle`);
          return page.getByRole('link', { name: 'Border watch lists' }).count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    expect(await page.locator('.snippet mark').first().textContent()).toBe('periwinkle');
    await expectNoSeriousViolations(page);
    await context.close();

    const kenya = await signedIn(fixture.browser, 'kenya@demo.example');
    await kenya.page.goto(`${fixture.baseUrl}/documents?q=periwinkle`);
    expect(await kenya.page.getByTestId('result-count').textContent()).toBe('No documents');
    const response = await kenya.page.goto(address);
    expect(response?.status()).toBe(404);
    await kenya.context.close();
  });

  it('works without JavaScript, and keeps what was typed when the file is refused', async () => {
    const { context, page } = await signedIn(fixture.browser, 'interpol@demo.example', false);
    await page.goto(`${fixture.baseUrl}/documents/new`);
    const script = path.join(folder, 'setup.pdf');
    await writeFile(script, '<html><script>alert(1)</script></html>');
    await page.getByLabel('File', { exact: true }).setInputFiles(script);
    await page.getByLabel('Title', { exact: true }).fill('Typed title');
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    expect(await page.locator('.error-summary').textContent()).toContain('not accepted');
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Typed title');
    await context.close();
  });
});
