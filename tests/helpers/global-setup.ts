import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { databaseUrlWithName, type TestDatabaseTarget } from './target.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseTarget;
  }
}

/**
 * Migrates one database for the whole run, then every test file copies it (ADR 0010): on PGlite a
 * data-directory snapshot, on PostgreSQL a template database. The run targets PostgreSQL when
 * DATABASE_URL is set, PGlite otherwise.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), 'compact-test-'));
    const database = await openDatabase({ inMemory: true });
    await runMigrations(database);
    const snapshot = await (
      database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }
    ).$client.dumpDataDir('none');
    const snapshotPath = path.join(dir, 'migrated.tar');
    await writeFile(snapshotPath, Buffer.from(await snapshot.arrayBuffer()));
    await database.close();
    project.provide('testDatabase', { engine: 'pglite', snapshotPath });
    process.stdout.write('Tests run against embedded PGlite.\n');
    return () => rm(dir, { recursive: true, force: true });
  }

  const templateName = `cct_template_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateName}`);
  const template = await openDatabase({ url: databaseUrlWithName(adminUrl, templateName), poolSize: 1 });
  await runMigrations(template);
  await template.close();
  project.provide('testDatabase', { engine: 'postgres', adminUrl, templateName });
  process.stdout.write(`Tests run against PostgreSQL at ${new URL(adminUrl).host}.\n`);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
    await admin.end();
  };
}
