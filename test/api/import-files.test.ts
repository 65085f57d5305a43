import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportFilesDocument } from '../../schema/generated/graphql.js';
import { importFiles } from '../../src/services/import.js';
import { createTestApi, FIXED_TODAY, type TestApi } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { MONTHLY_AE_DIR } from '../support/mirror.js';

const june2024 = {
  name: 'Monthly-AE-June-2024.csv',
  text: readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv'), 'utf8'),
};
const august2024 = readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-August-2024.csv'), 'utf8');

let api: TestApi;
let direct: TestDatabase;
beforeAll(async () => {
  [api, direct] = await Promise.all([createTestApi(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([api?.close(), direct?.close()]);
});

const counts = async () => ({
  measurements: await api.db.prisma.measurement.count(),
  organisations: await api.db.prisma.organisation.count(),
  crossings: await api.db.prisma.crossing.count(),
});

describe('importFiles', () => {
  it('refuses a file cut short whole, naming why, and writes nothing', async () => {
    const before = await counts();
    const { importFiles: report } = await api.execute(ImportFilesDocument, {
      format: 'NHSE_AE_MONTHLY',
      files: [{ name: 'Monthly-AE-August-2024.csv', text: august2024.slice(0, 14_000) }],
    });
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'Monthly-AE-August-2024.csv',
          code: 'INVALID_FILE',
          message: expect.stringContaining('has no England total row'),
        }),
      ]),
    );
    expect(report.inserted + report.revised).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('imports a real month into a database without its providers exactly as the command line does', async () => {
    const viaApi = (await api.execute(ImportFilesDocument, { format: 'NHSE_AE_MONTHLY', files: [june2024] }))
      .importFiles;
    const viaDatabase = await importFiles(direct, 'nhse-ae-monthly', [june2024], {
      now: new Date(`${FIXED_TODAY}T12:00:00Z`),
    });
    expect(viaApi.errors).toEqual([]);
    expect(viaApi.newProviders.map((provider) => provider.odsCode)).toContain('AQN04');
    expect(viaApi.totals).toEqual([expect.objectContaining({ period: '2024-06', matches: true })]);
    const { crossings, watchEvents, ...sameFields } = viaDatabase;
    expect({ ...viaApi, crossingsRecorded: undefined, watchEventsRecorded: undefined }).toEqual({
      ...JSON.parse(JSON.stringify(sameFields)),
      crossingsRecorded: undefined,
      watchEventsRecorded: undefined,
    });
    expect(viaApi.crossingsRecorded).toBe(crossings);
    expect(viaApi.watchEventsRecorded).toBe(watchEvents);
    const icbs = (db: TestDatabase) =>
      db.prisma.measurement.findMany({
        where: { period: '2024-06', derived: true },
        select: { value: true, organisation: { select: { odsCode: true } }, metric: { select: { code: true } } },
        orderBy: [{ organisationId: 'asc' }, { metricId: 'asc' }],
      });
    expect(await icbs(api.db)).toEqual(await icbs(direct));
  });

  it('takes a workbook as its bytes in base64, and refuses a file given both ways, neither way, or as broken base64, writing nothing', async () => {
    const before = await counts();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['both', { name: 'x.xlsx', text: 'a', base64: 'YQ==' }, /exactly one of the two/],
      ['neither', { name: 'x.xlsx' }, /exactly one of the two/],
      ['broken', { name: 'x.xlsx', base64: 'not base64!' }, /base64 is not valid base64/],
    ];
    for (const [name, file, message] of cases) {
      const { json } = await api.post({
        query:
          'mutation($files: [ImportFileInput!]!) { importFiles(format: CWT_PROVIDER, files: $files) { inserted } }',
        variables: { files: [file] },
      });
      expect(json.errors, name).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(message),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
    // Bytes that are no workbook are read, and refused as such.
    const { json } = await api.post({
      query:
        'mutation($files: [ImportFileInput!]!) { importFiles(format: CWT_PROVIDER, files: $files) { inserted errors { code message } } }',
      variables: { files: [{ name: 'x.xlsx', base64: Buffer.from('PERIOD,STANDARD\n').toString('base64') }] },
    });
    expect((json.data as any).importFiles).toEqual({
      inserted: 0,
      errors: [
        {
          code: 'INVALID_FILE',
          message: expect.stringContaining(
            'an Excel workbook (.xlsx) is expected, but the file is not a workbook at all',
          ),
        },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it('lets a partner import its own measurements but not a publication, which adds organisations', async () => {
    const partner = await api.createKey('PARTNER', ['RJ1']);
    const before = await counts();
    const publication = await api.post(
      {
        query:
          'mutation($files: [ImportFileInput!]!) { importFiles(format: NHSE_AE_MONTHLY, files: $files) { inserted } }',
        variables: { files: [june2024] },
      },
      { authorization: `Bearer ${partner}` },
    );
    expect(publication.json.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
    const others = await api.post(
      {
        query:
          'mutation($files: [ImportFileInput!]!) { importFiles(format: MEASUREMENTS, files: $files) { inserted errors { code line } } }',
        variables: {
          files: [
            {
              name: 'p.csv',
              text: 'metric_code,ods_code,period,value,numerator,denominator\nAE_ATTENDANCES,RJZ,2025-01,5,,\n',
            },
          ],
        },
      },
      { authorization: `Bearer ${partner}` },
    );
    expect((others.json.data as any).importFiles).toEqual({
      inserted: 0,
      errors: [{ code: 'FORBIDDEN_ORGANISATION', line: 2 }],
    });
    expect(await counts()).toEqual(before);
    const own = await api.post(
      {
        query:
          'mutation($files: [ImportFileInput!]!) { importFiles(format: MEASUREMENTS, files: $files) { inserted errors { code } } }',
        variables: {
          files: [
            {
              name: 'p.csv',
              text: 'metric_code,ods_code,period,value,numerator,denominator\nAE_ATTENDANCES,RJ1,2025-01,5,,\n',
            },
          ],
        },
      },
      { authorization: `Bearer ${partner}` },
    );
    expect((own.json.data as any).importFiles).toEqual({ inserted: 1, errors: [] });
  });
});
