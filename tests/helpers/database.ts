import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, pgliteExtensions, wrapPglite } from '../../src/db/client.ts';
import { loadDemoData } from '../../src/demo/seed.ts';
import { databaseUrlWithName } from './target.ts';

export interface TestDatabase extends Database {
  /** A connection URL for this database (PostgreSQL runs only): lets a test open a second instance. */
  readonly url: string | undefined;
}

/**
 * A migrated database of its own for the calling test file, on the engine the run targets; `close()`
 * also deletes it. With `demo`, the 2022 demo data is loaded.
 */
export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<TestDatabase> {
  const target = inject('testDatabase');
  let database: TestDatabase;
  if (target.engine === 'pglite') {
    const snapshot = new Blob([await readFile(target.snapshotPath)]);
    const client = new PGlite({ loadDataDir: snapshot, extensions: pgliteExtensions });
    database = { ...wrapPglite(client), url: undefined };
  } else {
    const name = `cct_test_${randomBytes(6).toString('hex')}`;
    await withAdmin(target.adminUrl, (admin) => createFromTemplate(admin, name, target.templateName));
    const url = databaseUrlWithName(target.adminUrl, name);
    const opened = await openDatabase({ url, poolSize: 4 });
    database = {
      ...opened,
      url,
      async close() {
        await opened.close();
        await withAdmin(target.adminUrl, (admin) =>
          admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        );
      },
    };
  }
  if (options.demo) await loadDemoData(database.db);
  return database;
}

async function withAdmin<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Two files copying the template at the same instant can collide; PostgreSQL then asks to retry. */
async function createFromTemplate(admin: pg.Client, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Rows of a raw SQL query; both drivers answer with `{ rows }`. */
export async function selectRows<T = Record<string, unknown>>(database: Database, query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}
