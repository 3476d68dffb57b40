import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import {
  cookiesFrom,
  createTestPlatform,
  type TestPlatform,
  testBaseUrl,
  testPassword,
} from '../../tests/helpers/app.ts';
import { docxOf } from '../documents/samples.ts';

let platform: TestPlatform;
let unodc: string;
let interpol: string;

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  unodc = await signInEnrolled(platform, 'unodc@demo.example', '203.0.113.90');
  interpol = cookiesFrom(
    await platform.postForm(
      '/sign-in',
      { email: 'interpol@demo.example', password: testPassword },
      {},
      '203.0.113.91',
    ),
  );
});
afterAll(() => platform.close());

const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  platform.app.request(`${testBaseUrl}${path}`, {
    ...init,
    headers: {
      Origin: testBaseUrl,
      ...(init.cookie ? { Cookie: init.cookie } : {}),
      ...(init.headers ?? {}),
    },
  });

function uploadForm(fields: Record<string, string>, file: { name: string; bytes: Uint8Array | string }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file.bytes as BlobPart]), file.name);
  return form;
}

const restricted = {
  title: 'Country assessment of Ruritania',
  type: 'assessment-report',
  level: 'un_system',
  publishedOn: '2022-05-10',
  language: 'en',
};

describe('the documents API', () => {
  let id: string;

  beforeAll(async () => {
    const response = await api('/api/v1/documents', {
      method: 'POST',
      cookie: unodc,
      body: uploadForm(restricted, {
        name: 'assessment.docx',
        bytes: docxOf({ title: 'Assessment', paragraphs: ['The marshwiggle recommendation is restricted.'] }),
      }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    id = ((await response.json()) as { id: string }).id;
    await platform.documentJobs.idle();
    await platform.documentJobs.runExtractions();
  });

  it('uploads a DOCX whose text is then found by search, with facets', async () => {
    const response = await api('/api/v1/documents/search?q=marshwiggle', { cookie: unodc });
    const body = (await response.json()) as {
      total: number;
      items: { id: string; snippet: string[] }[];
      facets: { type: { value: string; count: number }[] };
    };
    expect(body.total).toBe(1);
    expect(body.items[0]?.id).toBe(id);
    expect(body.items[0]?.snippet.join('')).toContain('marshwiggle');
    expect(body.facets.type).toEqual([expect.objectContaining({ value: 'assessment-report', count: 1 })]);
  });

  it('names facet values in any of the six UN languages asked for, and refuses another', async () => {
    const inSpanish = (await (
      await api('/api/v1/documents/search?q=marshwiggle&lang=es', { cookie: unodc })
    ).json()) as { facets: { type: { label: Record<string, string> }[] } };
    const label = inSpanish.facets.type[0]?.label;
    expect(Object.keys(label ?? {}).sort()).toEqual(['en', 'es']);
    expect(label?.es).not.toBe(label?.en);
    const inGerman = await api('/api/v1/documents/search?q=marshwiggle&lang=de', { cookie: unodc });
    expect(inGerman.status).toBe(400);
    expect(await inGerman.text()).toContain('lang');
  });

  it('lists as many values of each facet as asked, saying how many there are, and refuses a bad limit', async () => {
    for (const publishedOn of ['2021-03-01', '2022-03-01']) {
      const response = await api('/api/v1/documents', {
        method: 'POST',
        cookie: unodc,
        body: uploadForm(
          { ...restricted, title: `Quokka census ${publishedOn}`, level: 'public', publishedOn },
          { name: 'census.txt', bytes: 'Demo content.' },
        ),
      });
      expect(response.status, await response.clone().text()).toBe(201);
    }
    type Search = { facets: Record<string, { value: string }[]>; facetTotals: Record<string, number> };
    const search = async (query: string) =>
      (await (await api(`/api/v1/documents/search?q=quokka${query}`, { cookie: unodc })).json()) as Search;
    const all = await search('');
    expect(all.facets.year?.map((year) => year.value)).toEqual(['2022', '2021']);
    expect(all.facetTotals).toMatchObject({ year: 2, type: 1, language: 1 });
    const one = await search('&facetLimit=1');
    expect(one.facets.year?.map((year) => year.value)).toEqual(['2022']);
    expect(one.facets.type).toEqual(all.facets.type);
    expect(one.facetTotals).toEqual(all.facetTotals);
    for (const bad of ['0', '1001', 'many']) {
      const refused = await api(`/api/v1/documents/search?q=quokka&facetLimit=${bad}`, { cookie: unodc });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('facetLimit must be a whole number from 1 to 1000');
    }
  });

  it('gives INTERPOL nothing of it: not by id, search, list or download', async () => {
    expect((await api(`/api/v1/documents/${id}`, { cookie: interpol })).status).toBe(404);
    expect((await api(`/api/v1/documents/${id}/download`, { cookie: interpol })).status).toBe(404);
    const search = (await (
      await api('/api/v1/documents/search?q=marshwiggle', { cookie: interpol })
    ).json()) as {
      total: number;
      facets: { type: unknown[] };
    };
    expect(search.total).toBe(0);
    expect(search.facets.type).toEqual([]);
    const list = (await (await api('/api/v1/documents?pageSize=100', { cookie: interpol })).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((item) => item.id)).not.toContain(id);
  });

  it('changes metadata from the version read, refusing a stale version and unknown fields', async () => {
    const document = (await (await api(`/api/v1/documents/${id}`, { cookie: unodc })).json()) as {
      version: number;
    };
    const put = (body: unknown) =>
      api(`/api/v1/documents/${id}`, {
        method: 'PUT',
        cookie: unodc,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const changed = { ...restricted, title: 'Assessment of Ruritania, revised', version: document.version };
    delete (changed as Partial<typeof changed>).language;
    const first = await put(changed);
    expect(first.status).toBe(200);
    const second = await put(changed);
    expect(((await first.json()) as { title: string }).title).toBe('Assessment of Ruritania, revised');
    expect(second.status).toBe(409);
    expect((await put({ ...changed, version: document.version + 1, ownerEntityId: 'x' })).status).toBe(400);
    const interpolPut = await api(`/api/v1/documents/${id}`, {
      method: 'PUT',
      cookie: interpol,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...changed, version: document.version + 1 }),
    });
    expect(interpolPut.status).toBe(404);
  });

  it('refuses a file whose content is not what its name says, with the reason', async () => {
    const response = await api('/api/v1/documents', {
      method: 'POST',
      cookie: unodc,
      body: uploadForm(restricted, { name: 'report.pdf', bytes: '<html><body>not a pdf</body></html>' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { problems: { field: string; code: string }[] };
    expect(body.problems).toEqual([expect.objectContaining({ field: 'file', code: 'type_not_accepted' })]);
  });

  it('refuses INTERPOL a new version of a document it may see but not change, before storing it', async () => {
    const shared = await api('/api/v1/documents', {
      method: 'POST',
      cookie: unodc,
      body: uploadForm(
        { ...restricted, level: 'compact', title: 'Shared' },
        { name: 'shared.txt', bytes: 'shared' },
      ),
    });
    const { id: sharedId } = (await shared.json()) as { id: string };
    const response = await api(`/api/v1/documents/${sharedId}/versions`, {
      method: 'POST',
      cookie: interpol,
      body: uploadForm({ language: 'en' }, { name: 'mine.txt', bytes: 'not yours' }),
    });
    expect(response.status).toBe(403);
    const document = (await (await api(`/api/v1/documents/${sharedId}`, { cookie: unodc })).json()) as {
      versions: unknown[];
    };
    expect(document.versions).toHaveLength(1);
  });

  it('refuses an upload without a session or key', async () => {
    const response = await api('/api/v1/documents', {
      method: 'POST',
      body: uploadForm(restricted, { name: 'a.txt', bytes: 'text' }),
    });
    expect(response.status).toBe(401);
  });

  it('keeps a page of the list for each reader’s grants, privately, until the library changes', async () => {
    const list = async (cookie: string) => {
      const response = await api('/api/v1/documents?type=assessment-report', { cookie });
      expect(response.headers.get('Cache-Control')).toBe('private, no-cache');
      return ((await response.json()) as { items: { id: string; title: string }[] }).items;
    };
    const forUnodc = await list(unodc);
    expect(forUnodc.map((item) => item.id)).toContain(id);
    expect((await list(interpol)).map((item) => item.id)).not.toContain(id);
    expect(await list(unodc)).toEqual(forUnodc);
    const added = await api('/api/v1/documents', {
      method: 'POST',
      cookie: unodc,
      body: uploadForm(
        { ...restricted, title: 'A public assessment', level: 'public' },
        { name: 'public.txt', bytes: 'Public assessment.' },
      ),
    });
    expect(added.status, await added.clone().text()).toBe(201);
    expect((await list(unodc)).map((item) => item.title)).toContain('A public assessment');
    const forInterpol = await list(interpol);
    expect(forInterpol.map((item) => item.title)).toContain('A public assessment');
    expect(forInterpol.map((item) => item.id)).not.toContain(id);
  });

  it('describes every documents endpoint in OpenAPI', async () => {
    const document = (await (await api('/api/v1/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/documents',
        '/api/v1/documents/search',
        '/api/v1/documents/{id}',
        '/api/v1/documents/{id}/versions',
        '/api/v1/documents/{id}/download',
      ]),
    );
    expect(Object.keys(document.paths['/api/v1/documents'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
  });
});
