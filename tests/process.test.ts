import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { finished, freePort, run } from './helpers/process.ts';

describe('starting with bad input', () => {
  it('stops at once with one line naming a bad variable', async () => {
    const result = await finished(run('src/server.ts', { PORT: 'eighty' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^compact-platform: Invalid configuration: PORT must be a whole number from 1 to 65535 \(got "eighty"\)\..*\n$/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stops with one line when the database cannot be reached, not a stack trace', async () => {
    const result = await finished(
      run('src/server.ts', { DATABASE_URL: 'postgres://app:pw@127.0.0.1:1/compact' }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^compact-platform: Cannot reach PostgreSQL at 127\.0\.0\.1:1\/compact: .+\n$/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain(':pw@');
  });
});

describe('a running platform', () => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'compact-process-'));
    // On a PostgreSQL run the server gets an empty, migrated database of its own; else PGlite in dataDir.
    database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
    env = { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...(database?.url ? { DATABASE_URL: database.url } : {}) };
  });
  afterAll(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  // A real start on PGlite takes seconds, more while other test files share the two cores.
  it('starts with the demo data, refuses a second writer, and shuts down cleanly on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    const port = await freePort();
    const server = run('src/server.ts', { ...env, PORT: String(port) });
    const exit = finished(server);
    let log = '';
    server.stdout.on('data', (chunk) => {
      log += chunk;
    });
    await expect.poll(() => log, { timeout: 120_000, interval: 200 }).toContain('platform listening');

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', db: database ? 'postgres' : 'pglite' });
    const home = await (
      await fetch(`http://127.0.0.1:${port}/`, { headers: { 'Accept-Language': 'fr' } })
    ).text();
    expect(home).toContain('<html lang="fr" dir="ltr">');
    expect(home).toMatch(/45<\/span> entités/);
    expect(log).toContain('"msg":"demo data loaded into the empty database"');
    expect(log).toMatch(/"reqId":"[\w-]+","method":"GET","path":"\/healthz","status":200/);

    if (!database) {
      const seedWhileRunning = await finished(run('scripts/seed-demo.ts', env));
      expect(seedWhileRunning.code).toBe(1);
      expect(seedWhileRunning.stderr).toContain(`is in use by process ${server.pid}`);
    }

    server.kill('SIGTERM');
    const result = await exit;
    expect(result.code).toBe(0);
    expect(log).toContain('"msg":"shutdown complete"');
    expect(log).toContain('"outcome":"drained"');

    const seedAgain = await finished(run('scripts/seed-demo.ts', env));
    expect(seedAgain.code).toBe(0);
    expect(seedAgain.stdout).toContain(
      'rows added: {"entities":0,"bodies":0,"memberships":0,"chairTerms":0,"memberStates":0,"people":0}',
    );
    const migrate = await finished(run('scripts/migrate.ts', env));
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('Migrations applied');
  });
});
