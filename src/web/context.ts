import type { Logger } from 'pino';
import type { VerifiedKey } from '../accounts/api-keys.ts';
import type { Auth } from '../accounts/auth.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { BlobStore } from '../blobs/store.ts';
import type { PageCache } from '../cache/page-cache.ts';
import type { Database } from '../db/client.ts';
import type { DocumentJobs } from '../documents/jobs.ts';
import type { Env } from '../env.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Locale } from './i18n/locales.ts';
import type { Translate } from './i18n/translate.ts';

/** What every module receives from the composition root (src/app.ts): nothing global, nothing hidden. */
export interface AppDeps {
  env: Env;
  database: Database;
  cache: PageCache;
  log: Logger;
  metrics: Metrics;
  auth: Auth;
  mailer: Mailer;
  /** Where the document library keeps its files (ADR 0021). */
  blobs: BlobStore;
  /** Background work of the document library: text extraction, declassification, sweeping. */
  documentJobs: DocumentJobs;
}

/** Per-request values set by middleware, typed for every handler. */
export interface AppEnv {
  Variables: {
    requestId: string;
    language: string;
    locale: Locale;
    t: Translate;
    log: Logger;
    /** The signed-in person, or null for a visitor. */
    viewer: Viewer | null;
    /** Origins forms on this page may end at besides the platform: identity providers on /sign-in. */
    formTargets: string[];
    /** Set by markDataChanged when the request changed data that pages show. */
    dataChanged: boolean;
    /** The content security policy of a file sent from the document library, instead of the pages'. */
    filePolicy?: string;
    /** The API key that authenticated this request, if one did. */
    apiKey: VerifiedKey | null;
  };
}
