import { jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../web/i18n/locales.ts';

/** The 193 UN Member States, with their UN geographic region and subregion and their UN regional group. */
export const memberStates = pgTable(
  'member_states',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    iso3: text('iso3').notNull(),
    iso2: text('iso2').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    region: text('region').notNull(),
    subregion: text('subregion').notNull(),
    regionalGroup: text('regional_group').notNull(),
  },
  (t) => [uniqueIndex('member_states_iso3_key').on(t.iso3)],
);
