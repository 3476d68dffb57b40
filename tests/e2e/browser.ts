import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { listen, type RunningServer } from '../../src/http-server.ts';
import { createTestPlatform, type TestPlatform } from '../helpers/app.ts';

export interface BrowserFixture {
  browser: Browser;
  platform: TestPlatform;
  server: RunningServer;
  baseUrl: string;
  close(): Promise<void>;
}

/** A real Chromium (Debian's) against the platform served on a local port (ADR 0010). */
export async function startBrowserFixture(
  options: {
    accounts?: boolean;
    /** More configuration for the platform. */
    env?: Record<string, string>;
    /** Serve at `addressed.url`, which is also the platform's BASE_URL (single sign-on needs it). */
    addressed?: { port: number; url: string };
  } = {},
): Promise<BrowserFixture> {
  const platform = await createTestPlatform({
    accounts: options.accounts ?? false,
    env: { ...options.env, ...(options.addressed ? { BASE_URL: options.addressed.url } : {}) },
  });
  const server = await listen(platform.app, options.addressed?.port ?? 0, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    platform,
    server,
    baseUrl: `http://127.0.0.1:${server.port}`,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.server.close(resolve));
      await platform.close();
    },
  };
}

/** Fails on any serious or critical WCAG 2.x A/AA violation axe finds on the page as it stands. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
    );
  expect(serious).toEqual([]);
}

/** A free local port and its address, for a platform whose BASE_URL must be where it is served. */
export async function freeAddress(): Promise<{ port: number; url: string }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return { port, url: `http://127.0.0.1:${port}` };
}
