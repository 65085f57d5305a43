import { describe, expect, it } from 'vitest';
import { servedTestApi } from '../support/api.js';

const served = servedTestApi();
const CREATE =
  'mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { milestone { id key title dueBy priority { ordinal } parent { key } } errors { field code } } }';
const UPDATE =
  'mutation($id: ID!, $input: UpdateMilestoneInput!) { updateMilestone(id: $id, input: $input) { milestone { title dueBy } errors { field code } } }';
const MANDATE =
  'mutation($slug: String!, $input: UpdateMandateInput!) { updateMandate(slug: $slug, input: $input) { mandate { slug title } errors { field code } } }';
const milestoneCount = () => served.api.db.prisma.milestone.count();

describe('admins manage mandates and milestones', () => {
  it('add a milestone under a priority and another nested under it, then change its words and date', async () => {
    const { api } = served;
    const top = await api.post({
      query: CREATE,
      variables: {
        input: {
          mandateSlug: '2023',
          priorityOrdinal: 1,
          key: '2023/p1/test-milestone',
          title: 'Cut waits for test results',
          dueBy: '2026-03-31',
        },
      },
    });
    const created = (top.json.data as any).createMilestone;
    expect(created).toMatchObject({
      errors: [],
      milestone: { key: '2023/p1/test-milestone', dueBy: '2026-03-31', priority: { ordinal: 1 }, parent: null },
    });
    const nested = await api.post({
      query: CREATE,
      variables: {
        input: {
          mandateSlug: '2023',
          parentId: created.milestone.id,
          key: '2023/p1/test-milestone/part',
          title: 'Half of it by winter',
        },
      },
    });
    expect((nested.json.data as any).createMilestone).toMatchObject({
      errors: [],
      milestone: { priority: { ordinal: 1 }, parent: { key: '2023/p1/test-milestone' } },
    });
    const changed = await api.post({
      query: UPDATE,
      variables: { id: created.milestone.id, input: { title: 'Cut waits for all test results', dueBy: null } },
    });
    expect((changed.json.data as any).updateMilestone).toEqual({
      milestone: { title: 'Cut waits for all test results', dueBy: null },
      errors: [],
    });
    const mandate = await api.post({
      query: MANDATE,
      variables: { slug: '2023', input: { title: 'The 2023 mandate to NHS England (revised)' } },
    });
    expect((mandate.json.data as any).updateMandate).toEqual({
      mandate: { slug: '2023', title: 'The 2023 mandate to NHS England (revised)' },
      errors: [],
    });
    expect(
      await api.db.prisma.auditEntry.count({
        where: { action: { in: ['createMilestone', 'updateMilestone', 'updateMandate'] }, succeeded: true },
      }),
    ).toBe(4);
  });

  it('refuse nonsense with every problem named, changing nothing', async () => {
    const { api } = served;
    const before = await milestoneCount();
    const bad = await api.post({
      query: CREATE,
      variables: { input: { mandateSlug: '2023', priorityOrdinal: 99, key: 'Not A Key', title: ' ' } },
    });
    expect((bad.json.data as any).createMilestone.errors.map((error: { code: string }) => error.code)).toEqual([
      'UNKNOWN_PRIORITY',
      'INVALID_KEY',
      'MISSING_VALUE',
    ]);
    const other = await api.post({
      query: CREATE,
      variables: { input: { mandateSlug: '1999', key: 'x', title: 'x' } },
    });
    expect((other.json.data as any).createMilestone.errors[0].code).toBe('UNKNOWN_MANDATE');
    const duplicate = await api.post({
      query: CREATE,
      variables: { input: { mandateSlug: '2023', key: '2023/p1/test-milestone', title: 'again' } },
    });
    expect((duplicate.json.data as any).createMilestone.errors[0].code).toBe('DUPLICATE_KEY');
    const wrongId = await api.post({
      query: UPDATE,
      variables: { id: Buffer.from('Target:1').toString('base64'), input: { title: 'x' } },
    });
    expect((wrongId.json.data as any).updateMilestone.errors[0].code).toBe('UNKNOWN_MILESTONE');
    const cleared = await api.post({
      query: MANDATE,
      variables: { slug: '2023', input: { title: null, summary: 'x'.repeat(10_001) } },
    });
    expect((cleared.json.data as any).updateMandate.errors.map((error: { code: string }) => error.code)).toEqual([
      'MISSING_VALUE',
      'TOO_LONG',
    ]);
    expect(await milestoneCount()).toBe(before);
  });

  it('let only admins change them', async () => {
    const { api } = served;
    const partner = await api.createKey('PARTNER', ['QKK']);
    const { status } = await api.post(
      { query: MANDATE, variables: { slug: '2023', input: { title: 'Mine now' } } },
      { authorization: `Bearer ${partner}` },
    );
    expect(status).toBe(403);
    expect((await api.post({ query: '{ mandate(slug: "2023") { title } }' })).json.data).toEqual({
      mandate: { title: 'The 2023 mandate to NHS England (revised)' },
    });
  });
});
