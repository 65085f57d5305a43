import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MandateOverviewDocument,
  MandatesDocument,
  MilestonesDocument,
  MetricDocument,
  TargetsDocument,
} from '../../schema/generated/graphql.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const documentText = (file: string) =>
  normalise(readFileSync(new URL(`../../prisma/seed/documents/${file}`, import.meta.url), 'utf8'));

/** Compare words, not typography: quotes and whitespace differ between the documents and JSON. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”"‘’']/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[.:]+$/, '')
    .trim();
}

describe('mandates', () => {
  it('lists both mandates, oldest first, issued by the Department to NHS England', async () => {
    const { mandates } = await api.execute(MandatesDocument, {});
    expect(mandates.totalCount).toBe(2);
    expect(
      mandates.edges.map((edge) => [edge.node.slug, edge.node.publishedOn, edge.node.priorities.totalCount]),
    ).toEqual([
      ['2017-18', '2017-03-20', 4],
      ['2023', '2023-06-15', 3],
    ]);
    for (const { node } of mandates.edges) {
      expect(node.issuedBy).toEqual({ odsCode: 'DHSC', name: 'Department of Health and Social Care' });
      expect(node.issuedTo).toEqual({ odsCode: 'X24', name: 'NHS England' });
    }
  });

  it('pages through mandates with cursors', async () => {
    const first = await api.execute(MandatesDocument, { first: 1 });
    expect(first.mandates.edges.map((edge) => edge.node.slug)).toEqual(['2017-18']);
    expect(first.mandates.pageInfo.hasNextPage).toBe(true);
    const second = await api.execute(MandatesDocument, { first: 1, after: first.mandates.pageInfo.endCursor });
    expect(second.mandates.edges.map((edge) => edge.node.slug)).toEqual(['2023']);
    expect(second.mandates.pageInfo.hasNextPage).toBe(false);
    expect(second.mandates.totalCount).toBe(2);
  });

  it("gives the 2023 mandate's three priorities with their milestones and targets", async () => {
    const { mandate } = await api.execute(MandateOverviewDocument, { slug: '2023' });
    expect(mandate).not.toBeNull();
    const priorities = mandate!.priorities.edges.map((edge) => edge.node);
    expect(priorities.map((priority) => [priority.ordinal, priority.title])).toEqual([
      [1, 'Cutting NHS waiting lists and recovering performance'],
      [2, 'Supporting the workforce through training, retention and modernising the way staff work'],
      [3, 'Delivering recovery through the use of data and technology'],
    ]);
    expect(priorities.map((priority) => priority.milestones.totalCount)).toEqual([8, 1, 3]);

    const uec = priorities[0]!.milestones.edges.find((edge) => edge.node.key === '2023/p1/uec-recovery')!.node;
    expect(uec.title).toBe('Delivering the UEC recovery plan');
    expect(uec.milestones.totalCount).toBe(6);
    const fourHour = uec.milestones.edges[0]!.node;
    expect(fourHour.title).toMatch(
      /^76 per cent of patients admitted, transferred or discharged within four hours by March 2024/,
    );
    expect(fourHour.dueBy).toBe('2024-03-31');
    const targets = fourHour.targets.edges.map((edge) => edge.node);
    const fourHourSteps = targets.filter((target) => target.metric.code === 'AE_4HR');
    expect(
      fourHourSteps.map((t) => [t.step, t.value, t.comparator, t.inForceFrom, t.inForceTo, t.dueBy, t.source.key]),
    ).toEqual([
      [1, 76, 'AT_LEAST', '2023-06-15', '2024-03-31', '2024-03-31', 'nhsconfed-2023-mandate-briefing'],
      [2, 78, 'AT_LEAST', '2024-04-01', null, '2025-03-31', 'nhse-2024-25-planning-guidance'],
    ]);
    for (const step of fourHourSteps) {
      const scopes = step.appliesTo.edges
        .map((edge) => edge.node.organisation?.odsCode ?? edge.node.organisationType)
        .sort();
      expect(scopes).toEqual(['ICB', 'TRUST', 'X24']);
    }
    expect(fourHourSteps[0]!.metric).toEqual({ code: 'AE_4HR', unit: 'PERCENT', polarity: 'HIGHER_IS_BETTER' });
    const categoryTwo = targets.find((target) => target.metric.code === 'AMB_CAT2_MEAN')!;
    expect([categoryTwo.comparator, categoryTwo.value]).toEqual(['AT_MOST', 30]);
  });

  it('holds the financial tests and wider ambitions outside the priorities', async () => {
    const { mandate } = await api.execute(MandateOverviewDocument, { slug: '2023' });
    const outside = mandate!.outside.edges.map((edge) => edge.node);
    expect(new Set(outside.map((milestone) => milestone.section))).toEqual(
      new Set(['Wider NHS Long Term Plan ambitions', 'Financial tests']),
    );
    const efficiency = outside.find((milestone) => milestone.key === '2023/finance/cash-releasing-efficiency')!;
    expect(
      efficiency.targets.edges.map((edge) => [edge.node.metric.code, edge.node.value, edge.node.comparator]),
    ).toEqual([['CASH_RELEASING_EFFICIENCY', 2.2, 'AT_LEAST']]);
  });

  it('seeds every numeric commitment the documents state as a target', async () => {
    const { targets } = await api.execute(TargetsDocument, { first: 100 });
    const commitments = targets.edges.map(
      ({ node }) =>
        `${node.milestone.mandate.slug} ${node.metric.code} ${node.comparator} ${node.value} ${node.dueBy ?? '-'}`,
    );
    expect(commitments).toEqual(
      expect.arrayContaining([
        '2017-18 AE_4HR AT_LEAST 95 -',
        '2017-18 DTOC_RATE AT_MOST 3.5 -',
        '2023 AE_4HR AT_LEAST 76 2024-03-31',
        '2023 AE_4HR AT_LEAST 78 2025-03-31',
        '2023 AMB_CAT2_MEAN AT_MOST 30 2024-03-31',
        '2023 AMB_CAT2_MEAN_YTD AT_MOST 30 2024-03-31',
        '2023 CANCER_FDS AT_LEAST 75 2024-03-31',
        '2023 CANCER_FDS AT_LEAST 77 2025-03-31',
        '2023 DIAG_6WK AT_LEAST 95 2025-03-31',
        '2023 RTT_78WK AT_MOST 0 2023-04-30',
        '2023 RTT_65WK AT_MOST 0 2024-03-31',
        '2023 RTT_18WK AT_LEAST 92 -',
        '2023 NHS_APP_ADULTS AT_LEAST 75 -',
        '2023 TRUSTS_EHR AT_LEAST 90 2023-12-31',
        '2023 TRUSTS_EHR AT_LEAST 95 2025-03-31',
        '2023 GA_BEDS_ADDITIONAL AT_LEAST 5000 -',
        '2023 NEW_AMBULANCES AT_LEAST 800 -',
        '2023 VIRTUAL_WARD_BEDS AT_LEAST 10000 -',
        '2023 CASH_RELEASING_EFFICIENCY AT_LEAST 2.2 -',
      ]),
    );
    // 21 commitments; "Category 2 to 30 minutes over 2023/24" is judged twice, month by month and on
    // the year as a whole; "increasing early diagnosis" is given its figures by the planning guidance
    // (the Faster Diagnosis Standard, 75% by March 2024, then 77% by March 2025); "reduce long waits"
    // by NHS England's 2023/24 planning guidance (no waits over 78 weeks by April 2023, over 65 by
    // March 2024) and the NHS Constitution's 92% within 18 weeks.
    expect(targets.totalCount).toBe(27);
  });

  it('keeps the 2017-18 four-hour target in force until the 2023 mandate replaces it', async () => {
    const { metric } = await api.execute(MetricDocument, { code: 'AE_4HR' });
    expect(metric).toMatchObject({
      code: 'AE_4HR',
      unit: 'PERCENT',
      polarity: 'HIGHER_IS_BETTER',
      aggregation: 'RATIO',
      frequency: 'MONTHLY',
    });
    expect(
      metric!.targets.edges.map(({ node }) => [
        node.milestone.mandate.slug,
        node.value,
        node.inForceFrom,
        node.inForceTo,
      ]),
    ).toEqual([
      ['2017-18', 95, '2017-04-01', '2023-06-14'],
      ['2023', 76, '2023-06-15', '2024-03-31'],
      ['2023', 78, '2024-04-01', null],
    ]);
    const inForce2018 = await api.execute(TargetsDocument, {
      filter: { metricCodes: ['AE_4HR'], inForceOn: '2018-12-31' },
    });
    expect(inForce2018.targets.edges.map(({ node }) => node.value)).toEqual([95]);
    const inForce2025 = await api.execute(TargetsDocument, {
      filter: { metricCodes: ['AE_4HR'], inForceOn: '2025-06-30' },
    });
    expect(inForce2025.targets.edges.map(({ node }) => node.value)).toEqual([78]);
  });

  it("gives the 2017-18 mandate's milestones with the dates the article states", async () => {
    const { milestones } = await api.execute(MilestonesDocument, { filter: { mandateSlug: '2017-18' }, first: 50 });
    const byKey = new Map(milestones.edges.map(({ node }) => [node.key, node]));
    expect(byKey.get('2017-18/p3/four-hour-target')).toMatchObject({
      title: 'The four hour emergency waiting target should be met by the end of the 2018 calendar year',
      dueBy: '2018-12-31',
    });
    expect(byKey.get('2017-18/p3/emergency-care-improvement-plan/dtoc')).toMatchObject({
      dueBy: '2017-09-30',
      parent: { key: '2017-18/p3/emergency-care-improvement-plan' },
      priority: { ordinal: 3 },
    });
  });

  it('takes every priority and milestone text word for word from its source document', async () => {
    const documents: Record<string, string> = {
      '2017-18': documentText('mandate-2017-18-hsj-article.txt'),
      '2023': documentText('mandate-2023-nhs-confederation-briefing.txt'),
    };
    const { milestones } = await api.execute(MilestonesDocument, { first: 100 });
    expect(milestones.totalCount).toBe(52);
    for (const { node } of milestones.edges) {
      expect(documents[node.mandate.slug], node.key).toContain(normalise(node.title));
    }
    for (const slug of ['2017-18', '2023']) {
      const { mandate } = await api.execute(MandateOverviewDocument, { slug });
      for (const { node } of mandate!.priorities.edges)
        expect(documents[slug], node.title).toContain(normalise(node.title));
    }
  });

  it('filters milestones by due date, metric and words', async () => {
    const dueIn2024 = await api.execute(MilestonesDocument, {
      filter: { dueFrom: '2024-01-01', dueTo: '2024-12-31' },
      first: 100,
    });
    expect(
      dueIn2024.milestones.edges.every(({ node }) => node.dueBy! >= '2024-01-01' && node.dueBy! <= '2024-12-31'),
    ).toBe(true);
    expect(dueIn2024.milestones.totalCount).toBe(dueIn2024.milestones.edges.length);
    expect(dueIn2024.milestones.totalCount).toBeGreaterThan(3);

    const fourHour = await api.execute(MilestonesDocument, { filter: { metricCodes: ['AE_4HR'] } });
    expect(fourHour.milestones.edges.map(({ node }) => node.key).sort()).toEqual([
      '2017-18/p3/four-hour-target',
      '2023/p1/uec-recovery/four-hour-and-category-2',
    ]);

    const app = await api.execute(MilestonesDocument, { filter: { search: 'nhs app' } });
    expect(app.milestones.edges.map(({ node }) => node.key)).toEqual([
      '2023/p3/nhs-app',
      '2023/p3/nhs-app/registration',
    ]);
  });

  it('answers null for an unknown mandate or metric', async () => {
    expect((await api.execute(MandateOverviewDocument, { slug: '2099' })).mandate).toBeNull();
    expect((await api.execute(MetricDocument, { code: 'NOPE' })).metric).toBeNull();
  });
});
