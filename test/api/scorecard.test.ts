import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MandateScorecardDocument } from '../../schema/generated/graphql.js';
import { importFiles } from '../../src/services/import.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { dm01ImportFiles, MONTHLY_AE_DIR, rttOverviewImportFiles } from '../support/mirror.js';

const NOW = new Date('2025-07-20T12:00:00Z');

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  const june = path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2025.csv');
  expect(
    (
      await importFiles(
        api.db,
        'nhse-ae-monthly',
        [{ name: 'Monthly-AE-June-2025.csv', text: readFileSync(june, 'utf8') }],
        { now: NOW },
      )
    ).errors,
  ).toEqual([]);
  const march = dm01ImportFiles().filter((file) => /(February|March)-2025/.test(file.name));
  expect((await importFiles(api.db, 'dm01', march, { now: NOW })).errors).toEqual([]);
  expect((await importFiles(api.db, 'rtt-overview', rttOverviewImportFiles(), { now: NOW })).errors).toEqual([]);
});
afterAll(async () => {
  await api?.close();
});

describe('the mandate at a glance', () => {
  it("answers for every measured milestone of the 2023 mandate, in the document's order: England against the target in force, how many ICBs meet theirs, the SPC signals, and no data where there is none", async () => {
    const { mandate } = await api.execute(MandateScorecardDocument, { slug: '2023' });
    const entries = mandate!.scorecard;
    const keys = entries.map((entry) => `${entry.milestone.key} ${entry.metric.code}`);
    // The first priority's milestones come first, each once per metric it measures.
    expect(keys.slice(0, 4)).toEqual([
      '2023/p1/planned-activity RTT_78WK',
      '2023/p1/planned-activity RTT_65WK',
      '2023/p1/planned-activity RTT_18WK',
      '2023/p1/diagnostics-six-weeks DIAG_6WK',
    ]);
    expect(new Set(keys).size).toBe(keys.length);

    const diagnostics = entries.find((entry) => entry.metric.code === 'DIAG_6WK')!;
    // England, March 2025: 1,390,498 of 1,703,242 waiting under six weeks, against the 95% due then.
    const icbs = await api.db.prisma.measurement.findMany({
      where: { period: '2025-03', metric: { code: 'DIAG_6WK' }, organisation: { type: 'ICB' } },
      select: { value: true },
    });
    expect(diagnostics).toMatchObject({
      milestone: { dueBy: '2025-03-31' },
      hasData: true,
      state: 'NOT_MEETING',
      england: { period: '2025-03', value: (1_390_498 / 1_703_242) * 100, threshold: 95 },
      judgedAgainstThisMilestone: true,
      count: {
        kind: 'ICBS',
        applicable: 42,
        judged: 42,
        meeting: icbs.filter((icb) => icb.value >= 95).length,
      },
      variation: 'COMMON_CAUSE',
    });

    const longWaits = entries.find((entry) => entry.metric.code === 'RTT_65WK')!;
    expect(longWaits).toMatchObject({
      state: 'NOT_MEETING',
      england: { period: '2023-08', value: 109_523, threshold: 0 },
      count: null,
    });
    expect(longWaits.variation).not.toBeNull();

    // Measured by no publication yet: said as data.
    const app = entries.find((entry) => entry.metric.code === 'NHS_APP_ADULTS')!;
    expect(app).toMatchObject({ hasData: false, state: 'NO_DATA', variation: null, assurance: null });
  });
});
