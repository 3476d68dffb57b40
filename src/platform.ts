import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { type Auth, createAuth } from './accounts/auth.ts';
import { type DemoAccountsReport, loadDemoAccounts } from './accounts/demo-accounts.ts';
import { authSecret } from './accounts/secret.ts';
import { createApp } from './app.ts';
import { openBlobStore } from './blobs/open.ts';
import { PageCache } from './cache/page-cache.ts';
import { type Database, openDatabase } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { loadDemoCountriesIfEmpty } from './demo/countries.ts';
import { loadDemoDocumentsIfEmpty } from './demo/documents.ts';
import { loadDemoMeetingsIfEmpty } from './demo/meetings.ts';
import { loadDemoDataIfEmpty } from './demo/seed.ts';
import { extractText } from './documents/extraction/index.ts';
import { DocumentJobs } from './documents/jobs.ts';
import { refreshSearchIndexWhere } from './documents/search-index.ts';
import type { Env } from './env.ts';
import { outboxMailer, smtpMailer } from './mail/mailer.ts';
import { startReminders } from './meetings/reminders.ts';
import type { Logger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';
import type { AppEnv } from './web/context.ts';
import { today } from './web/i18n/format.ts';

export interface Platform {
  app: Hono<AppEnv>;
  database: Database;
  cache: PageCache;
  auth: Auth;
  /** Demo accounts made at this start, with the generated password to show once. */
  demoAccounts: DemoAccountsReport | null;
  documentJobs: DocumentJobs;
  close(): Promise<void>;
}

/** The channel on which the database announces changes to data that pages show (ADR 0009). */
export const dataChangedChannel = 'data_changed';

/**
 * Everything `npm start` does before it listens: open the database, migrate it, load the demo into an
 * empty one, and wire cache invalidation to the database's change notifications.
 */
export async function startPlatform(env: Env, log: Logger, database?: Database): Promise<Platform> {
  const db = database ?? (await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR }));
  try {
    if (db.engine === 'postgres' && db.plannerSettings === 'per-transaction')
      log.warn(
        'PostgreSQL (or a pooler in front of it) does not apply the options connection parameter: ' +
          'searches set their planner settings in a transaction each, two round trips more (README, connections)',
      );
    await runMigrations(db);
    const mailer = env.SMTP_URL
      ? smtpMailer(env.SMTP_URL)
      : outboxMailer(path.resolve(env.DATA_DIR, 'outbox'));
    const auth = createAuth({
      db: db.db,
      baseUrl: env.BASE_URL,
      secret: await authSecret(db.db, env.AUTH_SECRET),
      log,
      mailer,
      trustedIdentityProviders: env.OIDC_TRUSTED_ORIGINS,
    });
    let demoAccounts: DemoAccountsReport | null = null;
    if (env.DEMO_DATA === 'on') {
      const report = await loadDemoDataIfEmpty(db.db);
      if (report) {
        log.info({ report }, 'demo data loaded into the empty database');
        demoAccounts = await loadDemoAccounts(db.db, auth, env.DEMO_PASSWORD);
      }
    }
    const blobs = openBlobStore(env);
    // Documents indexed before the ranking vector existed (migration 0011) get it now; none after that.
    await refreshSearchIndexWhere(
      db.db,
      sql`d.id in (select document_id from document_search where rank_vector is null)`,
    );
    if (env.DEMO_DATA === 'on') {
      const documents = await loadDemoDocumentsIfEmpty(db.db, blobs, today());
      if (documents) log.info({ documents }, 'demo documents loaded into the empty library');
      const meetingsLoaded = await loadDemoMeetingsIfEmpty(db.db);
      if (meetingsLoaded) log.info({ meetings: meetingsLoaded }, 'demo meetings loaded');
      const countries = await loadDemoCountriesIfEmpty(db.db);
      if (countries) log.info({ countries }, 'demo country pages and CTED assessments loaded');
    }
    const documentJobs = new DocumentJobs({ db: db.db, blobs, extract: extractText, log });
    const cache = new PageCache();
    const stopListening = await db.listen(
      dataChangedChannel,
      () => cache.invalidate(),
      () => cache.invalidate(),
    );
    const app = await createApp({
      env,
      database: db,
      cache,
      log,
      metrics: createMetrics(cache),
      auth,
      mailer,
      blobs,
      documentJobs,
    });
    documentJobs.start();
    const stopReminders = startReminders({ database: db, mailer, env, log });
    return {
      app,
      database: db,
      cache,
      auth,
      demoAccounts,
      documentJobs,
      async close() {
        stopReminders();
        await documentJobs.stop();
        await stopListening();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
