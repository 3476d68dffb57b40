import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';

/** Officials on slow field connections: every page, with its CSS and any script, stays under 60 KB. */
const budgetBytes = 60 * 1024;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(() => platform.close());

async function transferSize(path: string, encoding: string, language: string): Promise<number> {
  const response = await platform.get(path, { 'Accept-Encoding': encoding, 'Accept-Language': language });
  expect(response.ok || response.status === 404).toBe(true);
  const html = await response.clone().text();
  let bytes = (await response.arrayBuffer()).byteLength;
  const linked = [...html.matchAll(/<(?:link rel="stylesheet"|script)[^>]+(?:href|src)="([^"]+)"/g)].map(
    (m) => m[1],
  );
  for (const asset of linked) {
    const assetResponse = await platform.get(asset as string, { 'Accept-Encoding': encoding });
    expect(assetResponse.status).toBe(200);
    bytes += (await assetResponse.arrayBuffer()).byteLength;
  }
  return bytes;
}

describe('page weight', () => {
  for (const path of [
    '/',
    '/members',
    '/working-groups',
    '/annex-ii?year=2022',
    '/timeline',
    '/countries',
    '/countries/KEN',
    '/no-such-page',
  ]) {
    for (const language of ['en', 'fr', 'ar']) {
      it(`${path} in ${language} is under 60 KB compressed, stylesheet included`, async () => {
        expect(await transferSize(path, 'gzip', language)).toBeLessThan(budgetBytes);
        expect(await transferSize(path, 'br', language)).toBeLessThan(budgetBytes);
      });
    }
  }
});
