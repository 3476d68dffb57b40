import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { createAccount } from '../accounts/commands.ts';
import { user } from '../accounts/schema.ts';
import { auditEvents } from '../audit/schema.ts';
import { memberStates } from '../countries/schema.ts';
import { entities } from '../directory/schema.ts';
import { InvitationError, inviteSomeone } from './commands.ts';
import { invitations } from './schema.ts';

let platform: TestPlatform;
let focalCookie: string;
let wcoId: string;
beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  const [wco] = await platform.database.db
    .select({ id: entities.id })
    .from(entities)
    .where(eq(entities.slug, 'wco'));
  wcoId = (wco as { id: string }).id;
  // WCO holds no chair, so its focal point signs in without two-factor.
  await createAccount(platform.database.db, platform.auth, {
    email: 'focal@wco.demo.example',
    name: 'Ada Focal Point (demo, WCO)',
    role: 'entity_focal_point',
    entityId: wcoId,
    password: testPassword,
  });
  const signIn = await platform.postForm(
    '/sign-in',
    { email: 'focal@wco.demo.example', password: testPassword },
    {},
    '203.0.113.7',
  );
  focalCookie = cookiesFrom(signIn);
});
afterAll(() => platform.close());

const invite = (form: Record<string, string>) =>
  platform.postForm('/invitations', form, { Cookie: focalCookie });

async function lastLink(to: string): Promise<string> {
  for (const name of (await platform.outbox.list()).reverse()) {
    const message = await platform.outbox.read(name);
    if (message.includes(`To: ${to}`)) {
      // The body is quoted-printable: undo soft line breaks and =XX escapes before reading the link.
      const body = message
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      const link = body.match(/http:\/\/localhost:3000(\/invitations\/accept\?token=[\w-]+)/)?.[1];
      if (link) return link;
    }
  }
  throw new Error(`no invitation e-mail to ${to}`);
}

describe('an entity focal point invites a colleague', () => {
  it('sends an e-mail with a link, and lists the invitation as pending', async () => {
    const response = await invite({
      email: 'Colleague@WCO.demo.example',
      role: 'entity_member',
      entityId: wcoId,
    });
    expect(response.status).toBe(303);
    expect(await lastLink('colleague@wco.demo.example')).toMatch(/^\/invitations\/accept\?token=/);
    const list = textOf(await (await platform.get('/invitations', { Cookie: focalCookie })).text());
    expect(list).toContain('colleague@wco.demo.example Entity member WCO Pending');
  });

  it('refuses an address outside the entity’s domains, naming them, and keeps what was typed', async () => {
    const response = await invite({ email: 'friend@gmail.com', role: 'entity_member', entityId: wcoId });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(textOf(html)).toContain(
      "The address must be at one of your entity's e-mail domains: wco.demo.example.",
    );
    expect(html).toContain('value="friend@gmail.com"');
    expect(
      await platform.database.db.select().from(invitations).where(eq(invitations.email, 'friend@gmail.com')),
    ).toEqual([]);
  });

  it('refuses a role or an entity the focal point may not give', async () => {
    const admin = await invite({
      email: 'boss@wco.demo.example',
      role: 'secretariat_admin',
      entityId: wcoId,
    });
    expect(admin.status).toBe(400);
    expect(textOf(await admin.text())).toContain('Secretariat administrators are not invited this way.');
    const [unodc] = await platform.database.db
      .select({ id: entities.id })
      .from(entities)
      .where(eq(entities.slug, 'unodc'));
    const other = await invite({
      email: 'someone@wco.demo.example',
      role: 'entity_member',
      entityId: unodc?.id as string,
    });
    expect(other.status).toBe(400);
    expect(textOf(await other.text())).toContain('You can invite people of your own entity only.');
  });

  it('lets the invited person create an account once, with the invited role only', async () => {
    await invite({ email: 'newcomer@wco.demo.example', role: 'entity_member', entityId: wcoId });
    const link = await lastLink('newcomer@wco.demo.example');
    const token = new URL(link, 'http://x').searchParams.get('token') as string;
    const form = await platform.get(link);
    expect(textOf(await form.text())).toContain(
      'You were invited as Entity member for World Customs Organization.',
    );

    const short = await platform.postForm('/invitations/accept', {
      token,
      name: 'Noor Newcomer',
      password: 'short',
    });
    expect(short.status).toBe(400);
    const shortHtml = await short.text();
    expect(textOf(shortHtml)).toContain('Choose a password of at least 12 characters');
    expect(shortHtml).toContain('value="Noor Newcomer"');

    const breached = await platform.postForm('/invitations/accept', {
      token,
      name: 'Noor',
      password: 'password1234',
    });
    expect(textOf(await breached.text())).toContain('breached');

    const accepted = await platform.postForm('/invitations/accept', {
      token,
      name: 'Noor Newcomer',
      password: 'a long and private passphrase',
      role: 'secretariat_admin',
    });
    expect(accepted.status).toBe(200);
    const [created] = await platform.database.db
      .select()
      .from(user)
      .where(eq(user.email, 'newcomer@wco.demo.example'));
    expect(created).toMatchObject({ role: 'entity_member', entityId: wcoId, name: 'Noor Newcomer' });

    const again = await platform.postForm('/invitations/accept', {
      token,
      name: 'Someone Else',
      password: 'another long passphrase',
    });
    expect(again.status).toBe(410);
    expect(textOf(await again.text())).toContain('This invitation has already been used.');

    const signIn = await platform.postForm(
      '/sign-in',
      { email: 'newcomer@wco.demo.example', password: 'a long and private passphrase' },
      {},
      '203.0.113.8',
    );
    expect(signIn.status).toBe(303);
  });

  it('revokes a pending invitation after confirmation; its link then stops working', async () => {
    await invite({ email: 'changed-mind@wco.demo.example', role: 'entity_member', entityId: wcoId });
    const link = await lastLink('changed-mind@wco.demo.example');
    const [row] = await platform.database.db
      .select()
      .from(invitations)
      .where(eq(invitations.email, 'changed-mind@wco.demo.example'));
    const confirm = await platform.get(`/invitations/${row?.id}/revoke`, { Cookie: focalCookie });
    expect(textOf(await confirm.text())).toContain('Revoke the invitation to changed-mind@wco.demo.example?');
    const revoke = await platform.postForm(`/invitations/${row?.id}/revoke`, {}, { Cookie: focalCookie });
    expect(revoke.status).toBe(303);
    const page = await platform.get(link);
    expect(page.status).toBe(410);
    expect(textOf(await page.text())).toContain('This invitation was withdrawn.');
    const actions = (await platform.database.db.select().from(auditEvents)).map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['invitation.created', 'invitation.revoked', 'invitation.accepted']),
    );
  });

  it('says when an invitation has expired, and when a link is not one', async () => {
    await invite({ email: 'late@wco.demo.example', role: 'entity_member', entityId: wcoId });
    const link = await lastLink('late@wco.demo.example');
    await platform.database.db.execute(
      sql`update invitations set expires_at = now() - interval '1 day' where email = 'late@wco.demo.example'`,
    );
    expect(textOf(await (await platform.get(link)).text())).toContain('This invitation has expired.');
    const unknown = await platform.get('/invitations/accept?token=not-a-real-token');
    expect(unknown.status).toBe(404);
  });
});

describe('who may not invite', () => {
  it('sends a visitor to sign in and refuses an entity member', async () => {
    expect((await platform.get('/invitations')).headers.get('Location')).toBe(
      '/sign-in?returnTo=%2Finvitations',
    );
    const member = await platform.postForm(
      '/sign-in',
      { email: 'interpol@demo.example', password: testPassword },
      {},
      '203.0.113.9',
    );
    const cookie = cookiesFrom(member);
    expect((await platform.get('/invitations', { Cookie: cookie })).status).toBe(403);
    expect(
      (await platform.postForm('/invitations', { email: 'x@interpol.demo.example' }, { Cookie: cookie }))
        .status,
    ).toBe(403);
  });

  it('lets the secretariat invite a Member State focal point but nobody as administrator', async () => {
    const [secretariat] = await platform.database.db
      .select()
      .from(user)
      .where(eq(user.email, 'secretariat@demo.example'));
    const [kenya] = await platform.database.db
      .select({ id: memberStates.id })
      .from(memberStates)
      .where(eq(memberStates.iso3, 'KEN'));
    const actor = { kind: 'secretariat' as const, userId: secretariat?.id as string, entityId: null };
    const deps = { db: platform.database.db, mailer: platform.outbox, baseUrl: 'http://localhost:3000' };
    const mail = (link: string) => ({ subject: 'Invitation', text: link });
    await inviteSomeone(
      deps,
      actor,
      {
        email: 'desk@mfa.go.ke',
        role: 'member_state_focal_point',
        entityId: null,
        memberStateId: kenya?.id as string,
      },
      mail,
    );
    await expect(
      inviteSomeone(
        deps,
        actor,
        { email: 'x@unoct.demo.example', role: 'secretariat_admin', entityId: null, memberStateId: null },
        mail,
      ),
    ).rejects.toThrow(InvitationError);
    await expect(
      inviteSomeone(
        deps,
        actor,
        {
          email: 'desk@mfa.go.ke',
          role: 'member_state_focal_point',
          entityId: null,
          memberStateId: kenya?.id as string,
        },
        mail,
      ),
    ).rejects.toThrow('already_invited');
  });
});
