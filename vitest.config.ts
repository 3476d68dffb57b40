import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/** Browser tests need Debian's Chromium; without it they are left out, and the run says so (ADR 0010). */
export const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  process.stdout.write(
    `\nBROWSER TESTS SKIPPED: ${chromiumPath} was not found. Install Debian's "chromium" package to run tests/e2e.\n\n`,
  );
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    exclude: hasChromium ? [] : ['tests/e2e/**'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
