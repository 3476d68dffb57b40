import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { recordRestrictedRead } from '../audit/record.ts';
import { reviewDraft, saveDraft } from '../countries/commands.ts';
import { draftInput, reviewInput } from '../countries/input.ts';
import { findState, listCountries, sectionsOf, versionsOf } from '../countries/queries.ts';
import { sectionKinds, sectionLevels, strategyStatuses } from '../countries/schema.ts';
import {
  createAssessment,
  createRecommendation,
  ctedEntityId,
  importRecommendations,
  recordUptake,
  supersedeRecommendation,
  updateRecommendation,
} from '../cted/commands.ts';
import {
  assessmentInput,
  recommendationInput,
  recommendationUpdateInput,
  supersedeInput,
  uptakeInput,
} from '../cted/input.ts';
import {
  findRecommendation,
  listAssessments,
  listRecommendations,
  type RecommendationDetail,
  recommendationCountsByState,
} from '../cted/queries.ts';
import { ctedRecord, mayManageCted } from '../cted/rules.ts';
import { assessmentKinds, priorities, recommendationStatuses, themes } from '../cted/schema.ts';
import { maxImportBytes, readTable } from '../cted/spreadsheet.ts';
import { DomainError, InvalidInput, RefusedWith } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { accessLevels } from '../policy/levels.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { isMessageKey } from '../web/i18n/translate.ts';
import { markDataChanged } from '../web/public-page.ts';
import { notFound, refusal, refusals, unauthenticated } from './governance.ts';
import { ApiError, json, LocalizedText } from './schemas.ts';

const Iso3Param = z.object({
  iso3: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .openapi({ example: 'KEN' }),
});
const SectionParam = Iso3Param.extend({ kind: z.enum(sectionKinds) });
const IdParam = z.object({ id: z.uuid() });

const CountrySummary = z
  .object({
    iso3: z.string(),
    iso2: z.string(),
    name: LocalizedText,
    region: z.string(),
    subregion: z.string(),
    regionalGroup: z.string(),
    strategyStatus: z.enum(strategyStatuses).nullable(),
    sectionsPublished: z.number().int(),
    openRecommendations: z
      .number()
      .int()
      .openapi({ description: 'Open and in-progress CTED recommendations the caller may see' }),
  })
  .openapi('Country');

const Section = z
  .object({
    kind: z.enum(sectionKinds),
    version: z
      .number()
      .int()
      .openapi({ description: 'Send it back with a draft; 0 when the section does not exist yet' }),
    published: z
      .object({
        number: z.number().int(),
        text: z.string(),
        level: z.enum(sectionLevels),
        strategyStatus: z.enum(strategyStatuses).nullable(),
        publishedAt: z.string(),
      })
      .nullable(),
    draft: z
      .object({
        state: z.enum(['editing', 'submitted', 'returned']),
        text: z.string(),
        level: z.enum(sectionLevels),
        strategyStatus: z.enum(strategyStatuses).nullable(),
      })
      .nullable()
      .openapi({ description: 'Only for the State itself, and for the secretariat once submitted' }),
    reviewComment: z.string().nullable(),
  })
  .openapi('CountrySection');

const CountryDetail = CountrySummary.extend({
  sections: z.array(Section),
  recommendations: z
    .number()
    .int()
    .openapi({ description: 'CTED recommendations of this State the caller may see' }),
}).openapi('CountryDetail');

const Recommendation = z
  .object({
    id: z.uuid(),
    country: z.string(),
    assessment: z.uuid(),
    theme: z.enum(themes),
    priority: z.enum(priorities),
    status: z.enum(recommendationStatuses),
    text: z.string(),
    issuedOn: z.string(),
    dueOn: z.string().nullable(),
    statusChangedOn: z.string(),
    supersededBy: z.uuid().nullable(),
    level: z.enum(accessLevels),
    uptakes: z.array(z.object({ entity: z.string(), note: z.string(), since: z.string() })),
    version: z.number().int(),
  })
  .openapi('CtedRecommendation');

const Assessment = z
  .object({
    id: z.uuid(),
    country: z.string(),
    kind: z.enum(assessmentKinds),
    visitStart: z.string(),
    visitEnd: z.string(),
    widerSharing: z.boolean(),
    level: z.enum(accessLevels),
    report: z.string().nullable().openapi({ description: 'Where to download the report' }),
    version: z.number().int(),
  })
  .openapi('CtedAssessment');

const ImportReport = z
  .object({
    rows: z.number().int(),
    valid: z.number().int(),
    added: z.number().int(),
    problems: z.array(
      z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() }),
    ),
  })
  .openapi('CtedImportReport');

const strictBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

function recommendationJson(recommendation: RecommendationDetail): z.infer<typeof Recommendation> {
  return {
    id: recommendation.id,
    country: recommendation.state.iso3,
    assessment: recommendation.assessmentId,
    theme: recommendation.theme as z.infer<typeof Recommendation>['theme'],
    priority: recommendation.priority,
    status: recommendation.status,
    text: recommendation.text,
    issuedOn: recommendation.issuedOn,
    dueOn: recommendation.dueOn,
    statusChangedOn: recommendation.statusChangedOn,
    supersededBy: recommendation.supersededById,
    level: recommendation.level,
    uptakes: recommendation.uptakes.map((uptake) => ({
      entity: uptake.acronym,
      note: uptake.note,
      since: uptake.since,
    })),
    version: recommendation.version,
  };
}

/**
 * Member State pages and CTED's records in the API (issue 7): the same queries and commands as the
 * pages, so the same policy, rules and audit.
 */
export function countryApiRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const { db } = deps.database;
  const actorOf = (c: Context<AppEnv>): Actor => c.get('viewer')?.actor ?? { kind: 'anonymous' };
  const policy = (resource: string, action: 'list' | 'read' | 'edit') =>
    declarePolicy({ kind: 'records', resource, action });

  /** A refusal with its precise reason (another State's page, not CTED) as its message. */
  const refused = (c: Context<AppEnv>, error: unknown) => {
    if (error instanceof DomainError && error.status === 403 && error.problems.length > 0) {
      const t = c.get('t');
      const problems = error.problems.map((problem) => {
        const key = `problem.${problem.code}`;
        return { ...problem, message: isMessageKey(key) ? t(key, problem.values) : t('api.forbidden') };
      });
      return c.json({ code: error.code, message: problems[0]?.message as string, problems }, 403);
    }
    return refusal(c, error);
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/countries',
      summary: 'The 193 Member States with what of their pages and CTED recommendations the caller may see',
      middleware: policy('country-section', 'list'),
      request: { query: z.object({ region: z.string().optional() }) },
      responses: {
        200: json(z.object({ items: z.array(CountrySummary), total: z.number().int() }), 'Member States'),
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const [rows, open] = await Promise.all([
        listCountries(db, actor, { region: c.req.valid('query').region }),
        recommendationCountsByState(db, actor),
      ]);
      const items = rows.map(({ id, sections, ...row }) => ({
        ...row,
        sectionsPublished: sections,
        openRecommendations: open.get(id) ?? 0,
      }));
      return c.json({ items, total: items.length }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/countries/{iso3}',
      summary:
        'One Member State: its sections as the caller may see them, and its CTED recommendations count',
      middleware: policy('country-section', 'read'),
      request: { params: Iso3Param },
      responses: {
        200: json(CountryDetail, 'The Member State'),
        404: json(ApiError, 'No such Member State'),
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const state = await findState(db, c.req.valid('param').iso3);
      if (!state) return notFound(c);
      const [sections, all, open] = await Promise.all([
        sectionsOf(db, actor, state.id),
        listRecommendations(db, actor, { country: state.iso3 }, { limit: 1, offset: 0 }),
        recommendationCountsByState(db, actor, { memberStateId: state.id }),
      ]);
      const published = sections.filter((section) => section.published);
      return c.json(
        {
          iso3: state.iso3,
          iso2: state.iso2,
          name: state.name,
          region: state.region,
          subregion: state.subregion,
          regionalGroup: state.regionalGroup,
          strategyStatus:
            sections.find((section) => section.kind === 'strategy')?.published?.strategyStatus ?? null,
          sectionsPublished: published.length,
          openRecommendations: open.get(state.id) ?? 0,
          recommendations: all.total,
          sections: sections.map((section) => ({
            kind: section.kind,
            version: section.version,
            published: section.published
              ? { ...section.published, publishedAt: section.published.publishedAt.toISOString() }
              : null,
            draft: section.draft
              ? {
                  state: section.draft.state,
                  text: section.draft.text,
                  level: section.draft.level,
                  strategyStatus: section.draft.strategyStatus,
                }
              : null,
            reviewComment: section.reviewComment,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/countries/{iso3}/sections/{kind}/versions',
      summary: 'The published versions of a section the caller may see, newest first',
      middleware: policy('country-section', 'read'),
      request: { params: SectionParam },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                number: z.number().int(),
                text: z.string(),
                level: z.enum(sectionLevels),
                strategyStatus: z.enum(strategyStatuses).nullable(),
                publishedAt: z.string(),
              }),
            ),
          }),
          'Versions',
        ),
        404: json(ApiError, 'No such Member State'),
      },
    }),
    async (c) => {
      const { iso3, kind } = c.req.valid('param');
      const state = await findState(db, iso3);
      if (!state) return notFound(c);
      const versions = await versionsOf(db, actorOf(c), state.id, kind);
      return c.json(
        {
          items: versions.map((version) => ({ ...version, publishedAt: version.publishedAt.toISOString() })),
        },
        200,
      );
    },
  );

  const DraftBody = draftInput
    .extend({ submit: z.boolean().optional(), version: z.number().int().min(0) })
    .strict()
    .openapi('CountrySectionDraft');
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/countries/{iso3}/sections/{kind}/draft',
      summary:
        'Save the draft of a section of your own State (its focal points only); `submit` sends it for review',
      middleware: policy('country-section', 'edit'),
      request: { params: SectionParam, ...strictBody(DraftBody) },
      responses: { 200: json(Section, 'The section as saved'), ...refusals },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      const { iso3, kind } = c.req.valid('param');
      const body = c.req.valid('json');
      try {
        await saveDraft(db, viewer.actor, iso3, kind, { ...body, submit: body.submit === true });
        markDataChanged(c);
        const state = await findState(db, iso3);
        const section = (await sectionsOf(db, viewer.actor, state?.id as string)).find(
          (s) => s.kind === kind,
        );
        return c.json(sectionJson(section), 200);
      } catch (error) {
        return refused(c, error) as never;
      }
    },
  );

  const ReviewBody = reviewInput
    .extend({ version: z.number().int().min(0) })
    .strict()
    .openapi('CountrySectionReview');
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/countries/{iso3}/sections/{kind}/review',
      summary: 'Publish a submitted draft, or return it with a comment (the secretariat)',
      middleware: policy('country-section', 'edit'),
      request: { params: SectionParam, ...strictBody(ReviewBody) },
      responses: {
        200: json(z.object({ published: z.number().int().nullable() }), 'The decision'),
        ...refusals,
      },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      const { iso3, kind } = c.req.valid('param');
      try {
        const result = await reviewDraft(db, viewer.actor, iso3, kind, c.req.valid('json'));
        markDataChanged(c);
        return c.json(result, 200);
      } catch (error) {
        return refused(c, error) as never;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/cted/assessments',
      summary: 'CTED assessments the caller may see',
      middleware: policy('cted-assessment', 'list'),
      responses: { 200: json(z.object({ items: z.array(Assessment) }), 'Assessments') },
    }),
    async (c) => {
      const rows = await listAssessments(db, actorOf(c));
      const items = rows.map((row) => ({
        id: row.id,
        country: row.iso3,
        kind: row.kind,
        visitStart: row.visitStart,
        visitEnd: row.visitEnd,
        widerSharing: row.widerSharing,
        level: row.level as z.infer<typeof Assessment>['level'],
        report: row.reportDocumentId ? `/cted/assessments/${row.id}/report` : null,
        version: row.version,
      }));
      return c.json({ items }, 200);
    },
  );

  const AssessmentBody = assessmentInput
    .extend({ widerSharing: z.boolean(), namedEntities: z.array(z.string()).default([]) })
    .strict()
    .openapi('CtedAssessmentInput');
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/cted/assessments',
      summary: 'Record an assessment visit (CTED); the State’s consent to wider sharing decides its level',
      middleware: policy('cted-assessment', 'edit'),
      request: strictBody(AssessmentBody),
      responses: { 201: json(z.object({ id: z.uuid() }), 'The new assessment'), ...refusals },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      const parsed = assessmentInput.safeParse(c.req.valid('json'));
      if (!parsed.success) return refusal(c, new InvalidInput([{ field: 'form', code: 'invalid' }])) as never;
      try {
        const id = await createAssessment(db, viewer.actor, parsed.data);
        markDataChanged(c);
        return c.json({ id }, 201);
      } catch (error) {
        return refused(c, error) as never;
      }
    },
  );

  const RecommendationQuery = z.object({
    country: z.string().optional(),
    theme: z.enum(themes).optional(),
    status: z.enum(recommendationStatuses).optional(),
    q: z.string().max(200).optional().openapi({ description: 'Words in the text' }),
    unaddressed: z
      .enum(['1', 'true'])
      .optional()
      .openapi({ description: 'Only active ones no entity addresses' }),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/cted/recommendations',
      summary: 'CTED recommendations the caller may see (search with `q`)',
      middleware: policy('cted-recommendation', 'list'),
      request: { query: RecommendationQuery },
      responses: {
        200: json(
          z.object({
            items: z.array(
              Recommendation.omit({
                uptakes: true,
                version: true,
                statusChangedOn: true,
                supersededBy: true,
                assessment: true,
              }).extend({ uptakes: z.number().int() }),
            ),
            total: z.number().int(),
          }),
          'A page of recommendations',
        ),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const { rows, total } = await listRecommendations(
        db,
        actorOf(c),
        { ...query, unaddressed: query.unaddressed !== undefined },
        { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
      );
      const items = rows.map(({ iso3, country: _name, ...row }) => ({
        ...row,
        country: iso3,
        theme: row.theme as z.infer<typeof Recommendation>['theme'],
        level: row.level as z.infer<typeof Recommendation>['level'],
      }));
      return c.json({ items, total }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/cted/recommendations/{id}',
      summary: 'One recommendation with the entities addressing it (reads are audited)',
      middleware: policy('cted-recommendation', 'read'),
      request: { params: IdParam },
      responses: {
        200: json(Recommendation, 'The recommendation'),
        404: json(ApiError, 'No such recommendation you may see'),
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const recommendation = await findRecommendation(db, actor, c.req.valid('param').id);
      if (!recommendation) return notFound(c);
      await recordRestrictedRead(
        db,
        actor,
        { type: 'cted_recommendation', id: recommendation.id, record: ctedRecord(recommendation) },
        'read',
      );
      return c.json(recommendationJson(recommendation), 200);
    },
  );

  const write = async (c: Context<AppEnv>, work: (actor: Actor) => Promise<string>, status: 200 | 201) => {
    const viewer = c.get('viewer');
    if (!viewer) return unauthenticated(c);
    try {
      const id = await work(viewer.actor);
      markDataChanged(c);
      const found = await findRecommendation(db, viewer.actor, id);
      return c.json(recommendationJson(found as RecommendationDetail), status);
    } catch (error) {
      return refused(c, error);
    }
  };

  const NewRecommendation = recommendationInput.strict().openapi('CtedRecommendationInput');
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/cted/recommendations',
      summary: 'Add a recommendation to an assessment (CTED); the same text twice is refused',
      middleware: policy('cted-recommendation', 'edit'),
      request: strictBody(NewRecommendation),
      responses: { 201: json(Recommendation, 'The new recommendation'), ...refusals },
    }),
    async (c) =>
      write(c, (actor) => createRecommendation(db, actor, c.req.valid('json'), today()), 201) as never,
  );

  const UpdateBody = recommendationUpdateInput
    .extend({ version: z.number().int() })
    .strict()
    .openapi('CtedRecommendationUpdate');
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/cted/recommendations/{id}',
      summary: 'Update a recommendation (CTED); a superseded one is refused',
      middleware: policy('cted-recommendation', 'edit'),
      request: { params: IdParam, ...strictBody(UpdateBody) },
      responses: { 200: json(Recommendation, 'The recommendation as saved'), ...refusals },
    }),
    async (c) =>
      write(
        c,
        async (actor) => {
          const { id } = c.req.valid('param');
          await updateRecommendation(db, actor, id, c.req.valid('json'), today());
          return id;
        },
        200,
      ) as never,
  );

  const SupersedeBody = supersedeInput
    .extend({ version: z.number().int() })
    .strict()
    .openapi('CtedSupersession');
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/cted/recommendations/{id}/supersede',
      summary: 'Supersede a recommendation by a new one in the same assessment (CTED)',
      middleware: policy('cted-recommendation', 'edit'),
      request: { params: IdParam, ...strictBody(SupersedeBody) },
      responses: { 201: json(Recommendation, 'The new recommendation'), ...refusals },
    }),
    async (c) =>
      write(
        c,
        (actor) => supersedeRecommendation(db, actor, c.req.valid('param').id, c.req.valid('json'), today()),
        201,
      ) as never,
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/cted/recommendations/{id}/uptake',
      summary: 'Record that the caller’s entity addresses a recommendation it may see',
      middleware: policy('cted-uptake', 'edit'),
      request: { params: IdParam, ...strictBody(uptakeInput.strict().openapi('CtedUptakeInput')) },
      responses: { 201: json(Recommendation, 'The recommendation with its uptake'), ...refusals },
    }),
    async (c) =>
      write(
        c,
        async (actor) => {
          const { id } = c.req.valid('param');
          await recordUptake(db, actor, id, c.req.valid('json'));
          return id;
        },
        201,
      ) as never,
  );

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/cted/recommendations/import',
    summary: 'Import recommendations from a CSV or XLSX template, all or nothing; `dryRun=true` only checks',
    request: {
      query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
      body: {
        required: true,
        content: {
          'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) },
        },
      },
    },
    responses: {
      ...refusals,
      200: json(ImportReport, 'Every row valid: added, or would be added on a dry run'),
      400: json(ImportReport, 'Nothing added: the problems by row'),
    },
  });
  app.post(
    '/api/v1/cted/recommendations/import',
    policy('cted-recommendation', 'edit'),
    bodyLimit({
      maxSize: maxImportBytes + 64 * 1024,
      onError: (c) => refusal(c, new InvalidInput([{ field: 'file', code: 'cted_import_too_large' }])),
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      // Only CTED imports: anyone else is refused before a byte of the file is read.
      if (!mayManageCted(viewer.actor, await ctedEntityId(db))) {
        return refusal(c, new RefusedWith([{ field: 'form', code: 'cted_only' }]));
      }
      const t = c.get('t');
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File))
        return refusal(c, new InvalidInput([{ field: 'file', code: 'file_required' }]));
      const read = await readTable(file.name, new Uint8Array(await file.arrayBuffer()));
      if ('problem' in read) return refusal(c, new InvalidInput([{ field: 'file', code: read.problem }]));
      try {
        const report = await importRecommendations(db, viewer.actor, read.table, {
          dryRun: c.req.query('dryRun') === 'true',
          today: today(),
        });
        if (report.added > 0) markDataChanged(c);
        const problems = report.problems.map((problem) => {
          const key = `problem.${problem.code}`;
          return { ...problem, message: isMessageKey(key) ? t(key, problem.values) : t('problem.invalid') };
        });
        return c.json({ ...report, problems }, problems.length > 0 ? 400 : 200);
      } catch (error) {
        return refused(c, error);
      }
    },
  );
}

function sectionJson(section: Awaited<ReturnType<typeof sectionsOf>>[number] | undefined) {
  if (!section) throw new Error('section missing after save');
  return {
    kind: section.kind,
    version: section.version,
    published: section.published
      ? { ...section.published, publishedAt: section.published.publishedAt.toISOString() }
      : null,
    draft: section.draft
      ? {
          state: section.draft.state,
          text: section.draft.text,
          level: section.draft.level,
          strategyStatus: section.draft.strategyStatus,
        }
      : null,
    reviewComment: section.reviewComment,
  };
}
