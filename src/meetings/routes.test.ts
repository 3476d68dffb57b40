import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { loadDemoMeetingsIfEmpty } from '../demo/meetings.ts';
import { sendDueReminders } from './reminders.ts';

let platform: TestPlatform;
let chair: string;
let unodc: string;
let kenya: string;
let secretariat: string;

const signIn = async (email: string, ip: string) =>
  cookiesFrom(await platform.postForm('/sign-in', { email, password: testPassword }, {}, ip));

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  await loadDemoMeetingsIfEmpty(platform.database.db);
  chair = await signInEnrolled(platform, 'etcip-chair@demo.example', '203.0.113.90');
  secretariat = await signInEnrolled(platform, 'secretariat@demo.example', '203.0.113.93');
  unodc = await signInEnrolled(platform, 'unodc@demo.example', '203.0.113.91');
  kenya = await signIn('kenya@demo.example', '203.0.113.92');
});
afterAll(() => platform.close());

const reminderDeps = () => ({
  database: platform.database,
  mailer: platform.outbox,
  env: { BASE_URL: 'http://localhost:3000' },
});

const page = async (path: string, cookie?: string) => {
  const response = await platform.get(path, cookie ? { Cookie: cookie } : {});
  return { status: response.status, html: await response.text(), response };
};
const post = (path: string, form: Record<string, string>, cookie: string) =>
  platform.postForm(path, form, { Cookie: cookie });
/** Forms with repeated fields (lists, agenda rows). */
const postMany = (path: string, pairs: [string, string][], cookie: string) =>
  platform.app.request(`http://localhost:3000${path}`, {
    method: 'POST',
    body: new URLSearchParams(pairs),
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost:3000',
      Cookie: cookie,
    },
  });

const meetingForm = (changes: Record<string, string> = {}) => ({
  title: 'ETCIP meeting on drones',
  type: 'regular',
  body: 'etcip',
  timeZone: 'Europe/Vienna',
  startDay: '2027-02-10',
  startTime: '15:00',
  endDay: '2027-02-10',
  endTime: '17:00',
  modality: 'hybrid',
  venue: 'Vienna International Centre',
  onlineLink: 'https://meet.example.org/etcip-drones',
  level: 'body',
  description: '',
  ...changes,
});

describe('figures of 2022 from the demo data', () => {
  it('counts 37 working-group meetings (32 regular, 5 in-focus), the principal-level committee meeting, briefings and conferences', async () => {
    const { html } = await page('/meetings/figures?year=2022', unodc);
    const text = textOf(html);
    expect(text).toContain('37 meetings (32 regular quarterly meetings and 5 in-focus discussions)');
    expect(text).toContain('Principal-level committee meeting: 1');
    expect(text).toContain('Briefing for Member States: 4');
    expect(text).toContain('Conference: 2');
  });

  it('gives the attendance of the principal-level meeting as representatives of entities', async () => {
    const { html } = await page('/meetings?when=past&type=principal_committee', unodc);
    const id = html.match(/href="\/meetings\/([0-9a-f-]{36})"/)?.[1];
    const detail = await page(`/meetings/${id}`, unodc);
    expect(textOf(detail.html)).toContain('95 representatives of 23 entities and Member States');
  });

  it('counts for a visitor only the public meetings', async () => {
    const text = textOf((await page('/meetings/figures?year=2022')).html);
    expect(text).toContain('Conference: 2');
    expect(text).not.toContain('37 meetings');
  });
});

describe('a chair schedules a meeting and takes it to minutes and action items', () => {
  let meetingId = '';

  it('refuses an end before the start and an unknown time zone, keeping the typing', async () => {
    const response = await post(
      '/meetings',
      meetingForm({ endTime: '14:00', timeZone: 'Mars/Olympus' }),
      chair,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(textOf(html)).toContain('Enter a time zone such as Europe/Vienna');
    expect(html).toContain('value="ETCIP meeting on drones"');
    const second = await post('/meetings', meetingForm({ endTime: '14:00' }), chair);
    expect(textOf(await second.text())).toContain('The meeting must end after it starts.');
  });

  it('refuses a meeting of a body the user does not chair', async () => {
    const response = await post('/meetings', meetingForm({ body: 'pcve' }), chair);
    expect(response.status).toBe(403);
    expect((await post('/meetings', meetingForm(), unodc)).status).toBe(403);
  });

  it('schedules it, shown in the meeting’s zone', async () => {
    const response = await post('/meetings', meetingForm(), chair);
    expect(response.status).toBe(303);
    meetingId = response.headers.get('location')?.match(/\/meetings\/([0-9a-f-]{36})/)?.[1] ?? '';
    const { html } = await page(`/meetings/${meetingId}`, chair);
    expect(textOf(html)).toContain('10 February 2027 at 15:00 – 17:00 (Europe/Vienna)');
    expect(html).toContain('https://meet.example.org/etcip-drones');
  });

  it('shows times in the reader’s zone when the browser told it', async () => {
    const { html } = await page(`/meetings/${meetingId}`, `${chair}; tz=America/New_York`);
    expect(textOf(html)).toContain('10 February 2027 at 09:00 – 11:00 (America/New_York)');
  });

  it('refuses invitees the chair may not invite, with the reason', async () => {
    const states = await postMany(
      `/meetings/${meetingId}/invitations`,
      [['regionalGroups', 'African Group']],
      chair,
    );
    expect(states.status).toBe(400);
    expect(textOf(await states.text())).toContain(
      'Only the secretariat invites Member States (African Group)',
    );
    const other = await postMany(`/meetings/${meetingId}/invitations`, [['bodies', 'pcve']], chair);
    expect(textOf(await other.text())).toContain('You may invite only the meeting’s own body, not PCVE');
  });

  it('invites the body, e-mailing each member an invitation with the .ics', async () => {
    const before = (await platform.outbox.list()).length;
    const response = await postMany(`/meetings/${meetingId}/invitations`, [['bodies', 'etcip']], chair);
    expect(response.status).toBe(303);
    const names = (await platform.outbox.list()).slice(before);
    const mails = await Promise.all(names.map((name) => platform.outbox.read(name)));
    const toUnodc = mails.find((mail) => mail.includes('To: unodc@demo.example'));
    expect(toUnodc).toContain('Subject: Invitation: ETCIP meeting on drones');
    expect(toUnodc).toContain('text/calendar');
    expect(mails.some((mail) => mail.includes('kenya@demo.example'))).toBe(false);
  });

  it('saves an agenda with presenters, refusing an unknown acronym and a stale second editor', async () => {
    const { html } = await page(`/meetings/${meetingId}/agenda`, chair);
    const agendaVersion = html.match(/name="agendaVersion" value="(\d+)"/)?.[1] ?? '';
    const bad = await postMany(
      `/meetings/${meetingId}/agenda`,
      [
        ['agendaVersion', agendaVersion],
        ['itemTitle', 'Drones'],
        ['itemPresenters', 'NOPE'],
        ['itemDocuments', ''],
      ],
      chair,
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(textOf(badHtml)).toContain('No Compact entity has the acronym “NOPE”');
    expect(badHtml).toContain('value="Drones"');
    const rows: [string, string][] = [
      ['itemTitle', 'Adoption of the agenda'],
      ['itemPresenters', 'unicri'],
      ['itemDocuments', ''],
      ['itemTitle', 'Draft guidance on drones'],
      ['itemPresenters', 'UNOCT, INTERPOL'],
      ['itemDocuments', ''],
    ];
    const saved = await postMany(
      `/meetings/${meetingId}/agenda`,
      [['agendaVersion', agendaVersion], ...rows],
      chair,
    );
    expect(saved.status).toBe(303);
    const stale = await postMany(
      `/meetings/${meetingId}/agenda`,
      [
        ['agendaVersion', agendaVersion],
        ['itemTitle', 'My own item'],
        ['itemPresenters', ''],
        ['itemDocuments', ''],
      ],
      chair,
    );
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(textOf(staleHtml)).toContain('Someone else saved the agenda after you opened it');
    expect(staleHtml).toContain('value="My own item"');
  });

  it('keeps the draft agenda from members until it is circulated', async () => {
    expect(textOf((await page(`/meetings/${meetingId}`, unodc)).html)).toContain(
      'The agenda has not been circulated yet',
    );
    expect((await post(`/meetings/${meetingId}/agenda/circulate`, {}, chair)).status).toBe(303);
    const { html } = await page(`/meetings/${meetingId}`, unodc);
    expect(textOf(html)).toContain('Draft guidance on drones · Presented by: UNOCT, INTERPOL');
  });

  it('lets an invited member register and see the online link', async () => {
    const { html } = await page(`/meetings/${meetingId}`, unodc);
    expect(textOf(html)).toContain('You are invited to this meeting.');
    expect(html).toContain('https://meet.example.org/etcip-drones');
    expect((await post(`/meetings/${meetingId}/register`, {}, unodc)).status).toBe(303);
    expect(textOf((await page(`/meetings/${meetingId}`, unodc)).html)).toContain('You are registered.');
  });

  it('records attendance, naming every bad line', async () => {
    const bad = await post(
      `/meetings/${meetingId}/attendance`,
      { attendees: 'Ana Silva; UNODC\nNobody\nBob; XYZ' },
      chair,
    );
    expect(bad.status).toBe(400);
    const text = textOf(await bad.text());
    expect(text).toContain('Line 2 (“Nobody”)');
    expect(text).toContain('Line 3 (“Bob; XYZ”)');
    const good = await post(
      `/meetings/${meetingId}/attendance`,
      { attendees: 'Ana Silva; UNODC\nBen Okafor; UNODC\nChen Li; INTERPOL' },
      chair,
    );
    expect(good.status).toBe(303);
    expect(textOf((await page(`/meetings/${meetingId}`, unodc)).html)).toContain(
      '3 representatives of 2 entities and Member States',
    );
  });

  it('keeps draft minutes from members, then approves them; an approved minute is not edited without reopening', async () => {
    const saved = await post(
      `/meetings/${meetingId}/minutes`,
      {
        version: '0',
        text: 'The group **agreed** on the guidance. <script>alert(1)</script>',
        decisions: 'Adopt the guidance',
      },
      chair,
    );
    expect(saved.status).toBe(303);
    expect(textOf((await page(`/meetings/${meetingId}`, unodc)).html)).toContain('No minutes yet.');
    const chairView = await page(`/meetings/${meetingId}`, chair);
    expect(chairView.html).toContain('<strong>agreed</strong>');
    expect(chairView.html).not.toContain('<script>alert(1)</script>');
    expect((await post(`/meetings/${meetingId}/minutes/approve`, { version: '1' }, chair)).status).toBe(303);
    const approved = await page(`/meetings/${meetingId}`, unodc);
    expect(textOf(approved.html)).toContain('Approved by the chair');
    expect(textOf(approved.html)).toContain('Adopt the guidance');
    const edit = await post(
      `/meetings/${meetingId}/minutes`,
      { version: '2', text: 'Changed', decisions: '' },
      chair,
    );
    expect(edit.status).toBe(400);
    const editHtml = await edit.text();
    expect(textOf(editHtml)).toContain('the chair must reopen them before they can be edited');
    expect(editHtml).toContain('Changed');
  });

  it('adds an action item on UNODC, which UNODC sees in its action items and may move on', async () => {
    const added = await post(
      `/meetings/${meetingId}/action-items`,
      {
        title: 'Circulate comments on the drones guidance',
        ownerEntity: 'unodc',
        ownerUser: '',
        dueOn: '2027-03-01',
      },
      chair,
    );
    expect(added.status).toBe(303);
    const mine = await page('/action-items', unodc);
    expect(textOf(mine.html)).toContain('Circulate comments on the drones guidance');
    const detail = await page(`/meetings/${meetingId}`, unodc);
    const form = detail.html.match(
      /action="\/action-items\/([0-9a-f-]{36})"[\s\S]*?name="version" value="(\d+)"/,
    );
    expect(form).not.toBeNull();
    const moved = await post(
      `/action-items/${form?.[1]}`,
      { version: form?.[2] ?? '', status: 'done' },
      unodc,
    );
    expect(moved.status).toBe(303);
    expect(textOf((await page('/action-items', unodc)).html)).not.toContain(
      'Circulate comments on the drones guidance',
    );
  });

  it('shows overdue action items of the demo data', async () => {
    const text = textOf((await page('/action-items/overdue', unodc)).html);
    expect(text).toContain('Send comments on the draft guidance on drones');
    expect(text).toContain('Overdue');
  });

  it('puts the meeting in the member’s calendar month and list', async () => {
    expect(textOf((await page('/calendar?month=2027-02', unodc)).html)).toContain('ETCIP meeting on drones');
    expect(textOf((await page('/meetings', unodc)).html)).toContain('ETCIP meeting on drones');
  });

  it('serves a single-event .ics that links back to the meeting', async () => {
    const { response, html } = await page(`/meetings/${meetingId}/meeting.ics`, unodc);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(html));
    const [event] = calendar.getAllSubcomponents('vevent');
    const parsed = new ICAL.Event(event);
    expect(parsed.summary).toBe('ETCIP meeting on drones');
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2027-02-10T14:00:00.000Z');
    expect(String(event?.getFirstPropertyValue('url'))).toBe(`http://localhost:3000/meetings/${meetingId}`);
  });

  it('gives the member a private feed of meetings they are invited to, which stops when revoked', async () => {
    const created = await (await post('/account/calendar', {}, unodc)).text();
    const address =
      created.match(/value="(http:\/\/localhost:3000\/calendar\/feeds\/[^"]+\.ics)"/)?.[1] ?? '';
    expect(address).not.toBe('');
    const path = new URL(address).pathname;
    const feed = await page(path);
    expect(feed.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(feed.html)).getAllSubcomponents('vevent');
    const titles = events.map((event) => String(event.getFirstPropertyValue('summary')));
    expect(titles).toContain('ETCIP meeting on drones');
    const bodyFeed = new ICAL.Component(ICAL.parse((await page(`${path}?body=etcip`)).html));
    const bodyTitles = bodyFeed
      .getAllSubcomponents('vevent')
      .map((event) => String(event.getFirstPropertyValue('summary')));
    expect(bodyTitles).toContain('ETCIP regular meeting, Q4 2026');
    const list = await page('/account/calendar', unodc);
    const feedId = list.html.match(/\/account\/calendar\/([0-9a-f-]{36})\/revoke/)?.[1];
    expect((await post(`/account/calendar/${feedId}/revoke`, {}, unodc)).status).toBe(303);
    expect((await page(path)).status).toBe(404);
  });

  it('keeps a body-level meeting from those outside the body, by URL, list, calendar, .ics and feed', async () => {
    for (const cookie of [undefined, kenya]) {
      expect((await page(`/meetings/${meetingId}`, cookie)).status).toBe(404);
      expect((await page(`/meetings/${meetingId}/meeting.ics`, cookie)).status).toBe(404);
      expect(textOf((await page('/meetings', cookie)).html)).not.toContain('ETCIP meeting on drones');
      expect(textOf((await page('/calendar?month=2027-02', cookie)).html)).not.toContain(
        'ETCIP meeting on drones',
      );
    }
    expect(textOf((await page('/working-groups/etcip/meetings.ics')).html)).not.toContain(
      'ETCIP meeting on drones',
    );
    expect((await post(`/meetings/${meetingId}/register`, {}, kenya)).status).toBe(404);
    expect(
      (await post(`/meetings/${meetingId}/minutes`, { version: '3', text: 'x', decisions: '' }, kenya))
        .status,
    ).toBe(404);
  });

  it('lets the secretariat invite Member States of a regional group to a briefing', async () => {
    const created = await post(
      '/meetings',
      meetingForm({
        title: 'Briefing for African States',
        type: 'briefing',
        body: '',
        level: 'member_states',
        timeZone: 'Africa/Nairobi',
      }),
      secretariat,
    );
    expect(created.status).toBe(303);
    const id = created.headers.get('location')?.match(/\/meetings\/([0-9a-f-]{36})/)?.[1] ?? '';
    expect(
      (await postMany(`/meetings/${id}/invitations`, [['regionalGroups', 'African Group']], secretariat))
        .status,
    ).toBe(303);
    const { html } = await page(`/meetings/${id}`, kenya);
    expect(textOf(html)).toContain('You are invited to this meeting.');
  });

  it('reminds invitees the day before, once', async () => {
    const before = (await platform.outbox.list()).length;
    const dayBefore = new Date('2027-02-09T15:00:00Z');
    expect(await sendDueReminders(reminderDeps(), dayBefore)).toBeGreaterThan(0);
    expect(await sendDueReminders(reminderDeps(), dayBefore)).toBe(0);
    const names = (await platform.outbox.list()).slice(before);
    const mails = await Promise.all(names.map((name) => platform.outbox.read(name)));
    expect(mails.some((mail) => mail.includes('Subject: Reminder: ETCIP meeting on drones'))).toBe(true);
  });

  it('shows each State the events of its regional group that the reader may see', async () => {
    const kenyaPage = textOf((await page('/countries/KEN', kenya)).html);
    expect(kenyaPage).toContain(
      'Briefing for Member States: joint projects under the Multi-Year Appeal in Africa',
    );
    const tajikistan = textOf((await page('/countries/TJK')).html);
    expect(tajikistan).toContain('High-Level Conference on International and Regional Border Security');
    expect(tajikistan).not.toContain('Briefing for Member States');
  });

  it('cancels a meeting after confirmation, telling invitees and calendars, and takes no more registrations', async () => {
    const created = await post(
      '/meetings',
      meetingForm({ title: 'ETCIP meeting to cancel', startDay: '2027-04-07', endDay: '2027-04-07' }),
      chair,
    );
    const id = created.headers.get('location')?.match(/\/meetings\/([0-9a-f-]{36})/)?.[1] ?? '';
    expect((await postMany(`/meetings/${id}/invitations`, [['bodies', 'etcip']], chair)).status).toBe(303);
    const confirm = await page(`/meetings/${id}/cancel`, chair);
    expect(textOf(confirm.html)).toContain('It cannot be undone');
    const version = confirm.html.match(/name="version" value="(\d+)"/)?.[1] ?? '';
    expect(
      (await post(`/meetings/${id}/cancel`, { version, note: 'The chair is travelling.' }, unodc)).status,
    ).toBe(403);
    const before = (await platform.outbox.list()).length;
    expect(
      (await post(`/meetings/${id}/cancel`, { version, note: 'The chair is travelling.' }, chair)).status,
    ).toBe(303);
    const mails = await Promise.all(
      (await platform.outbox.list()).slice(before).map((name) => platform.outbox.read(name)),
    );
    const toUnodc = mails.find((mail) => mail.includes('To: unodc@demo.example')) ?? '';
    expect(toUnodc).toContain('Subject: Cancelled: ETCIP meeting to cancel');
    expect(toUnodc).toContain('METHOD:CANCEL');
    const detail = textOf((await page(`/meetings/${id}`, unodc)).html);
    expect(detail).toContain('Cancelled. The chair is travelling.');
    expect(detail).not.toContain('You are invited to this meeting.');
    expect((await post(`/meetings/${id}/register`, {}, unodc)).status).toBe(400);
    const again = await post(
      `/meetings/${id}/cancel`,
      { version: String(Number(version) + 1), note: '' },
      chair,
    );
    expect(textOf(await again.text())).toContain('This meeting is cancelled.');
    const ics = new ICAL.Component(ICAL.parse((await page(`/meetings/${id}/meeting.ics`, unodc)).html));
    expect(ics.getFirstSubcomponent('vevent')?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(textOf((await page('/meetings/figures?year=2027', unodc)).html)).not.toContain(
      'Regular quarterly meeting: 2',
    );
  });

  it('counts a meeting in the year of the place it is held', async () => {
    const created = await post(
      '/meetings',
      meetingForm({
        title: 'New Year’s Eve coordination call',
        timeZone: 'America/New_York',
        startDay: '2027-12-31',
        startTime: '20:00',
        endDay: '2027-12-31',
        endTime: '21:00',
        level: 'compact',
      }),
      chair,
    );
    expect(created.status).toBe(303);
    const year2027 = textOf((await page('/meetings/figures?year=2027', unodc)).html);
    const year2028 = textOf((await page('/meetings/figures?year=2028', unodc)).html);
    expect(year2027).toMatch(/ETCIP\s+\d+/);
    expect(year2028).toContain('No meetings recorded for this year.');
  });

  it('refuses as owner of an action item someone who may not see the meeting', async () => {
    const list = await page('/meetings?body=etcip', chair);
    const id = list.html.match(/href="\/meetings\/([0-9a-f-]{36})"/)?.[1] ?? '';
    const form = await page(`/meetings/${id}/action-items/new`, chair);
    const kenyaId = form.html.match(/<option value="([^"]+)"[^>]*>Wanjiru Focal Point/)?.[1] ?? '';
    expect(kenyaId).not.toBe('');
    const refused = await post(
      `/meetings/${id}/action-items`,
      { title: 'Share the draft', ownerEntity: '', ownerUser: kenyaId, dueOn: '2027-03-01' },
      chair,
    );
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain('This person cannot see the meeting');
  });
});
