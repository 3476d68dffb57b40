import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import {
  cookiesFrom,
  createTestPlatform,
  type TestPlatform,
  testBaseUrl,
  testPassword,
} from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { auditEvents } from '../audit/schema.ts';
import { zipBombDocx } from './extraction/extraction.fixtures.ts';
import { pdfOf } from './samples.ts';
import { documentEditions, documentVersions } from './schema.ts';

let platform: TestPlatform;
let unodc: string;
let interpol: string;
let kenya: string;

const signIn = async (email: string, ip: string) =>
  cookiesFrom(await platform.postForm('/sign-in', { email, password: testPassword }, {}, ip));

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true, env: { UPLOAD_MAX_MB: '1' } });
  unodc = await signInEnrolled(platform, 'unodc@demo.example', '203.0.113.80');
  interpol = await signIn('interpol@demo.example', '203.0.113.81');
  kenya = await signIn('kenya@demo.example', '203.0.113.82');
});
afterAll(() => platform.close());

const metadata = (changes: Record<string, string | string[]> = {}) => ({
  title: 'Guidelines on border security',
  summary: 'How border agencies share watch lists.',
  type: 'guidelines',
  level: 'compact',
  publishedOn: '2022-06-01',
  language: 'en',
  ...changes,
});

function formOf(
  fields: Record<string, string | string[]>,
  file?: { name: string; bytes: Uint8Array | string },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  }
  if (file) form.append('file', new Blob([file.bytes as BlobPart]), file.name);
  return form;
}

const post = (path: string, form: FormData, cookie: string) =>
  platform.app.request(`${testBaseUrl}${path}`, {
    method: 'POST',
    body: form,
    headers: { Cookie: cookie, Origin: testBaseUrl },
  });

const get = (path: string, cookie = '') => platform.get(path, cookie ? { Cookie: cookie } : {});

/** Uploads through the browser form and waits for its text to be extracted; answers the new id. */
async function upload(
  cookie: string,
  fields: Record<string, string | string[]>,
  file: { name: string; bytes: Uint8Array | string },
) {
  const response = await post('/documents', formOf(metadata(fields), file), cookie);
  expect(response.status, await response.clone().text()).toBe(303);
  const id = /\/documents\/([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1];
  if (!id) throw new Error(`no document id in the redirect: ${response.headers.get('location')}`);
  await platform.documentJobs.idle();
  await platform.documentJobs.runExtractions();
  return id;
}

const search = async (q: string, cookie = '') =>
  textOf(await (await get(`/documents?q=${encodeURIComponent(q)}`, cookie)).text());

describe('uploading and finding a document', () => {
  it('finds an uploaded PDF by a word inside it, with the word highlighted', async () => {
    const bytes = await pdfOf({
      title: 'Watch lists',
      paragraphs: ['Border agencies exchange passenger data through the quillwort protocol.'],
    });
    const id = await upload(unodc, {}, { name: 'watch-lists.pdf', bytes });
    const page = await (await get(`/documents?q=quillwort`, unodc)).text();
    expect(page).toContain(`/documents/${id}`);
    expect(page).toMatch(/<mark>quillwort<\/mark>/i);
    const statuses = await platform.database.db
      .select({ status: documentVersions.extractionStatus })
      .from(documentVersions)
      .innerJoin(documentEditions, eq(documentEditions.id, documentVersions.editionId))
      .where(eq(documentEditions.documentId, id));
    expect(statuses).toEqual([{ status: 'done' }]);
  });

  it('finds words by their stem in the document’s language', async () => {
    const id = await upload(
      unodc,
      { title: 'Note sur les frontières', language: 'fr', level: 'public' },
      { name: 'note.txt', bytes: 'Les gardes-frontières échangent des renseignements financiers.' },
    );
    expect(await search('renseignement')).toContain('Note sur les frontières');
    const document = await (await get(`/documents/${id}`)).text();
    expect(textOf(document)).toContain('Searchable');
  });

  it('refuses a visitor the upload form', async () => {
    const response = await get('/documents/new');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/sign-in/);
  });
});

describe('what a user may not see, no route shows', () => {
  let hidden: string;
  let interpolFacetsBefore: string;
  const facetsOf = async (cookie: string) => {
    const html = await (await get('/documents', cookie)).text();
    return [
      ...html.matchAll(
        /data-facet="([^"]+)" data-value="([^"]+)"[^>]*>[^<]*<\/a> <span class="count">([^<]+)</g,
      ),
    ]
      .map((match) => `${match[1]}=${match[2]}:${match[3]}`)
      .sort()
      .join(' ');
  };

  beforeAll(async () => {
    interpolFacetsBefore = await facetsOf(interpol);
    hidden = await upload(
      unodc,
      { title: 'Assessment of Ruritania', level: 'un_system', countries: 'KEN', type: 'assessment-report' },
      { name: 'assessment.txt', bytes: 'The zanzibarite finding is for United Nations entities only.' },
    );
  });

  it('a UN entity finds the un_system document by a word inside it', async () => {
    expect(await search('zanzibarite', unodc)).toContain('Assessment of Ruritania');
  });

  it('gives INTERPOL zero hits and unchanged facet counts', async () => {
    const text = await search('zanzibarite', interpol);
    expect(text).toContain('No documents');
    expect(text).not.toContain('Ruritania');
    expect(await facetsOf(interpol)).toBe(interpolFacetsBefore);
    expect(await facetsOf(unodc)).not.toBe(interpolFacetsBefore);
  });

  it('answers INTERPOL, a Member State and a visitor "not found" for its page and its file', async () => {
    for (const cookie of [interpol, kenya, '']) {
      expect((await get(`/documents/${hidden}`, cookie)).status).toBe(404);
      expect((await get(`/documents/${hidden}/download`, cookie)).status).toBe(404);
      expect((await get(`/documents/${hidden}/edit`, cookie)).status).toBe(cookie ? 404 : 303);
    }
  });

  it('lists it among the recently added on a UN user’s home page only', async () => {
    expect(textOf(await (await get('/', unodc)).text())).toContain('Assessment of Ruritania');
    const interpolHome = textOf(await (await get('/', interpol)).text());
    expect(interpolHome).toContain('Recently added documents');
    expect(interpolHome).not.toContain('Ruritania');
    expect(textOf(await (await get('/')).text())).not.toContain('Recently added documents');
  });

  it('audits each read and download by a UN entity, for the owner to see', async () => {
    expect((await get(`/documents/${hidden}`, unodc)).status).toBe(200);
    expect((await get(`/documents/${hidden}/download`, unodc)).status).toBe(200);
    const events = await platform.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, hidden));
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(['document.created', 'record.read', 'record.downloaded']),
    );
  });
});

describe('bad files', () => {
  const refused = async (file: { name: string; bytes: Uint8Array | string }) => {
    const response = await post('/documents', formOf(metadata({ title: 'Kept title' }), file), unodc);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('value="Kept title"');
    return textOf(html);
  };

  it('refuses a renamed executable, HTML posing as PDF, an SVG and an empty file, keeping the form', async () => {
    expect(
      await refused({ name: 'report.pdf', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) }),
    ).toMatch(/not accepted/);
    expect(await refused({ name: 'report.pdf', bytes: '<html><script>alert(1)</script></html>' })).toMatch(
      /not accepted/,
    );
    expect(
      await refused({
        name: 'logo.png',
        bytes: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      }),
    ).toMatch(/not accepted/);
    expect(await refused({ name: 'empty.txt', bytes: '' })).toMatch(/empty/);
  });

  it('refuses a file over the configured limit without reading it all into memory', async () => {
    expect(await refused({ name: 'big.txt', bytes: 'a'.repeat(1_200_000) })).toMatch(
      /larger than the limit of 1 MB/,
    );
  });

  it('keeps a hostile file name for display only', async () => {
    const name = `../../etc/${'x'.repeat(300)}\u202Etxt.csv`;
    const id = await upload(unodc, { title: 'Odd name' }, { name, bytes: 'a,b\n1,2\n' });
    const response = await get(`/documents/${id}/download`, unodc);
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="?x+/);
    expect(disposition).not.toContain('..');
    expect(disposition).not.toContain('\u202E');
  });
});

describe('editing a document’s details', () => {
  it('saves the owner’s change, refuses a stale form keeping the typing, and refuses INTERPOL', async () => {
    const id = await upload(
      unodc,
      { title: 'Draft title', level: 'compact' },
      { name: 'd.txt', bytes: 'draft' },
    );
    const form = await (await get(`/documents/${id}/edit`, unodc)).text();
    const version = /name="version" value="(\d+)"/.exec(form)?.[1] as string;
    const fields = { ...metadata({ title: 'Final title' }), version };
    const { language: _language, ...editFields } = fields;
    const saved = await platform.postForm(`/documents/${id}/edit`, editFields as Record<string, string>, {
      Cookie: unodc,
    });
    expect(saved.status).toBe(303);
    expect(textOf(await (await get(`/documents/${id}`, unodc)).text())).toContain('Final title');
    const stale = await platform.postForm(
      `/documents/${id}/edit`,
      { ...(editFields as Record<string, string>), title: 'Late change' },
      { Cookie: unodc },
    );
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(textOf(staleHtml)).toContain('Someone else saved a change');
    expect(staleHtml).toContain('value="Late change"');
    expect((await get(`/documents/${id}/edit`, interpol)).status).toBe(403);
    const refused = await platform.postForm(`/documents/${id}/edit`, editFields as Record<string, string>, {
      Cookie: interpol,
    });
    expect(refused.status).toBe(403);
  });
});

describe('a file whose text cannot be read', () => {
  it('is still downloadable, and its page says why it cannot be found by its words', async () => {
    const damaged = new Uint8Array([
      ...new TextEncoder().encode('%PDF-1.7\n'),
      ...new Uint8Array(64).fill(7),
    ]);
    const id = await upload(
      unodc,
      { title: 'Damaged scan', level: 'public' },
      { name: 'scan.pdf', bytes: damaged },
    );
    const page = textOf(await (await get(`/documents/${id}`)).text());
    expect(page).toContain('Its text could not be read');
    expect(page).toContain('damaged');
    const download = await get(`/documents/${id}/download`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(damaged);
  });
});

describe('a zip bomb disguised as DOCX', () => {
  it('is taken as a DOCX, but its text is refused as too large, without harm', async () => {
    const bomb = zipBombDocx(300);
    const id = await upload(
      unodc,
      { title: 'Innocent looking', level: 'public' },
      { name: 'innocent.docx', bytes: bomb },
    );
    const page = textOf(await (await get(`/documents/${id}`)).text());
    expect(page).toContain('Its text could not be read');
    expect(page).toContain('zip bomb');
  });
});

describe('downloads', () => {
  it('sends files with nosniff and a sandbox, inline only for safe types', async () => {
    const id = await upload(
      unodc,
      { title: 'Plain text', level: 'public' },
      { name: 'notes.txt', bytes: '<b>not html</b>' },
    );
    const inline = await get(`/documents/${id}/download?inline=1`);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff');
    expect(inline.headers.get('content-security-policy')).toContain('sandbox');
    expect(inline.headers.get('content-disposition')).toBe('inline; filename=notes.txt');
    expect(await inline.text()).toBe('<b>not html</b>');
    const attachment = await get(`/documents/${id}/download`);
    expect(attachment.headers.get('content-disposition')).toBe('attachment; filename=notes.txt');
  });
});

describe('versions and language editions', () => {
  it('adds a French edition shown as "also in", and restores an earlier version', async () => {
    const id = await upload(
      unodc,
      { title: 'Compendium', level: 'public' },
      { name: 'v1.txt', bytes: 'first text' },
    );
    const second = await post(
      `/documents/${id}/versions`,
      formOf({ language: 'en', note: 'Corrected' }, { name: 'v2.txt', bytes: 'second text' }),
      unodc,
    );
    expect(second.status).toBe(303);
    const french = await post(
      `/documents/${id}/versions`,
      formOf({ language: 'fr', title: 'Recueil' }, { name: 'fr.txt', bytes: 'texte français' }),
      unodc,
    );
    expect(french.status).toBe(303);
    await platform.documentJobs.runExtractions();
    const page = textOf(await (await get(`/documents/${id}`, unodc)).text());
    expect(page).toMatch(/Also in: Français/);
    expect(page).toContain('Corrected');
    const html = await (await get(`/documents/${id}`, unodc)).text();
    const firstVersion = /versions\/([0-9a-f-]{36})\/restore/.exec(html)?.[1];
    expect(firstVersion).toBeDefined();
    const confirm = await get(`/documents/${id}/versions/${firstVersion}/restore`, unodc);
    expect(textOf(await confirm.text())).toMatch(/Restore version 1\?/);
    const restored = await platform.postForm(
      `/documents/${id}/versions/${firstVersion}/restore`,
      {},
      { Cookie: unodc },
    );
    expect(restored.status).toBe(303);
    const current = await get(`/documents/${id}/download?language=en`, unodc);
    expect(await current.text()).toBe('first text');
    expect(await search('second', unodc)).not.toContain('Compendium');
    expect(await search('recueil', unodc)).toContain('Compendium');
  });

  it('names the uploader to signed-in readers only, and answers a malformed id with not found', async () => {
    const id = await upload(
      unodc,
      { title: 'Public note', level: 'public' },
      { name: 'p.txt', bytes: 'public' },
    );
    expect(textOf(await (await get(`/documents/${id}`, unodc)).text())).toContain('Luca Member');
    expect(textOf(await (await get(`/documents/${id}`)).text())).not.toContain('Luca Member');
    expect((await get(`/documents/${'-'.repeat(36)}`)).status).toBe(404);
    const restore = await platform.postForm(
      `/documents/${id}/versions/not-a-uuid/restore`,
      {},
      { Cookie: unodc },
    );
    expect(restore.status).toBe(404);
  });

  it('refuses INTERPOL a new version of a UNODC document it can see', async () => {
    const id = await upload(
      unodc,
      { title: 'Shared paper', level: 'compact' },
      { name: 'a.txt', bytes: 'shared' },
    );
    const response = await post(
      `/documents/${id}/versions`,
      formOf({ language: 'en' }, { name: 'b.txt', bytes: 'x' }),
      interpol,
    );
    expect(response.status).toBe(403);
  });
});
