import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(() => platform.close());

const getJson = async (path: string) => {
  const response = await platform.get(path);
  return { status: response.status, body: await response.json() };
};

describe('the directory API', () => {
  it('lists the 45 entities, paginated as items and total', async () => {
    const first = await getJson('/api/v1/entities?pageSize=20');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(45);
    expect(first.body.items).toHaveLength(20);
    const last = await getJson('/api/v1/entities?pageSize=20&page=3');
    expect(last.body.items).toHaveLength(5);
    const nonUn = await getJson('/api/v1/entities?kind=non_un');
    expect(nonUn.body.items.map((entity: { acronym: string }) => entity.acronym)).toEqual([
      'FATF',
      'INTERPOL',
      'IPU',
      'WCO',
    ]);
    const march2022 = await getJson('/api/v1/entities?at=2022-03-31');
    expect(march2022.body.total).toBe(43);
  });

  it('gives one entity by slug or id, and a JSON 404 for an unknown one', async () => {
    const fatf = await getJson('/api/v1/entities/fatf');
    expect(fatf.body).toMatchObject({
      acronym: 'FATF',
      kind: 'non_un',
      status: 'observer',
      joinedOn: '2022-04-01',
    });
    expect((await getJson(`/api/v1/entities/${fatf.body.id}`)).body.acronym).toBe('FATF');
    const missing = await getJson('/api/v1/entities/nobody');
    expect(missing).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'No such entity.' } });
  });

  it('answers who chaired ETCIP on 15 August 2022: OPCW', async () => {
    const chairs = await getJson('/api/v1/bodies/etcip/chairs?at=2022-08-15');
    expect(chairs.status).toBe(200);
    expect(chairs.body.items).toEqual([
      expect.objectContaining({
        seat: 'chair',
        since: '2022-07-01',
        until: '2022-09-30',
        entity: expect.objectContaining({ acronym: 'OPCW' }),
      }),
    ]);
    const q4 = await getJson('/api/v1/bodies/etcip/chairs?at=2022-11-15');
    expect(q4.body.items[0].entity.acronym).toBe('INTERPOL');
  });

  it('lists bodies, and a body’s members and observers on a day', async () => {
    const bodies = await getJson('/api/v1/bodies');
    expect(bodies.body.total).toBe(9);
    expect(bodies.body.items.filter((body: { kind: string }) => body.kind === 'working_group')).toHaveLength(
      8,
    );
    const etcip = await getJson('/api/v1/bodies/etcip/members?at=2022-12-31');
    expect(etcip.body.total).toBe(19);
    expect(
      etcip.body.items.find((row: { entity: { acronym: string } }) => row.entity.acronym === 'WBG').role,
    ).toBe('observer');
  });

  it('refuses a malformed date with a clear JSON error', async () => {
    const bad = await getJson('/api/v1/bodies/etcip/chairs?at=15/08/2022');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'Enter a date as YYYY-MM-DD, for example 2022-08-15.',
      problems: [{ field: 'at', code: 'bad_date', message: expect.any(String) }],
    });
    expect((await getJson('/api/v1/entities?pageSize=1000')).status).toBe(400);
  });

  it('describes every endpoint in an OpenAPI 3.1 document', async () => {
    const doc = await getJson('/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      '/api/v1/action-items',
      '/api/v1/bodies',
      '/api/v1/bodies/{id}',
      '/api/v1/bodies/{id}/chairs',
      '/api/v1/bodies/{id}/chairs/{itemId}/end',
      '/api/v1/bodies/{id}/members',
      '/api/v1/bodies/{id}/members/{itemId}/end',
      '/api/v1/countries',
      '/api/v1/countries/{iso3}',
      '/api/v1/countries/{iso3}/sections/{kind}/draft',
      '/api/v1/countries/{iso3}/sections/{kind}/review',
      '/api/v1/countries/{iso3}/sections/{kind}/versions',
      '/api/v1/cted/assessments',
      '/api/v1/cted/recommendations',
      '/api/v1/cted/recommendations/import',
      '/api/v1/cted/recommendations/{id}',
      '/api/v1/cted/recommendations/{id}/supersede',
      '/api/v1/cted/recommendations/{id}/uptake',
      '/api/v1/documents',
      '/api/v1/documents/search',
      '/api/v1/documents/{id}',
      '/api/v1/documents/{id}/download',
      '/api/v1/documents/{id}/versions',
      '/api/v1/entities',
      '/api/v1/entities/{id}',
      '/api/v1/entities/{id}/administration',
      '/api/v1/entities/{id}/people',
      '/api/v1/entities/{id}/status',
      '/api/v1/meetings',
      '/api/v1/meetings/{id}',
      '/api/v1/meetings/{id}/action-items',
      '/api/v1/work-plans',
      '/api/v1/work-plans/{id}',
      '/api/v1/work-plans/{id}/activities/{activityId}/updates',
    ]);
    expect(Object.keys(doc.body.paths['/api/v1/bodies/{id}/chairs']).sort()).toEqual(['get', 'post']);
    expect(doc.body.paths['/api/v1/entities/{id}'].patch.requestBody).toBeTruthy();
    for (const schema of ['Entity', 'ChairTermInput', 'MembershipInput', 'EntityProfileInput', 'Person']) {
      expect(doc.body.components.schemas[schema]).toBeTruthy();
    }
  });
});
