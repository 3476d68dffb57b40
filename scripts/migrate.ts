import { DatabaseUnavailableError, openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { ConfigError, parseEnv } from '../src/env.ts';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
try {
  const env = parseEnv(process.env);
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await runMigrations(database);
    process.stdout.write(`Migrations applied (${database.engine}).\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError;
  process.stderr.write(`migrate: ${known ? (error as Error).message : (error as Error).stack}\n`);
  process.exitCode = 1;
}
