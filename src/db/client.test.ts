import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, describeUrl, openDatabase } from './client.ts';

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
