import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordRestrictedRead } from '../audit/record.ts';
import { addVersion, createDocument, updateDocumentMetadata } from '../documents/commands.ts';
import { documentMetadataInput, newDocumentInput, versionInput } from '../documents/input.ts';
import {
  type DocumentDetail,
  findDocument,
  type LibraryQuery,
  queryLibrary,
  searchWordsOf,
} from '../documents/queries.ts';
import { parseLibraryParams, rememberFor, sendFile } from '../documents/routes.tsx';
import { mayAddDocuments, recordOfDocument } from '../documents/rules.ts';
import { receiveUpload } from '../documents/upload.ts';
import { Forbidden, InvalidInput } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { accessLevels } from '../policy/levels.ts';
import { can } from '../policy/policy.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import { grantsOf } from '../policy/visibility.ts';
import { readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { isLocale, isUnLanguage, unLanguages } from '../web/i18n/locales.ts';
import { markDataChanged } from '../web/public-page.ts';
import { sendRendered } from '../web/respond.ts';
import { notFound, refusal, refusals, unauthenticated } from './governance.ts';
import { ApiError, json, LocalizedText } from './schemas.ts';

const DocumentSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string().nullable(),
    publishedOn: z.string(),
    level: z.enum(accessLevels),
    type: LocalizedText,
    owner: z.string().nullable().openapi({ description: 'The owning entity’s acronym' }),
    languages: z.array(z.enum(unLanguages)),
    snippet: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'Text around the words searched for; odd-numbered parts are the words found' }),
  })
  .openapi('DocumentSummary');

const FacetValue = z.object({
  value: z.string(),
  label: LocalizedText.nullable().openapi({
    description:
      "The value's name in the language of the answer (`lang`) and in English; null where the value names itself (years, pillars, regions, languages)",
  }),
  count: z.number().int(),
});
const Facets = z
  .object(
    Object.fromEntries(
      ['type', 'body', 'country', 'region', 'year', 'language', 'pillar', 'owner'].map((name) => [
        name,
        z.array(FacetValue),
      ]),
    ),
  )
  .openapi('DocumentFacets');

const Version = z
  .object({
    id: z.uuid(),
    language: z.enum(unLanguages),
    number: z.number().int(),
    fileName: z.string(),
    fileType: z.string(),
    size: z.number().int(),
    note: z.string().nullable(),
    restoredFrom: z.number().int().nullable(),
    uploadedAt: z.string(),
    extractionStatus: z.enum(['pending', 'running', 'done', 'failed', 'not_applicable']),
    extractionError: z.string().nullable(),
    download: z.string().openapi({ description: 'Where to download this version' }),
  })
  .openapi('DocumentVersion');

const Document = z
  .object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string().nullable(),
    type: z.string(),
    level: z.enum(accessLevels),
    owner: z.string().nullable().openapi({ description: 'Slug of the owning entity' }),
    accessBody: z.string().nullable(),
    bodies: z.array(z.string()),
    countries: z.array(z.string()),
    regions: z.array(z.string()),
    themes: z.array(z.string()),
    pillars: z.array(z.number().int()),
    resolutions: z.array(z.string()),
    publishedOn: z.string(),
    declassifyOn: z.string().nullable(),
    declassifyTo: z.enum(accessLevels).nullable(),
    languages: z.array(z.enum(unLanguages)),
    version: z.number().int().openapi({ description: 'Send it back with a change: a stale one gets 409' }),
    versions: z.array(Version),
  })
  .openapi('Document');

const LibraryParams = z.object({
  q: z.string().optional(),
  type: z.string().optional(),
  body: z.string().optional(),
  owner: z.string().optional(),
  country: z.string().optional().openapi({ description: 'ISO 3166 alpha-3 code' }),
  region: z.string().optional(),
  year: z.string().optional(),
  language: z.string().optional(),
  pillar: z.string().optional(),
  sort: z.enum(['relevance', 'date']).optional(),
  page: z.string().optional(),
  pageSize: z.string().optional().openapi({ description: '1 to 100; 20 by default' }),
  lang: z.enum(unLanguages).optional().openapi({
    description:
      'The language of titles, snippets and facet labels, any of the six UN languages; by default the interface language of `Accept-Language` (en, fr or ar)',
  }),
});

const DocumentPage = z
  .object({
    items: z.array(DocumentSummary),
    total: z.number().int().openapi({ description: 'How many match, up to 10,000' }),
    totalIsCapped: z.boolean().openapi({ description: 'More match than `total` says' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('DocumentPage');

/**
 * How many values of each facet a search lists unless asked for more: every country and entity made
 * two thirds of an answer, where a reader looks at the first few (ADR 0029).
 */
const defaultFacetLimit = 20;
const facetLimitMax = 1000;
const facetLimitProblem = `must be a whole number from 1 to ${facetLimitMax}`;

const IdParam = z.object({ id: z.uuid() });

function documentJson(document: DocumentDetail): z.infer<typeof Document> {
  return {
    id: document.id,
    title: document.title,
    summary: document.summary,
    type: document.type.slug,
    level: document.level,
    owner: document.owner?.slug ?? null,
    accessBody: document.accessBody?.slug ?? null,
    bodies: document.relatedBodies.map((body) => body.slug),
    countries: document.countries.map((state) => state.iso3),
    regions: document.regions,
    themes: document.themes,
    pillars: document.pillars,
    resolutions: document.resolutions,
    publishedOn: document.publishedOn,
    declassifyOn: document.declassifyOn,
    declassifyTo: document.declassifyTo,
    languages: document.languages,
    version: document.version,
    versions: document.versions.map((version) => ({
      id: version.id,
      language: version.language,
      number: version.number,
      fileName: version.fileName,
      fileType: version.fileType,
      size: version.size,
      note: version.note,
      restoredFrom: version.restoredFrom,
      uploadedAt: version.uploadedAt.toISOString(),
      extractionStatus: version.extractionStatus,
      extractionError: version.extractionError,
      download: `/api/v1/documents/${document.id}/download?version=${version.id}`,
    })),
  };
}

const multipartUpload = (fields: z.ZodType, description: string) => ({
  body: {
    required: true,
    description,
    content: { 'multipart/form-data': { schema: fields } },
  },
});

/**
 * The document library's API (issue 5): the same queries and commands as the pages, so the same policy,
 * rules and audit. Uploads are multipart and streamed to the blob store; the OpenAPI document describes
 * them, but they are read by the upload module rather than buffered by a validator.
 */
export function documentApiRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const { db } = deps.database;
  const maxBytes = deps.env.UPLOAD_MAX_MB * 1_000_000;
  const actorOf = (c: Context<AppEnv>): Actor => c.get('viewer')?.actor ?? { kind: 'anonymous' };
  const records = (action: 'list' | 'read' | 'download' | 'search' | 'edit') =>
    declarePolicy({ kind: 'records', resource: 'document', action });

  const queryOf = (c: Context<AppEnv>): LibraryQuery => {
    const params = parseLibraryParams(c.req.query());
    const size = Number.parseInt(c.req.query('pageSize') ?? '', 10);
    const locale = c.get('locale');
    const lang = c.req.query('lang');
    return {
      ...params,
      sort: params.sort ?? (params.q ? 'relevance' : 'date'),
      page: params.page,
      pageSize: Number.isInteger(size) && size >= 1 && size <= 100 ? size : 20,
      locale: isUnLanguage(lang) ? lang : isLocale(locale) ? locale : 'en',
    };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/documents',
      summary: 'The documents the caller may see, newest first, filtered',
      middleware: records('list'),
      request: { query: LibraryParams },
      responses: { 200: json(DocumentPage, 'One page of documents') },
    }),
    async (c) => {
      const query = queryOf(c);
      const actor = actorOf(c);
      const answer = async () => {
        const result = await queryLibrary(deps.database, actor, query, {
          facets: false,
          remember: rememberFor(deps),
        });
        return {
          items: result.rows,
          total: result.total,
          totalIsCapped: result.totalIsCapped,
          page: query.page,
          pageSize: query.pageSize,
        };
      };
      if (searchWordsOf(query.q) !== null) return c.json(await answer(), 200);
      // Without words, a page of the list is kept like the library's HTML page (ADR 0009, 0023): for the
      // reader's grants (what the policy lets them see, nothing else changes the answer) until any change
      // of data. Searches are not kept: each is answered by the database.
      const key = `json|documents|${JSON.stringify(grantsOf(actor))}|${JSON.stringify(query)}`;
      const rendered = await deps.cache.get(key, async () => JSON.stringify(await answer()));
      return sendRendered(c, rendered, {
        contentType: 'application/json',
        vary: 'Accept-Encoding, Accept-Language, Cookie, X-API-Key',
        cacheControl: 'private, no-cache',
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/documents/search',
      summary: 'Search titles, metadata and the text inside documents the caller may see',
      middleware: records('search'),
      request: {
        query: LibraryParams.extend({
          facetLimit: z.coerce
            .number({ error: facetLimitProblem })
            .int({ error: facetLimitProblem })
            .min(1, { error: facetLimitProblem })
            .max(facetLimitMax, { error: facetLimitProblem })
            .optional()
            .openapi({
              type: 'integer',
              minimum: 1,
              maximum: facetLimitMax,
              description: `How many values of each facet to list, the most frequent first (years: the newest): 1 to ${facetLimitMax}; ${defaultFacetLimit} by default. \`facetTotals\` says how many each facet has`,
            }),
        }),
      },
      responses: {
        200: json(
          DocumentPage.extend({
            facets: Facets,
            facetTotals: z.record(z.string(), z.number().int()).openapi({
              description: 'How many values each facet has among the matches counted, listed or not',
            }),
            facetsOver: z.number().int().openapi({
              description:
                'How many matches the facets count: all of them, or the first 1,000 found when more match',
            }),
          }).openapi('DocumentSearch'),
          'Matches with facets',
        ),
      },
    }),
    async (c) => {
      const query = queryOf(c);
      const actor = actorOf(c);
      const result = await queryLibrary(deps.database, actor, query, {
        facets: true,
        facetLimit: c.req.valid('query').facetLimit ?? defaultFacetLimit,
        remember: rememberFor(deps),
      });
      const facets = result.facets;
      return c.json(
        {
          items: result.rows,
          total: result.total,
          totalIsCapped: result.totalIsCapped,
          page: query.page,
          pageSize: query.pageSize,
          facets,
          facetTotals: result.facetTotals,
          facetsOver: result.facetsOver,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/documents/{id}',
      summary: 'One document with its editions and versions (reads above the Compact level are audited)',
      middleware: records('read'),
      request: { params: IdParam },
      responses: { 200: json(Document, 'The document'), 404: json(ApiError, 'No such document you may see') },
    }),
    async (c) => {
      const document = await findDocument(db, actorOf(c), c.req.valid('param').id);
      if (!document) return notFound(c);
      await recordRestrictedRead(
        db,
        actorOf(c),
        { type: 'document', id: document.id, record: recordOfDocument(document) },
        'read',
      );
      return c.json(documentJson(document), 200);
    },
  );

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/documents',
    summary: 'Upload a document: its first file and its metadata (multipart; list fields repeat)',
    request: multipartUpload(
      newDocumentInput.extend({ file: z.string().openapi({ format: 'binary' }) }),
      'The file in `file`; the other parts are the metadata fields',
    ),
    responses: { 201: json(Document, 'The new document'), ...refusals },
  });
  app.post('/api/v1/documents', records('edit'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return unauthenticated(c);
    // Refused before a byte is stored: who may not add documents cannot fill the store either.
    if (!mayAddDocuments(viewer.actor)) return refusal(c, new Forbidden());
    const upload = await receiveUpload(c.req.raw, deps.blobs, maxBytes);
    const input = readInput(newDocumentInput, upload.fields);
    const problems = [...upload.problems, ...(input.problems ?? [])];
    if (!input.data || !upload.file) return refusal(c, new InvalidInput(problems));
    try {
      const id = await createDocument(db, viewer.actor, input.data, upload.file, today());
      deps.documentJobs.kick();
      markDataChanged(c);
      const document = await findDocument(db, viewer.actor, id);
      return c.json(documentJson(document as DocumentDetail), 201);
    } catch (error) {
      return refusal(c, error);
    }
  });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/documents/{id}/versions',
    summary: 'Add a file: a new version, or the first of a new language edition (multipart)',
    request: {
      params: IdParam,
      ...multipartUpload(
        versionInput.extend({ file: z.string().openapi({ format: 'binary' }) }),
        'The file in `file`, with its `language`, an optional `note` and edition `title`',
      ),
    },
    responses: { 201: json(Document, 'The document with its new version'), ...refusals },
  });
  app.post('/api/v1/documents/:id/versions', records('edit'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return unauthenticated(c);
    const id = c.req.param('id');
    const document = IdParam.safeParse({ id }).success ? await findDocument(db, viewer.actor, id) : null;
    if (!document) return notFound(c);
    if (!can(viewer.actor, 'edit', recordOfDocument(document))) return refusal(c, new Forbidden());
    const upload = await receiveUpload(c.req.raw, deps.blobs, maxBytes);
    const input = readInput(versionInput, upload.fields);
    const problems = [...upload.problems, ...(input.problems ?? [])];
    if (!input.data || !upload.file) return refusal(c, new InvalidInput(problems));
    try {
      await addVersion(db, viewer.actor, id, input.data, upload.file);
      deps.documentJobs.kick();
      markDataChanged(c);
      return c.json(documentJson((await findDocument(db, viewer.actor, id)) as DocumentDetail), 201);
    } catch (error) {
      return refusal(c, error);
    }
  });

  const MetadataInput = documentMetadataInput
    .extend({ version: z.number().int().min(0).max(2_147_483_647) })
    .strict()
    .openapi('DocumentMetadataInput');
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/documents/{id}',
      summary: 'Replace a document’s metadata and access (its owner, its body’s chair, the secretariat)',
      middleware: records('edit'),
      request: {
        params: IdParam,
        body: { content: { 'application/json': { schema: MetadataInput } }, required: true },
      },
      responses: { 200: json(Document, 'The document as saved'), ...refusals },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      try {
        await updateDocumentMetadata(db, viewer.actor, id, input.version, input, today());
        markDataChanged(c);
        return c.json(documentJson((await findDocument(db, viewer.actor, id)) as DocumentDetail), 200);
      } catch (error) {
        return refusal(c, error) as never;
      }
    },
  );

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/v1/documents/{id}/download',
    summary:
      'A document’s file: the current one in `language`, or a given `version` (downloads above the Compact level are audited)',
    request: {
      params: IdParam,
      query: z.object({ language: z.enum(unLanguages).optional(), version: z.uuid().optional() }),
    },
    responses: {
      200: {
        description: 'The file, as an attachment',
        content: { 'application/octet-stream': { schema: z.string() } },
      },
      404: json(ApiError, 'No such document or file you may see'),
    },
  });
  app.get('/api/v1/documents/:id/download', records('download'), async (c) => {
    const id = c.req.param('id');
    if (!IdParam.safeParse({ id }).success) return notFound(c);
    const document = await findDocument(db, actorOf(c), id);
    if (!document) return notFound(c);
    return sendFile(c, deps, document, {
      versionId: c.req.query('version'),
      language: c.req.query('language'),
      inline: false,
    });
  });
}
