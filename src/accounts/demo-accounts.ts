import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { listBodiesOn } from '../bodies/queries.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import { today } from '../web/i18n/format.ts';
import type { Auth } from './auth.ts';
import { createAccount } from './commands.ts';
import { type Role, user } from './schema.ts';

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  /** Acronym of the entity, `chair:etcip` for the entity chairing ETCIP on the day of loading, or none. */
  entity?: string;
  memberState?: string;
}

/** One account per role, for a UN and a non-UN entity; the names are fictional (ADR 0008). */
export const demoAccounts: DemoAccount[] = [
  {
    email: 'secretariat@demo.example',
    name: 'Amina Secretariat (demo)',
    role: 'secretariat_admin',
    entity: 'UNOCT',
  },
  { email: 'unodc@demo.example', name: 'Luca Member (demo, UNODC)', role: 'entity_member', entity: 'UNODC' },
  {
    email: 'unodc-focal@demo.example',
    name: 'Mei Focal Point (demo, UNODC)',
    role: 'entity_focal_point',
    entity: 'UNODC',
  },
  {
    email: 'interpol@demo.example',
    name: 'Jonas Member (demo, INTERPOL)',
    role: 'entity_member',
    entity: 'INTERPOL',
  },
  { email: 'cted@demo.example', name: 'Sofia Analyst (demo, CTED)', role: 'entity_member', entity: 'CTED' },
  {
    email: 'etcip-chair@demo.example',
    name: 'Omar Chair (demo, ETCIP)',
    role: 'entity_member',
    entity: 'chair:etcip',
  },
  {
    email: 'kenya@demo.example',
    name: 'Wanjiru Focal Point (demo, Kenya)',
    role: 'member_state_focal_point',
    memberState: 'KEN',
  },
];

export interface DemoAccountsReport {
  created: string[];
  /** Set only when accounts were created with a generated password, so it can be shown once. */
  generatedPassword: string | null;
}

/** Creates the demo accounts that do not exist yet; never changes an existing one. */
export async function loadDemoAccounts(
  db: Db,
  auth: Auth,
  configuredPassword?: string,
): Promise<DemoAccountsReport> {
  const existing = new Set(
    (
      await db
        .select({ email: user.email })
        .from(user)
        .where(
          inArray(
            user.email,
            demoAccounts.map((a) => a.email),
          ),
        )
    ).map((row) => row.email),
  );
  const missing = demoAccounts.filter((demo) => !existing.has(demo.email));
  if (missing.length === 0) return { created: [], generatedPassword: null };

  const password = configuredPassword ?? randomBytes(12).toString('base64url');
  const chairOfEtcip = (await listBodiesOn(db, today())).find((body) => body.slug === 'etcip')?.chairs[0]
    ?.acronym;
  const created: string[] = [];
  for (const demo of missing) {
    const acronym = demo.entity === 'chair:etcip' ? chairOfEtcip : demo.entity;
    const [entity] = acronym
      ? await db.select({ id: entities.id }).from(entities).where(eq(entities.acronym, acronym))
      : [];
    const [state] = demo.memberState
      ? await db
          .select({ id: memberStates.id })
          .from(memberStates)
          .where(and(eq(memberStates.iso3, demo.memberState)))
      : [];
    if ((demo.entity && !entity) || (demo.memberState && !state)) continue;
    await createAccount(db, auth, {
      email: demo.email,
      name: demo.name,
      role: demo.role,
      entityId: entity?.id ?? null,
      memberStateId: state?.id ?? null,
      password,
    });
    created.push(demo.email);
  }
  return { created, generatedPassword: configuredPassword || created.length === 0 ? null : password };
}
