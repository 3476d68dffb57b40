import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Auth } from '../accounts/auth.ts';
import { createAccount } from '../accounts/commands.ts';
import { isBreachedPassword, minimumPasswordLength } from '../accounts/passwords.ts';
import { user } from '../accounts/schema.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Actor } from '../policy/actor.ts';
import {
  type InvitationRefusal,
  type InvitationRequest,
  invitationRefusal,
  mayManageInvitation,
} from './rules.ts';
import { invitations } from './schema.ts';

export const invitationLifetimeDays = 14;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class InvitationError extends Error {
  constructor(readonly reason: InvitationRefusal | 'already_member' | 'already_invited' | 'not_found') {
    super(reason);
    this.name = 'InvitationError';
  }
}

/**
 * Invites someone (ADR 0016): checks the rules, stores the invitation with a hash of a fresh token, audits
 * it in the same transaction, then e-mails the link. Returns the invitation's id.
 */
export async function inviteSomeone(
  deps: { db: Db; mailer: Mailer; baseUrl: string },
  actor: Actor & { userId: string },
  request: InvitationRequest,
  mail: (link: string) => { subject: string; text: string },
): Promise<string> {
  const email = request.email.trim().toLowerCase();
  const [entity] = request.entityId
    ? await deps.db
        .select({ emailDomains: entities.emailDomains })
        .from(entities)
        .where(eq(entities.id, request.entityId))
    : [];
  const refusal = invitationRefusal(actor, { ...request, email }, entity?.emailDomains ?? []);
  if (refusal) throw new InvitationError(refusal);
  const token = randomBytes(32).toString('base64url');
  const id = await deps.db.transaction(async (tx) => {
    const [existingUser] = await tx.select({ id: user.id }).from(user).where(eq(user.email, email));
    if (existingUser) throw new InvitationError('already_member');
    const [pending] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      );
    if (pending) throw new InvitationError('already_invited');
    const [row] = await tx
      .insert(invitations)
      .values({
        email,
        role: request.role,
        entityId: request.entityId,
        memberStateId: request.memberStateId,
        invitedBy: actor.userId,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + invitationLifetimeDays * 24 * 60 * 60 * 1000),
      })
      .returning({ id: invitations.id });
    const invitationId = (row as { id: string }).id;
    await recordAudit(tx, {
      action: 'invitation.created',
      subjectType: 'invitation',
      subjectId: invitationId,
      actorUserId: actor.userId,
      details: {
        email,
        role: request.role,
        entityId: request.entityId,
        memberStateId: request.memberStateId,
      },
    });
    return invitationId;
  });
  await deps.mailer.send({ to: email, ...mail(`${deps.baseUrl}/invitations/accept?token=${token}`) });
  return id;
}

/** Revokes a pending invitation the actor may manage; an accepted or already revoked one stays as it is. */
export async function revokeInvitation(
  db: Db,
  actor: Actor & { userId: string },
  invitationId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [invitation] = await tx.select().from(invitations).where(eq(invitations.id, invitationId));
    if (!invitation || !mayManageInvitation(actor, invitation)) throw new InvitationError('not_found');
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
      )
      .returning({ id: invitations.id });
    if (revoked.length > 0) {
      await recordAudit(tx, {
        action: 'invitation.revoked',
        subjectType: 'invitation',
        subjectId: invitationId,
        actorUserId: actor.userId,
        details: { email: invitation.email },
      });
    }
  });
}

export type AcceptProblem =
  | 'unknown'
  | 'expired'
  | 'used'
  | 'revoked'
  | 'password_short'
  | 'password_breached'
  | 'name_missing';

/** The state of the invitation behind a token, for the accept page; never the token itself. */
export async function findInvitation(db: Db, token: string) {
  const [invitation] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!invitation) return { problem: 'unknown' as const, invitation: null };
  if (invitation.acceptedAt) return { problem: 'used' as const, invitation };
  if (invitation.revokedAt) return { problem: 'revoked' as const, invitation };
  if (invitation.expiresAt <= new Date()) return { problem: 'expired' as const, invitation };
  return { problem: null, invitation };
}

/**
 * Accepts an invitation: in one transaction, marks it used (only if it is still pending and unexpired:
 * the same statement checks and sets, so a token works once even under concurrent use) and creates the
 * account with the invited role and affiliation, never any the form might send.
 */
export async function acceptInvitation(
  db: Db,
  auth: Auth,
  token: string,
  input: { name: string; password: string },
): Promise<{ ok: true; email: string } | { ok: false; problem: AcceptProblem }> {
  const name = input.name.trim();
  if (!name) return { ok: false, problem: 'name_missing' };
  if (input.password.length < minimumPasswordLength) return { ok: false, problem: 'password_short' };
  if (isBreachedPassword(input.password)) return { ok: false, problem: 'password_breached' };
  const found = await findInvitation(db, token);
  if (found.problem) return { ok: false, problem: found.problem };
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(invitations.tokenHash, hashToken(token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!claimed) return { ok: false as const, problem: 'used' as const };
    const userId = await createAccount(tx as unknown as Db, auth, {
      email: claimed.email,
      name,
      role: claimed.role,
      entityId: claimed.entityId,
      memberStateId: claimed.memberStateId,
      password: input.password,
    });
    await recordAudit(tx, {
      action: 'invitation.accepted',
      subjectType: 'invitation',
      subjectId: claimed.id,
      actorUserId: userId,
      details: { email: claimed.email, role: claimed.role },
    });
    return { ok: true as const, email: claimed.email };
  });
}
