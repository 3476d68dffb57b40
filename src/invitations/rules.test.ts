import { describe, expect, it } from 'vitest';
import type { Actor } from '../policy/actor.ts';
import { type InvitationRequest, invitationRefusal, mayInvite, mayManageInvitation } from './rules.ts';

const unodc = 'entity-unodc';
const interpol = 'entity-interpol';
const kenya = 'state-kenya';
const secretariat: Actor = { kind: 'secretariat', userId: 's', entityId: null };
const focal = (entityId: string): Actor => ({
  kind: 'entity',
  userId: 'f',
  entityId,
  entityKind: 'un',
  focalPoint: true,
  bodyIds: [],
  chairedBodyIds: [],
});
const member: Actor = { ...(focal(unodc) as Extract<Actor, { kind: 'entity' }>), focalPoint: false };
const state: Actor = { kind: 'member_state', userId: 'k', memberStateId: kenya };

const toUnodc = (email: string, role: InvitationRequest['role'] = 'entity_member'): InvitationRequest => ({
  email,
  role,
  entityId: unodc,
  memberStateId: null,
});
const toKenya: InvitationRequest = {
  email: 'desk@mfa.go.ke',
  role: 'member_state_focal_point',
  entityId: null,
  memberStateId: kenya,
};
const domains = ['unodc.org'];

describe('who may invite whom', () => {
  it.each([
    [
      'the secretariat invites an entity focal point',
      secretariat,
      toUnodc('a@anywhere.org', 'entity_focal_point'),
      null,
    ],
    ['the secretariat invites a Member State focal point', secretariat, toKenya, null],
    ['the secretariat invites an entity member', secretariat, toUnodc('a@anywhere.org'), null],
    [
      'nobody invites a secretariat administrator',
      secretariat,
      { ...toUnodc('a@unodc.org'), role: 'secretariat_admin' as const },
      'role_not_invitable',
    ],
    [
      'an entity invitation names an entity',
      secretariat,
      { ...toUnodc('a@unodc.org'), entityId: null },
      'affiliation_missing',
    ],
    [
      'a Member State invitation names no entity',
      secretariat,
      { ...toKenya, entityId: unodc },
      'affiliation_missing',
    ],
    [
      'a focal point invites a colleague at the entity’s domain',
      focal(unodc),
      toUnodc('colleague@unodc.org'),
      null,
    ],
    [
      'a focal point invites another focal point of the entity',
      focal(unodc),
      toUnodc('other@UNODC.org', 'entity_focal_point'),
      null,
    ],
    [
      'a focal point may not invite outside the entity’s domains',
      focal(unodc),
      toUnodc('friend@gmail.com'),
      'wrong_domain',
    ],
    [
      'a focal point may not invite for another entity',
      focal(interpol),
      toUnodc('a@unodc.org'),
      'other_entity',
    ],
    ['a focal point may not invite a Member State focal point', focal(unodc), toKenya, 'not_allowed'],
    ['an entity member may not invite', member, toUnodc('a@unodc.org'), 'not_allowed'],
    ['a Member State focal point may not invite', state, toKenya, 'not_allowed'],
    ['a visitor may not invite', { kind: 'anonymous' } as Actor, toUnodc('a@unodc.org'), 'not_allowed'],
  ])('%s', (_name, actor, request, refusal) => {
    expect(invitationRefusal(actor, request, domains)).toBe(refusal);
  });

  it('lets focal points manage only their entity’s invitations', () => {
    expect(mayManageInvitation(focal(unodc), { entityId: unodc })).toBe(true);
    expect(mayManageInvitation(focal(unodc), { entityId: interpol })).toBe(false);
    expect(mayManageInvitation(secretariat, { entityId: null })).toBe(true);
    expect(mayManageInvitation(member, { entityId: unodc })).toBe(false);
    expect([secretariat, focal(unodc), member, state].map(mayInvite)).toEqual([true, true, false, false]);
  });
});
