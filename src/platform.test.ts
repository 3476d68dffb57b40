import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../tests/helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database.ts';
import { textOf } from '../tests/helpers/html.ts';
import { openDatabase } from './db/client.ts';

/**
 * Two app instances on one database, as behind a load balancer. On PostgreSQL each has its own pool and
 * listener; PGlite is one process's database, so there both instances share it.
 */
let database: TestDatabase;
let first: TestPlatform;
let second: TestPlatform;
beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  first = await createTestPlatform({ database: { ...database, close: async () => {} } });
  const secondDatabase = database.url
    ? { ...(await openDatabase({ url: database.url, poolSize: 2 })), url: database.url }
    : { ...database, close: async () => {} };
  second = await createTestPlatform({ database: secondDatabase });
});
afterAll(async () => {
  await second.close();
  await first.close();
  await database.close();
});

const membersText = async (platform: TestPlatform) => textOf(await (await platform.get('/members')).text());

describe('several instances on one database', () => {
  it('agree after a change made through any of them, because the database announces it', async () => {
    expect(await membersText(first)).toContain('Financial Action Task Force');
    expect(await membersText(second)).toContain('Financial Action Task Force');
    expect(first.cache.size).toBeGreaterThan(0);
    expect(second.cache.size).toBeGreaterThan(0);

    await first.database.db.execute(
      sql`update entities set name = '{"en": "Financial Action Task Force (renamed)"}'::jsonb where slug = 'fatf'`,
    );

    for (const instance of [first, second]) {
      await expect
        .poll(() => membersText(instance), { timeout: 5000 })
        .toContain('Financial Action Task Force (renamed)');
    }
  });

  it('agree after a change made outside the application, directly in SQL', async () => {
    await second.database.db.execute(sql`update entities set acronym = 'GAFI' where slug = 'fatf'`);
    for (const instance of [first, second]) {
      await expect.poll(() => membersText(instance), { timeout: 5000 }).toContain('GAFI');
    }
  });
});
