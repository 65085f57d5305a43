import { z } from 'zod';
import {
  IMPORT_FORMATS,
  importFormat,
  type ImportFile,
  type ImportProblem,
  type ImportReport,
  type TotalCheck,
  type TotalFigure,
} from '../../services/import.js';
import type { ProviderSighting } from '../../ingest/types.js';
import { builder } from '../builder.js';

const ImportFormatEnum = builder.enumType('ImportFormat', {
  description: 'The kinds of file an import reads.',
  values: Object.fromEntries(
    IMPORT_FORMATS.map((format) => {
      const { apiName, description } = importFormat(format);
      return [apiName, { value: format, description }];
    }),
  ),
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const ImportFileInput = builder.inputType('ImportFileInput', {
  description:
    "One file: a CSV as its text, or a workbook (CWT_PROVIDER's, VIRTUAL_WARDS' and RTT_OVERVIEW's .xlsx, DM01's .xls) as its bytes in base64; exactly one of the two.",
  validate: z
    .looseObject({ text: z.string().nullish(), base64: z.string().nullish() })
    .refine((file) => (file.text == null) !== (file.base64 == null), {
      message: "Give a file's content as text or as base64, exactly one of the two.",
    })
    .refine((file) => file.base64 == null || (file.base64.length % 4 === 0 && BASE64.test(file.base64)), {
      message: 'base64 is not valid base64.',
      path: ['base64'],
    }),
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'Its file name, as problems and sources will name it.',
      validate: z.string().min(1).max(255),
    }),
    text: t.string({ required: false, description: 'Its whole content, for a text file (UTF-8).' }),
    base64: t.string({
      required: false,
      description: 'Its bytes in base64 (RFC 4648, with padding), for a workbook or any file whose bytes matter.',
    }),
  }),
});

/** A file as the import reads it: its text, or its bytes decoded. */
function importFile(file: { name: string; text?: string | null; base64?: string | null }): ImportFile {
  return file.base64 != null
    ? { name: file.name, bytes: Buffer.from(file.base64, 'base64') }
    : { name: file.name, text: file.text ?? '' };
}

const FileReadRef = builder.objectRef<ImportReport['files'][number]>('ImportedFile').implement({
  description: 'What one file holds.',
  fields: (t) => ({
    name: t.exposeString('name', { description: "The file's name." }),
    rows: t.exposeInt('rows', { description: 'How many values it gives.' }),
    periods: t.exposeStringList('periods', { description: 'The periods it covers, in order.' }),
  }),
});

const NewProviderRef = builder.objectRef<ProviderSighting>('ImportedProvider').implement({
  description: 'A provider the files name that the database did not hold, created under its region.',
  fields: (t) => ({
    odsCode: t.exposeString('odsCode', { description: 'Its ODS code.' }),
    name: t.exposeString('name', { description: 'Its name, as the file gives it.' }),
    regionOdsCode: t.exposeString('regionOdsCode', {
      nullable: true,
      description: 'Its NHS England region, where the file says.',
    }),
  }),
});

const FigureRef = builder.objectRef<{ numerator: number; denominator: number }>('RateFigure').implement({
  description: 'A rate as its parts.',
  fields: (t) => ({
    numerator: t.exposeFloat('numerator', { description: 'The count meeting the condition.' }),
    denominator: t.exposeFloat('denominator', { description: 'The count it is out of.' }),
  }),
});

type RateTotalCheck = Omit<TotalCheck, 'published' | 'rolledUp'> & {
  published: { numerator: number; denominator: number };
  rolledUp: { numerator: number; denominator: number } | null;
};

/** The checks of rates, whose published figures have both parts. */
function rateChecks(checks: readonly TotalCheck[]): RateTotalCheck[] {
  return checks.flatMap((check) =>
    check.published.numerator === null || check.published.denominator === null
      ? []
      : [
          {
            ...check,
            published: { numerator: check.published.numerator, denominator: check.published.denominator },
            rolledUp: check.rolledUp && {
              numerator: check.rolledUp.numerator ?? 0,
              denominator: check.rolledUp.denominator ?? 0,
            },
          },
        ],
  );
}

const TotalCheckRef = builder.objectRef<RateTotalCheck>('TotalCheck').implement({
  description: "A file's own England total of a rate compared with the roll-up of its provider rows.",
  fields: (t) => ({
    file: t.exposeString('file', { description: 'The file.' }),
    metricCode: t.exposeString('metricCode', { description: 'The metric (AE_4HR, DIAG_6WK, …).' }),
    period: t.exposeString('period', { description: 'The month.' }),
    published: t.field({
      type: FigureRef,
      description: "The total row's figures.",
      resolve: (check) => check.published,
    }),
    rolledUp: t.field({
      type: FigureRef,
      nullable: true,
      description: "England's rolled-up figures; null when there were none.",
      resolve: (check) => check.rolledUp,
    }),
    matches: t.exposeBoolean('matches', { description: 'Whether the two are equal (otherwise nothing was written).' }),
  }),
});

const TotalFigureRef = builder.objectRef<TotalFigure>('TotalFigure').implement({
  description: "A figure as a file publishes it or as England's roll-up gives it: a rate with its parts, or a count.",
  fields: (t) => ({
    value: t.exposeFloat('value', { description: "The value, in the metric's unit (a rate as a percentage)." }),
    numerator: t.exposeFloat('numerator', { nullable: true, description: "A rate's numerator; null for a count." }),
    denominator: t.exposeFloat('denominator', {
      nullable: true,
      description: "A rate's denominator; null for a count.",
    }),
  }),
});

const PublishedTotalCheckRef = builder.objectRef<TotalCheck>('PublishedTotalCheck').implement({
  description:
    "A file's own England figure for one metric and month (a rate or a count) compared with the roll-up of its provider rows: a rate must match in both parts, a count exactly.",
  fields: (t) => ({
    file: t.exposeString('file', { description: 'The file.' }),
    metricCode: t.exposeString('metricCode', { description: 'The metric.' }),
    period: t.exposeString('period', { description: 'The month.' }),
    published: t.field({
      type: TotalFigureRef,
      description: 'What the file publishes for England.',
      resolve: (check) => check.published,
    }),
    rolledUp: t.field({
      type: TotalFigureRef,
      nullable: true,
      description: "England's roll-up of the providers; null when there was none.",
      resolve: (check) => check.rolledUp,
    }),
    matches: t.exposeBoolean('matches', { description: 'Whether the two are equal (otherwise nothing was written).' }),
  }),
});

const ImportErrorRef = builder.objectRef<ImportProblem>('ImportError').implement({
  description: 'Why an import was refused: one problem, with the file and line at fault where there is one.',
  fields: (t) => ({
    file: t.exposeString('file', { nullable: true, description: 'The file at fault.' }),
    line: t.exposeInt('line', {
      nullable: true,
      description: 'The line at fault (1 is the header); null for the file as a whole.',
    }),
    field: t.exposeString('field', { nullable: true, description: 'The field at fault, where there is one.' }),
    code: t.exposeString('code', {
      description: "Stable code: INVALID_FILE, TOTAL_MISMATCH, or one of MeasurementError's codes.",
    }),
    message: t.exposeString('message', { description: 'What is wrong, in a sentence.' }),
  }),
});

const ImportFilesPayload = builder.objectRef<ImportReport>('ImportFilesPayload').implement({
  description: 'What an import did. A non-empty `errors` means nothing was written.',
  fields: (t) => ({
    files: t.field({ type: [FileReadRef], description: 'What each file holds.', resolve: (report) => report.files }),
    newProviders: t.field({
      type: [NewProviderRef],
      description: 'Providers created because the files name them.',
      resolve: (report) => report.newProviders,
    }),
    totals: t.field({
      type: [TotalCheckRef],
      description: "Each monthly file's England total of a rate against the roll-up (its counts: publishedTotals).",
      resolve: (report) => rateChecks(report.totals),
    }),
    publishedTotals: t.field({
      type: [PublishedTotalCheckRef],
      description:
        "Every England figure the files publish (rates and counts), each against the roll-up of the providers' rows.",
      resolve: (report) => report.totals,
    }),
    inserted: t.exposeInt('inserted', { description: 'Values recorded for the first time.' }),
    revised: t.exposeInt('revised', { description: 'Values that replaced a different earlier value.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Values identical to what was already recorded.' }),
    rollUpsRecomputed: t.exposeInt('rollUpsRecomputed', {
      description: 'ICB, region and England values created or changed.',
    }),
    breakdownValues: t.exposeInt('breakdownValues', {
      description:
        "Breakdown values (a provider's, or a roll-up's, for one part of a metric: DM01's tests) written or revised.",
    }),
    crossingsRecorded: t.int({
      description: 'Threshold crossings the import caused.',
      resolve: (report) => report.crossings,
    }),
    watchEventsRecorded: t.exposeInt('watchEvents', {
      description: "Watch events (state changes of watches' series) the import caused.",
    }),
    errors: t.field({
      type: [ImportErrorRef],
      description: 'Every problem found; empty when the import was recorded.',
      resolve: (report) => report.errors,
    }),
  }),
});

builder.mutationFields((t) => ({
  importFiles: t.field({
    type: ImportFilesPayload,
    description:
      "Imports files exactly as the command line does, in one transaction: every file read and checked first (a monthly file must end with its England total row), new providers created under their region, the values recorded and rolled up, and each monthly file's total compared with the roll-up. Any problem writes nothing. Publications that add the providers they name (NHSE_AE_MONTHLY, AE_ATTENDANCES, CWT_PROVIDER, DM01, VIRTUAL_WARDS) need an admin key; a partner may import MEASUREMENTS for its own organisations. The request body limit bounds the files' size.",
    args: {
      format: t.arg({ type: ImportFormatEnum, required: true, description: 'What kind of files they are.' }),
      files: t.arg({
        type: [ImportFileInput],
        required: true,
        description: 'The files (at most 100).',
        validate: z.array(z.unknown()).min(1).max(100),
      }),
    },
    resolve: (_root, { format, files }, context) => context.services.measurements.import(format, files.map(importFile)),
  }),
}));
