import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { Auth } from './auth.ts';
import { account, type Role, user } from './schema.ts';

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  entityId?: string | null;
  memberStateId?: string | null;
  password: string;
}

/**
 * Creates a user with a password in one transaction, hashed the way Better Auth hashes (ADR 0015).
 * The only way a role or an affiliation is ever set: never from a form or the API.
 */
export async function createAccount(db: Db, auth: Auth, input: NewAccount): Promise<string> {
  const context = await auth.$context;
  const hash = await context.password.hash(input.password);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(user).values({
      id,
      email: input.email.toLowerCase(),
      name: input.name,
      emailVerified: true,
      role: input.role,
      entityId: input.entityId ?? null,
      memberStateId: input.memberStateId ?? null,
    });
    await tx
      .insert(account)
      .values({ id: randomUUID(), accountId: id, providerId: 'credential', userId: id, password: hash });
  });
  return id;
}
