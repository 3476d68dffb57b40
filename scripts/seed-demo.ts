import path from 'node:path';
import { createAuth } from '../src/accounts/auth.ts';
import { loadDemoAccounts } from '../src/accounts/demo-accounts.ts';
import { authSecret } from '../src/accounts/secret.ts';
import { DatabaseUnavailableError, openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { loadDemoData } from '../src/demo/seed.ts';
import { ConfigError, parseEnv } from '../src/env.ts';
import { outboxMailer } from '../src/mail/mailer.ts';
import { createLogger } from '../src/observability/logger.ts';

/**
 * `npm run seed:demo`: loads the 2022 demo again. Only missing rows are added; rows a user changed are
 * left as they are (ADR 0008).
 */
try {
  const env = parseEnv(process.env);
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await runMigrations(database);
    const report = await loadDemoData(database.db);
    process.stdout.write(`Demo data loaded (${database.engine}); rows added: ${JSON.stringify(report)}\n`);
    const auth = createAuth({
      db: database.db,
      baseUrl: env.BASE_URL,
      secret: await authSecret(database.db, env.AUTH_SECRET),
      log: createLogger('warn'),
      mailer: outboxMailer(path.resolve(env.DATA_DIR, 'outbox')),
    });
    const accounts = await loadDemoAccounts(database.db, auth, env.DEMO_PASSWORD);
    if (accounts.created.length > 0) {
      process.stdout.write(`Demo accounts created: ${accounts.created.join(', ')}\n`);
      process.stdout.write(
        `Their password: ${accounts.generatedPassword ?? '(the value of DEMO_PASSWORD)'}\n`,
      );
    } else {
      process.stdout.write('Demo accounts: all present, left as they are.\n');
    }
  } finally {
    await database.close();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError;
  process.stderr.write(`seed:demo: ${known ? (error as Error).message : (error as Error).stack}\n`);
  process.exitCode = 1;
}
