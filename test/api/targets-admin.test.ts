import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.js';
import { insertMeasurements } from '../support/factories.js';

const CREATE =
  'mutation($input: CreateTargetInput!) { createTarget(input: $input) { target { id value comparator step inForceFrom appliesTo { edges { node { organisationType } } } } errors { field code message } } }';
const UPDATE =
  'mutation($id: ID!, $input: UpdateTargetInput!) { updateTarget(id: $id, input: $input) { target { id value inForceFrom inForceTo } errors { field code message } } }';
const DELETE = 'mutation($id: ID!) { deleteTarget(id: $id) { deleted errors { field code message } } }';
const STANDING = '{ organisation(odsCode: "QKK") { standing(metricCode: "AE_4HR") { threshold target { id } } } }';
const as = (key: string) => ({ authorization: `Bearer ${key}` });

let api: TestApi;
let milestoneId: string;
beforeAll(async () => {
  api = await createTestApi();
  const milestones = await api.post({
    query:
      '{ milestones(filter: { mandateSlug: "2023", metricCodes: ["AE_4HR"] }, first: 1) { edges { node { id } } } }',
  });
  milestoneId = (milestones.json.data as any).milestones.edges[0].node.id;
  // South East London's June 2025 value, so that the ICB has a standing to judge.
  await insertMeasurements(api.db, [
    {
      metricCode: 'AE_4HR',
      odsCode: 'QKK',
      period: '2025-06',
      value: 79,
      numerator: 7_900,
      denominator: 10_000,
      derived: true,
    },
  ]);
});
afterAll(() => api?.close());

const targetCount = () => api.db.prisma.target.count();
const newTarget = (overrides: Record<string, unknown> = {}) => ({
  milestoneId,
  metricCode: 'AE_4HR',
  comparator: 'AT_LEAST',
  value: 80,
  inForceFrom: '2025-06-01',
  appliesTo: [{ organisationType: 'ICB' }],
  ...overrides,
});

describe('admins manage targets', () => {
  let created: { id: string; step: number };

  it('adds a target as the next step of the trajectory, which judges from then on, and audits it', async () => {
    const before = await targetCount();
    const { json } = await api.post({ query: CREATE, variables: { input: newTarget() } });
    const payload = (json.data as any).createTarget;
    expect(payload.errors).toEqual([]);
    expect(payload.target).toMatchObject({
      value: 80,
      comparator: 'AT_LEAST',
      inForceFrom: '2025-06-01',
      appliesTo: { edges: [{ node: { organisationType: 'ICB' } }] },
    });
    expect(payload.target.step).toBeGreaterThan(1);
    created = payload.target;
    expect(await targetCount()).toBe(before + 1);
    // The ICB's June 2025 value is now judged by it: it starts later than the 78% step.
    expect((await api.post({ query: STANDING })).json.data).toEqual({
      organisation: { standing: { threshold: 80, target: { id: created.id } } },
    });
    const audited = await api.db.prisma.auditEntry.findFirst({
      where: { action: 'createTarget' },
      orderBy: { id: 'desc' },
    });
    expect(audited).toMatchObject({ rows: 1, succeeded: true, role: 'ADMIN' });
  });

  it("changes a target's threshold and dates, judging by the change", async () => {
    const { json } = await api.post({ query: UPDATE, variables: { id: created.id, input: { value: 81.5 } } });
    expect((json.data as any).updateTarget).toEqual({
      target: { id: created.id, value: 81.5, inForceFrom: '2025-06-01', inForceTo: null },
      errors: [],
    });
    expect(((await api.post({ query: STANDING })).json.data as any).organisation.standing.threshold).toBe(81.5);
  });

  it('refuses nonsense, listing every problem and changing nothing', async () => {
    const before = await targetCount();
    const bad = await api.post({
      query: CREATE,
      variables: {
        input: newTarget({
          metricCode: 'NOPE',
          value: 150,
          appliesTo: [{ organisationType: 'ICB', odsCode: 'QKK' }, { odsCode: 'ZZZZZ' }],
        }),
      },
    });
    expect(
      (bad.json.data as any).createTarget.errors.map(
        (error: { field: string; code: string }) => `${error.field}:${error.code}`,
      ),
    ).toEqual(['metricCode:UNKNOWN_METRIC', 'appliesTo.0:INVALID_SCOPE', 'appliesTo.1:UNKNOWN_ORGANISATION']);
    const range = await api.post({
      query: CREATE,
      variables: { input: newTarget({ value: 150, inForceTo: '2025-01-01', appliesTo: [] }) },
    });
    expect((range.json.data as any).createTarget.errors.map((error: { code: string }) => error.code)).toEqual([
      'OUT_OF_RANGE',
      'INVALID_SPAN',
      'MISSING_VALUE',
    ]);
    const update = await api.post({
      query: UPDATE,
      variables: { id: created.id, input: { inForceTo: '2025-01-31', value: null } },
    });
    expect((update.json.data as any).updateTarget.errors.map((error: { code: string }) => error.code)).toEqual([
      'MISSING_VALUE',
      'INVALID_SPAN',
    ]);
    const wrongType = await api.post({ query: UPDATE, variables: { id: milestoneId, input: { value: 70 } } });
    expect((wrongType.json.data as any).updateTarget.errors[0].code).toBe('UNKNOWN_TARGET');
    const typo = await api.post({ query: CREATE, variables: { input: newTarget({ comparator: 'MORE_THAN' }) } });
    expect(typo.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await targetCount()).toBe(before);
    expect(((await api.post({ query: STANDING })).json.data as any).organisation.standing.threshold).toBe(81.5);
    const refusals = await api.db.prisma.auditEntry.count({
      where: { action: { in: ['createTarget', 'updateTarget'] }, succeeded: false },
    });
    expect(refusals).toBeGreaterThanOrEqual(4);
  });

  it('lets only admins manage targets', async () => {
    const before = await targetCount();
    for (const role of ['READER', 'OPS', 'PARTNER'] as const) {
      const key = await api.createKey(role, role === 'PARTNER' ? ['QKK'] : []);
      const { status, json } = await api.post({ query: CREATE, variables: { input: newTarget() } }, as(key));
      expect(status, role).toBe(403);
      expect(json.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
    expect(await targetCount()).toBe(before);
  });

  it('deletes a target that judged nothing, and keeps one the crossing log refers to', async () => {
    // Two months for a South East London trust: its ICB falls below the target, then recovers.
    const written = await api.post({
      query:
        'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded errors { code } } }',
      variables: {
        i: {
          source: 'test',
          measurements: ['2025-04', '2025-05'].map((period, index) => ({
            metricCode: 'AE_4HR',
            odsCode: 'RJ1',
            period,
            numerator: index === 0 ? 5_000 : 9_500,
            denominator: 10_000,
          })),
        },
      },
    });
    expect((written.json.data as any).recordMeasurements.crossingsRecorded).toBeGreaterThan(0);
    const crossed = await api.db.prisma.crossing.findFirstOrThrow({ select: { targetId: true } });
    const before = await targetCount();
    const inUse = await api.post({
      query: DELETE,
      variables: { id: Buffer.from(`Target:${crossed.targetId}`).toString('base64') },
    });
    expect((inUse.json.data as any).deleteTarget.errors[0].code).toBe('TARGET_IN_USE');
    expect(await targetCount()).toBe(before);
    const deleted = await api.post({ query: DELETE, variables: { id: created.id } });
    expect((deleted.json.data as any).deleteTarget).toEqual({ deleted: true, errors: [] });
    expect(await targetCount()).toBe(before - 1);
    expect(((await api.post({ query: STANDING })).json.data as any).organisation.standing.threshold).toBe(78);
  });
});
