import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entities } from '../directory/schema.ts';
import { user } from './schema.ts';

const tz = { withTimezone: true } as const;

/**
 * An entity's OpenID Connect provider (ADR 0019), in the table and under the field names the
 * `@better-auth/sso` plugin reads (`ssoProvider`: issuer, oidcConfig, providerId, domain, userId,
 * organizationId, samlConfig). The plugin never writes it: the secretariat's page does, through
 * `configureSsoProvider`. `entityId` and `disabledAt` are ours.
 *
 * `providerId` is `oidc-<entity slug>`, so the callback address is known before the provider is added.
 * Its issuer never changes once set: an account is keyed by (providerId, subject), so one providerId
 * must always mean one issuer. `oidcConfig` is JSON holding the client secret; it is never shown back.
 */
export const ssoProvider = pgTable(
  'sso_provider',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id').notNull(),
    issuer: text('issuer').notNull(),
    oidcConfig: text('oidc_config'),
    /** Always null: SAML is not offered (ADR 0019). Present because the plugin selects it. */
    samlConfig: text('saml_config'),
    /** Informational copy of the entity's e-mail domains when configured; sign-in checks the entity's own. */
    domain: text('domain').notNull(),
    /** Unused (no organisation plugin); present because the plugin selects it. */
    organizationId: text('organization_id'),
    /** The secretariat administrator who configured it. */
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    entityId: uuid('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    disabledAt: timestamp('disabled_at', tz),
    createdAt: timestamp('created_at', tz).defaultNow().notNull(),
    updatedAt: timestamp('updated_at', tz)
      .defaultNow()
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (t) => [
    uniqueIndex('sso_provider_provider_id_key').on(t.providerId),
    // One provider per entity: its callback address is derived from the entity.
    uniqueIndex('sso_provider_entity_key').on(t.entityId),
  ],
);

export type SsoProviderRow = typeof ssoProvider.$inferSelect;
