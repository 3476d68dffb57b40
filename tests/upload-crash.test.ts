import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore, sweepBlobs } from '../src/blobs/store.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { rowsOf } from '../src/db/rows.ts';
import { blobIsReferenced } from '../src/documents/queries.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { finished, freePort, run } from './helpers/process.ts';

const password = 'crash test password 2022';

async function partialsIn(dataDir: string): Promise<string[]> {
  return readdir(path.join(dataDir, 'blobs', 'tmp')).catch(() => []);
}

describe('a platform killed in the middle of an upload', () => {
  let dataDir: string;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'compact-crash-'));
    database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  });
  afterAll(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves, after restart, no row pointing to a missing or partial file, and the sweeper clears the part', {
    timeout: 180_000,
  }, async () => {
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      DEMO_PASSWORD: password,
      LOG_LEVEL: 'info',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    };
    const server = run('src/server.ts', env);
    const exit = finished(server);
    let log = '';
    server.stdout.on('data', (chunk) => {
      log += chunk;
    });
    await expect.poll(() => log, { timeout: 120_000, interval: 200 }).toContain('platform listening');
    const base = `http://127.0.0.1:${port}`;

    const signIn = await fetch(`${base}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: new URLSearchParams({ email: 'interpol@demo.example', password }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    expect(cookie).toContain('session_token');

    // A multipart upload that sends its head and 2 MB of the file, then stalls: the server is killed then.
    const boundary = 'crash-boundary';
    const upload = request(`${base}/documents`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Cookie: cookie, Origin: base },
    });
    upload.on('error', () => {});
    upload.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    for (let i = 0; i < 32; i++) upload.write('x'.repeat(64 * 1024));
    await expect
      .poll(
        async () => {
          const [part] = await partialsIn(dataDir);
          return part ? (await stat(path.join(dataDir, 'blobs', 'tmp', part))).size : 0;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBeGreaterThan(0);
    server.kill('SIGKILL');
    await exit;
    upload.destroy();

    const reopened: Database = database ?? (await openDatabase({ dataDir }));
    try {
      const versions = rowsOf<{ sha256: string; file_name: string }>(
        await reopened.db.execute(sql`select sha256, file_name from document_versions`),
      );
      const store = new LocalBlobStore(path.join(dataDir, 'blobs'));
      for (const version of versions) expect(await store.has(version.sha256)).toBe(true);
      expect(versions.map((version) => version.file_name)).not.toContain('big.txt');
      expect(await partialsIn(dataDir)).toHaveLength(1);

      const twoHoursLater = new Date(Date.now() + 2 * 60 * 60 * 1000);
      const swept = await sweepBlobs(
        store,
        (sha256) => blobIsReferenced(reopened.db, sha256),
        60 * 60 * 1000,
        twoHoursLater,
      );
      expect(swept).toEqual({ orphansRemoved: 0, partialsRemoved: 1 });
      expect(await partialsIn(dataDir)).toEqual([]);
    } finally {
      if (!database) await reopened.close();
    }
  });
});
