import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/helpers/database.ts';
import { rowsOf } from '../documents/queries.ts';
import { DatabaseUnavailableError, describeUrl, openDatabase, preparedPerConnection } from './client.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('opening the database', () => {
  it('refuses a second opening of the same embedded database, naming the process that holds it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'compact-lock-'));
    dirs.push(dataDir);
    const first = await openDatabase({ dataDir });
    try {
      // A lock file naming a live process other than this one, as a running server would leave.
      await writeFile(path.join(dataDir, 'db.lock'), String(process.ppid));
      const second = openDatabase({ dataDir });
      await expect(second).rejects.toThrow(DatabaseUnavailableError);
      await expect(second).rejects.toThrow(`in use by process ${process.ppid}`);
    } finally {
      await first.close();
    }
  });

  it('takes over a lock left by a process that no longer runs, and keeps the data', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'compact-stale-'));
    dirs.push(dataDir);
    const first = await openDatabase({ dataDir });
    await first.db.execute(sql`create table kept (x int)`);
    await first.close();
    await writeFile(path.join(dataDir, 'db.lock'), '999999');
    const again = await openDatabase({ dataDir });
    try {
      await again.db.execute(sql`insert into kept values (1)`);
      expect(again.engine).toBe('pglite');
    } finally {
      await again.close();
    }
  });

  it('explains in one line that PostgreSQL cannot be reached, without the password', async () => {
    const attempt = openDatabase({ url: 'postgres://app:s3cret@127.0.0.1:1/compact' });
    await expect(attempt).rejects.toThrow(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(
      /^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/compact: .*ECONNREFUSED/,
    );
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it('describes a URL by host, port and database only', () => {
    expect(describeUrl('postgres://u:p@db.example:6543/compact')).toBe('db.example:6543/compact');
    expect(describeUrl('postgres://db.example/compact')).toBe('db.example:5432/compact');
  });
});

describe('statements kept prepared', () => {
  it('runs a statement under its settings, for that statement only, again and again', async () => {
    const database = await createTestDatabase();
    try {
      const settingsNow = sql`select current_setting('enable_seqscan') as seqscan,
        current_setting('plan_cache_mode') as planning`;
      for (const word of ['first', 'second', 'third']) {
        const [row] = await database.prepared(
          sql`select current_setting('enable_seqscan') as seqscan, current_setting('plan_cache_mode') as planning,
            ${word}::text as word`,
          { enable_seqscan: 'off', plan_cache_mode: 'force_generic_plan' },
        );
        expect(row).toEqual({ seqscan: 'off', planning: 'force_generic_plan', word });
      }
      for (let connection = 0; connection < 4; connection++)
        expect(rowsOf(await database.db.execute(settingsNow))[0]).toEqual({
          seqscan: 'on',
          planning: 'auto',
        });
    } finally {
      await database.close();
    }
  });

  it('keeps a bounded number of statements prepared on each connection, and still runs the others', async () => {
    const database = await createTestDatabase();
    // One connection, so that every statement lands on it (PostgreSQL; PGlite prepares nothing).
    const single = database.url ? await openDatabase({ url: database.url, poolSize: 1 }) : database;
    try {
      const statementNumber = (n: number) => sql.raw(`select ${n} as n`);
      for (let round = 0; round < 2; round++)
        for (let n = 0; n < preparedPerConnection + 8; n++)
          expect(await single.prepared(statementNumber(n), {})).toEqual([{ n }]);
      if (single.engine === 'postgres') {
        const kept = await single.prepared(
          sql`select count(*)::int as kept from pg_prepared_statements where name like 'prepared_%'`,
          {},
        );
        expect(kept).toEqual([{ kept: preparedPerConnection }]);
      }
    } finally {
      if (single !== database) await single.close();
      await database.close();
    }
  });

  it('refuses any setting but a planner one with a plain value, before running anything', async () => {
    const database = await createTestDatabase();
    try {
      const create = sql`create table refused (x int)`;
      await expect(database.prepared(create, { 'enable_seqscan = on; --': 'off' })).rejects.toThrow(
        'Not a planner setting',
      );
      await expect(database.prepared(create, { enable_seqscan: "off'; drop table x" })).rejects.toThrow(
        'Not a planner setting',
      );
      await expect(database.prepared(create, { search_path: 'public' })).rejects.toThrow(
        'Not a planner setting',
      );
      const [table] = rowsOf<{ found: string | null }>(
        await database.db.execute(sql`select to_regclass('refused')::text as found`),
      );
      expect(table?.found).toBeNull();
    } finally {
      await database.close();
    }
  });
});
