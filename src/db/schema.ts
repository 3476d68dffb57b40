import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export * from '../accounts/schema.ts';
export * from '../accounts/sso-schema.ts';
export * from '../audit/schema.ts';
export * from '../bodies/schema.ts';
export * from '../countries/schema.ts';
export * from '../cted/schema.ts';
export * from '../directory/schema.ts';
export * from '../documents/schema.ts';
export * from '../invitations/schema.ts';
export * from '../meetings/schema.ts';
export * from '../people/schema.ts';
export * from '../workplans/schema.ts';

/** Facts about this installation, such as when the demo data was first loaded. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
