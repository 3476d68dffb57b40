import { z } from 'zod';
import { accessLevels } from '../policy/levels.ts';
import { choice, isoDay, optionalText, optionalUrl, requiredText, versionField } from '../web/input.ts';
import { actionItemStatuses, meetingTypes, modalities } from './schema.ts';
import { isTimeZone } from './time.ts';

/** A form's list field: one value arrives as a string, several as an array, none as nothing. */
const list = (item: z.ZodType<string>) =>
  z
    .union([z.array(item), item.transform((value) => [value])])
    .optional()
    .transform((values) => [...new Set((values ?? []).filter((value) => value !== ''))]);

const slug = z
  .string()
  .trim()
  .max(80)
  .regex(/^[a-z0-9-]*$/, 'bad_choice');
const wallTime = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'bad_time');

/** The meeting form and the API's meeting body. */
export const meetingInput = z.object({
  title: requiredText(300),
  description: optionalText(4000),
  type: choice(meetingTypes),
  body: slug.optional().transform((value) => value || null),
  startDay: isoDay,
  startTime: wallTime,
  endDay: isoDay,
  endTime: wallTime,
  timeZone: z.string().trim().refine(isTimeZone, 'bad_time_zone'),
  modality: choice(modalities),
  venue: optionalText(300),
  onlineLink: optionalUrl,
  level: choice(accessLevels),
  regions: list(z.string().max(60)),
});
export type MeetingInput = z.infer<typeof meetingInput>;

export const meetingEditInput = meetingInput.extend({ version: versionField });

/** Who to invite: bodies and entities by slug, people by account id, Member States by UN regional group. */
export const invitationInput = z.object({
  bodies: list(slug),
  entities: list(slug),
  people: list(z.string().max(64)),
  regionalGroups: list(z.string().max(60)),
});
export type InvitationInput = z.infer<typeof invitationInput>;

/**
 * The agenda, as the form sends it: one title, presenters (acronyms) and documents (addresses or ids) per
 * row; empty rows are dropped. `agendaVersion` catches two people editing it at once.
 */
export const agendaInput = z.object({
  agendaVersion: versionField,
  itemTitle: list(z.string()).pipe(z.array(z.string().trim().max(300, 'too_long'))),
  itemPresenters: z.union([z.array(z.string()), z.string()]).optional(),
  itemDocuments: z.union([z.array(z.string()), z.string()]).optional(),
});

export const minutesInput = z.object({
  version: versionField,
  text: requiredText(100_000),
  decisions: z.string().max(20_000, 'too_long').optional().default(''),
});

export const actionItemInput = z.object({
  title: requiredText(500),
  ownerEntity: slug.optional().transform((value) => value || null),
  ownerUser: z
    .string()
    .max(64)
    .optional()
    .transform((value) => value || null),
  dueOn: isoDay,
});

export const actionItemStatusInput = z.object({
  version: versionField,
  status: choice(actionItemStatuses),
});

/** Attendance: one representative per line, "Name; ACRONYM" for an entity or "Name; ISO3" for a State. */
export const attendanceInput = z.object({
  attendees: z.string().max(100_000, 'too_long').default(''),
});

export const cancellationInput = z.object({
  version: versionField,
  note: optionalText(1000),
});
