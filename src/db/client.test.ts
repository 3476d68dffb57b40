import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/helpers/database.ts';
import { type OptionsHandling, startFakePooler } from '../../tests/helpers/pooler.ts';
import {
  type Database,
  DatabaseUnavailableError,
  describeUrl,
  openDatabase,
  preparedPerConnection,
  splitOptions,
} from './client.ts';
import { rowsOf } from './rows.ts';

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

  it('keeps the options of the URL alongside the planner settings', async () => {
    const database = await createTestDatabase();
    // PostgreSQL: a URL with options of its own, as some hosted services give; PGlite has no URL.
    const withTimeout = (url: string) => {
      const parsed = new URL(url);
      parsed.searchParams.set('options', '-c statement_timeout=12345');
      return parsed.toString();
    };
    const opened = database.url ? await openDatabase({ url: withTimeout(database.url) }) : database;
    try {
      const settingsNow = sql`select current_setting('enable_seqscan') as seqscan,
        current_setting('statement_timeout') as timeout`;
      const expectedTimeout = database.url ? '12345ms' : '0';
      expect(opened.plannerSettings).toBe(database.url ? 'on-connect' : 'per-transaction');
      expect(await opened.prepared(settingsNow, { enable_seqscan: 'off' })).toEqual([
        { seqscan: 'off', timeout: expectedTimeout },
      ]);
      expect(rowsOf(await opened.db.execute(settingsNow))).toEqual([
        { seqscan: 'on', timeout: expectedTimeout },
      ]);
    } finally {
      if (opened !== database) await opened.close();
      await database.close();
    }
  });

  it('splits the options out of a URL and keeps its other parameters', () => {
    expect(splitOptions('postgres://u:p@db/compact?sslmode=require&options=-c%20a%3D1')).toEqual({
      url: 'postgres://u:p@db/compact?sslmode=require',
      options: '-c a=1',
    });
    expect(splitOptions('postgres://db/compact?options=-c%20a%3D1')).toEqual({
      url: 'postgres://db/compact',
      options: '-c a=1',
    });
    expect(splitOptions('postgres://db/compact')).toEqual({
      url: 'postgres://db/compact',
      options: undefined,
    });
  });

  for (const handling of ['refuse', 'drop'] as OptionsHandling[])
    it(`still applies the settings, per transaction, behind a pooler that would ${handling} connection options`, async () => {
      const database = await createTestDatabase();
      const pooler = database.url ? await startFakePooler(database.url, handling) : null;
      const opened = pooler ? await openDatabase({ url: pooler.url, poolSize: 1 }) : database;
      try {
        expect(opened.plannerSettings).toBe('per-transaction');
        await expectSettingsForOneStatement(opened);
      } finally {
        if (opened !== database) await opened.close();
        await pooler?.close();
        await database.close();
      }
    });

  for (const via of ['a direct connection', 'a pooler that refuses connection options'])
    it(`keeps using a connection whose statement the server refused, settings undone, through ${via}`, async () => {
      const database = await createTestDatabase();
      const pooler =
        database.url && via !== 'a direct connection' ? await startFakePooler(database.url, 'refuse') : null;
      // One connection: the statement after the failed one runs where it failed.
      const single = database.url
        ? await openDatabase({ url: pooler?.url ?? database.url, poolSize: 1 })
        : database;
      try {
        const pid = sql`select pg_backend_pid() as pid`;
        const [before] = await single.prepared(pid, { enable_seqscan: 'off' });
        const failure = await single
          .prepared(sql`select 1 / 0 as never`, { enable_seqscan: 'off' })
          .catch((error) => error);
        // PGlite's Drizzle wraps the server's error in its own.
        expect(String(failure?.cause ?? failure)).toContain('division by zero');
        expect(await single.prepared(pid, { enable_seqscan: 'off' })).toEqual([before]);
        await expectSettingsForOneStatement(single);
      } finally {
        if (single !== database) await single.close();
        await pooler?.close();
        await database.close();
      }
    });
});

/** The settings hold for the statement run under them, and not for the next one on the same connections. */
async function expectSettingsForOneStatement(database: Database): Promise<void> {
  const settingsNow = sql`select current_setting('enable_seqscan') as seqscan`;
  expect(await database.prepared(settingsNow, { enable_seqscan: 'off' })).toEqual([{ seqscan: 'off' }]);
  expect(await database.prepared(settingsNow, {})).toEqual([{ seqscan: 'on' }]);
  expect(rowsOf(await database.db.execute(settingsNow))).toEqual([{ seqscan: 'on' }]);
}
