/**
 * Who is asking (ADR 0013). Every account belongs to exactly one Compact entity, one Member State, or
 * the secretariat (UNOCT staff acting as administrators). Body memberships and chairs are facts about the
 * user's entity on the day of the request, derived from dated memberships and chair terms, never stored
 * on the user.
 */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'secretariat';
      userId: string;
      /** The secretariat's own entity (UNOCT), whose records and named shares it sees as its own. */
      entityId: string | null;
    }
  | {
      kind: 'entity';
      userId: string;
      entityId: string;
      entityKind: 'un' | 'non_un';
      focalPoint: boolean;
      bodyIds: readonly string[];
      chairedBodyIds: readonly string[];
    }
  | { kind: 'member_state'; userId: string; memberStateId: string };
