import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { memberStates } from '../countries/schema.ts';
import { entities } from '../directory/schema.ts';

/**
 * Better Auth's tables (ADR 0015). The adapter finds them by these export names (`user`, `session`, ...),
 * so they must not be renamed. `role`, `entityId` and `memberStateId` are ours: who the user is in the
 * Compact. They are never set from a form or the API, only by the platform's own commands.
 */
const tz = { withTimezone: true } as const;

export const roles = [
  'secretariat_admin',
  'entity_focal_point',
  'entity_member',
  'member_state_focal_point',
] as const;
export type Role = (typeof roles)[number];

export const user = pgTable(
  'user',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').default(false).notNull(),
    image: text('image'),
    createdAt: timestamp('created_at', tz).defaultNow().notNull(),
    updatedAt: timestamp('updated_at', tz)
      .defaultNow()
      .$onUpdate(() => new Date())
      .notNull(),
    twoFactorEnabled: boolean('two_factor_enabled').default(false),
    role: text('role').$type<Role>().notNull(),
    entityId: uuid('entity_id').references(() => entities.id, { onDelete: 'restrict' }),
    memberStateId: uuid('member_state_id').references(() => memberStates.id, { onDelete: 'restrict' }),
  },
  (t) => [
    index('user_entity_idx').on(t.entityId),
    // Exactly one affiliation, and the one the role implies.
    check(
      'user_affiliation_matches_role',
      sql`(${t.role} = 'secretariat_admin' and ${t.memberStateId} is null)
        or (${t.role} in ('entity_focal_point', 'entity_member') and ${t.entityId} is not null and ${t.memberStateId} is null)
        or (${t.role} = 'member_state_focal_point' and ${t.memberStateId} is not null and ${t.entityId} is null)`,
    ),
  ],
);

export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', tz).notNull(),
    token: text('token').notNull().unique(),
    createdAt: timestamp('created_at', tz).defaultNow().notNull(),
    updatedAt: timestamp('updated_at', tz)
      .$onUpdate(() => new Date())
      .notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const account = pgTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', tz),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', tz),
    scope: text('scope'),
    password: text('password'),
    createdAt: timestamp('created_at', tz).defaultNow().notNull(),
    updatedAt: timestamp('updated_at', tz)
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (t) => [
    index('account_user_idx').on(t.userId),
    // One provider identity (for single sign-on: issuer and subject, ADR 0019) is one account, ever.
    uniqueIndex('account_provider_account_key').on(t.providerId, t.accountId),
  ],
);

export const verification = pgTable(
  'verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', tz).notNull(),
    createdAt: timestamp('created_at', tz).defaultNow().notNull(),
    updatedAt: timestamp('updated_at', tz)
      .defaultNow()
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

export const twoFactor = pgTable(
  'two_factor',
  {
    id: text('id').primaryKey(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    verified: boolean('verified').default(true),
    failedVerificationCount: integer('failed_verification_count').default(0),
    lockedUntil: timestamp('locked_until', tz),
  },
  (t) => [index('two_factor_secret_idx').on(t.secret), index('two_factor_user_idx').on(t.userId)],
);

/**
 * API keys (ADR 0017): only a hash of the key is stored, with its first characters for recognition.
 * A key acts for its owner and never for more than the owner may do; `permissions` holds its scope.
 */
export const apikey = pgTable(
  'apikey',
  {
    id: text('id').primaryKey(),
    configId: text('config_id').default('default').notNull(),
    name: text('name'),
    start: text('start'),
    referenceId: text('reference_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    prefix: text('prefix'),
    key: text('key').notNull(),
    refillInterval: integer('refill_interval'),
    refillAmount: integer('refill_amount'),
    lastRefillAt: timestamp('last_refill_at', tz),
    enabled: boolean('enabled').default(true),
    rateLimitEnabled: boolean('rate_limit_enabled').default(true),
    rateLimitTimeWindow: integer('rate_limit_time_window').default(86400000),
    rateLimitMax: integer('rate_limit_max').default(10),
    requestCount: integer('request_count').default(0),
    remaining: integer('remaining'),
    lastRequest: timestamp('last_request', tz),
    expiresAt: timestamp('expires_at', tz),
    createdAt: timestamp('created_at', tz).notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
    permissions: text('permissions'),
    metadata: text('metadata'),
  },
  (t) => [
    index('apikey_config_idx').on(t.configId),
    index('apikey_reference_idx').on(t.referenceId),
    index('apikey_key_idx').on(t.key),
  ],
);

/** Sign-in and reset attempts per client and path; in the database so every instance counts together. */
export const rateLimit = pgTable('rate_limit', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});
