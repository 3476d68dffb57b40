/// <reference lib="dom" />
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { Secret, TOTP } from 'otpauth';
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
  pdf = path.join(folder, 'drones-guidance.pdf');
  await writeFile(
    pdf,
    await pdfOf({ title: 'Draft guidance on drones', paragraphs: ['Drones near critical sites.'] }),
  );
});
afterAll(async () => {
  await fixture?.close();
  await rm(folder, { recursive: true, force: true });
});

/** Signs in someone who must use two-factor, enrolling them on the way, as a new chair or member would. */
async function enrolled(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await page.goto(`${fixture.baseUrl}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect
    .poll(() => page.locator('h1').textContent(), { timeout: 15_000 })
    .toBe('Set up two-factor sign-in');
  await page.getByLabel('Your password').fill(testPassword);
  await page.getByRole('button', { name: 'Continue' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent()) as string;
  await page.getByLabel('Code from the app').fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Your account');
  return { context, page };
}

describe('a chair runs a meeting from invitation to action items', () => {
  it('schedules, invites, circulates an agenda with a document, records attendance and minutes; a member sees it everywhere', async () => {
    const chair = await enrolled(fixture.browser, 'etcip-chair@demo.example');
    const { page } = chair;

    await page.goto(`${fixture.baseUrl}/documents/new`);
    await page.getByLabel('File', { exact: true }).setInputFiles(pdf);
    await page.getByLabel('Title', { exact: true }).fill('Draft guidance on drones');
    await page.getByLabel('Type of document').selectOption('guidelines');
    await page.getByLabel('Who may see it').selectOption('compact');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}/);
    const documentAddress = new URL(page.url()).pathname;

    await page.goto(`${fixture.baseUrl}/meetings`);
    await page.getByRole('link', { name: 'Schedule a meeting' }).click();
    await expectNoSeriousViolations(page);
    await page.getByLabel('Title', { exact: true }).fill('ETCIP meeting on drones');
    await page.getByLabel('Time zone').fill('Europe/Vienna');
    await page.getByLabel('Start day').fill('2027-02-10');
    await page.getByLabel('Start time').fill('15:00');
    await page.getByLabel('End day').fill('2027-02-10');
    await page.getByLabel('End time').fill('14:00');
    await page.getByLabel('Online link').fill('https://meet.example.org/etcip-drones');
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('The meeting must end after it starts.');
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('ETCIP meeting on drones');
    await expectNoSeriousViolations(page);
    await page.getByLabel('End time').fill('17:00');
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}\?saved=1/);
    const meetingPath = new URL(page.url()).pathname;
    // The browser runs in New York: after the first page has told the server so, times are in its zone.
    await page.reload();
    await expect
      .poll(() => page.locator('dl.facts').textContent())
      .toContain('10 February 2027 at 09:00 – 11:00 (America/New_York)');
    await expectNoSeriousViolations(page);

    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('checkbox', { name: 'ETCIP' }).check();
    await page.getByRole('button', { name: 'Save and send the invitations' }).click();
    await page.waitForURL(/saved=1/);

    await page.getByRole('link', { name: 'Edit the agenda' }).click();
    await expectNoSeriousViolations(page);
    await page.locator('#itemTitle-0').fill('Draft guidance on drones');
    await page.locator('#itemPresenters-0').fill('UNOCT, INTERPOL');
    await page.locator('#itemDocuments-0').fill(`${fixture.baseUrl}${documentAddress}`);
    await page.getByRole('button', { name: 'Save the agenda' }).click();
    await page.waitForURL(/saved=1/);
    await page.getByRole('button', { name: 'Circulate the agenda to the invitees' }).click();
    await page.waitForURL(/circulated=1/);

    await page.getByRole('link', { name: 'Attendance' }).click();
    await page.getByLabel('Who attended').fill('Ana Silva; UNODC\nChen Li; INTERPOL');
    await page.getByRole('button', { name: 'Save the attendance' }).click();
    await page.waitForURL(/saved=1/);

    await page.getByRole('link', { name: 'Write the minutes' }).click();
    await page.getByLabel('Minutes', { exact: true }).fill('The group **agreed** on the guidance.');
    await page.getByLabel('Decisions').fill('Circulate the guidance for comments');
    await page.getByRole('button', { name: 'Save the draft minutes' }).click();
    await page.waitForURL(/saved=1/);
    await page.getByRole('button', { name: 'Approve the minutes' }).click();
    await page.waitForURL(/saved=1/);

    await page.getByRole('link', { name: 'Add an action item' }).click();
    await page.getByLabel('Action', { exact: true }).fill('Send comments on the drones guidance');
    await page.getByLabel('Owner entity').selectOption('unodc');
    await page.getByLabel('Due').fill('2027-03-01');
    await page.getByRole('button', { name: 'Add an action item' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.getByTestId('attendance-figures').textContent()).toBe(
      '2 representatives of 2 entities and Member States',
    );
    await expectNoSeriousViolations(page);
    await chair.context.close();

    const member = await enrolled(fixture.browser, 'unodc@demo.example');
    await member.page.goto(`${fixture.baseUrl}/calendar?month=2027-02`);
    await member.page.getByRole('link', { name: 'ETCIP meeting on drones' }).click();
    await expect
      .poll(() => member.page.getByTestId('agenda').textContent())
      .toContain('Draft guidance on drones');
    await member.page.getByTestId('agenda').getByRole('link', { name: 'Draft guidance on drones' }).waitFor();
    expect(await member.page.locator('#minutes ~ .minutes strong').textContent()).toBe('agreed');
    await expectNoSeriousViolations(member.page);

    await member.page.goto(`${fixture.baseUrl}/action-items`);
    await expect
      .poll(() => member.page.locator('table').textContent())
      .toContain('Send comments on the drones guidance');
    await expectNoSeriousViolations(member.page);

    await member.page.goto(`${fixture.baseUrl}/account/calendar`);
    await member.page.getByRole('button', { name: 'Create a new feed address' }).click();
    const address = await member.page.getByLabel('Feed address').inputValue();
    await expectNoSeriousViolations(member.page);
    const feed = await fetch(`${fixture.baseUrl}${new URL(address).pathname}`);
    const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent');
    const drones = events.find(
      (event) => event.getFirstPropertyValue('summary') === 'ETCIP meeting on drones',
    );
    expect(String(drones?.getFirstPropertyValue('url'))).toContain(meetingPath);
    await member.context.close();

    const kenya = await fixture.browser.newContext({ locale: 'en-GB' });
    const visitor = await kenya.newPage();
    expect((await visitor.goto(`${fixture.baseUrl}${meetingPath}`))?.status()).toBe(404);
    await kenya.close();
  });
});
