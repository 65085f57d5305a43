import { builder } from '../builder.js';

const MeasurementInput = builder.inputType('MeasurementInput', {
  description:
    'One value to record. For a rate (AE_4HR) give numerator and denominator (value is optional and must agree with them); for anything else, the value alone.',
  fields: (t) => ({
    metricCode: t.string({ required: true, description: 'The metric\'s code ("AE_4HR").' }),
    odsCode: t.string({
      required: true,
      description: 'The ODS code of the organisation it is for (a provider, for metrics that roll up).',
    }),
    period: t.string({
      required: true,
      description: 'The period, in the metric\'s frequency: "2025-03", "2025-Q1" or "2024-25".',
    }),
    value: t.float({ required: false, description: "The value, in the metric's unit (0–100 for a percentage)." }),
    numerator: t.float({
      required: false,
      description: 'For a rate: the count meeting the condition (attendances within four hours).',
    }),
    denominator: t.float({ required: false, description: 'For a rate: the count it is out of (all attendances).' }),
  }),
});

const RecordMeasurementsInput = builder.inputType('RecordMeasurementsInput', {
  description: 'A batch of up to 10,000 values, recorded all or nothing.',
  fields: (t) => ({
    source: t.string({
      required: true,
      description: 'Where the values come from: a publication, file or system, kept with every value.',
    }),
    measurements: t.field({ type: [MeasurementInput], required: true, description: 'The values.' }),
  }),
});

export interface MeasurementErrorShape {
  index: number | null;
  field: string | null;
  code: string;
  message: string;
}

const MeasurementErrorRef = builder.objectRef<MeasurementErrorShape>('MeasurementError').implement({
  description: 'Why a batch was refused: one problem with one row (or with the batch as a whole).',
  fields: (t) => ({
    index: t.exposeInt('index', {
      nullable: true,
      description: 'The row at fault, from 0; null for a problem with the whole batch.',
    }),
    field: t.exposeString('field', { nullable: true, description: 'The field at fault, where there is one.' }),
    code: t.exposeString('code', {
      description:
        'Stable code: UNKNOWN_METRIC, UNKNOWN_ORGANISATION, INVALID_PERIOD, FUTURE_PERIOD, MISSING_VALUE, NOT_FINITE, OUT_OF_RANGE, NEGATIVE_VALUE, NUMERATOR_ABOVE_DENOMINATOR, ZERO_DENOMINATOR, VALUE_CONTRADICTS_PARTS, UNEXPECTED_PARTS, DERIVED_MEASUREMENT, NOT_REPORTED_AT_THIS_LEVEL, DUPLICATE_ROW, BATCH_TOO_LARGE, INVALID_SOURCE.',
    }),
    message: t.exposeString('message', { description: 'What is wrong, in a sentence.' }),
  }),
});

const RecordMeasurementsPayload = builder
  .objectRef<{
    inserted: number;
    revised: number;
    unchanged: number;
    rollUpsRecomputed: number;
    crossings: readonly unknown[];
    watchEvents: readonly unknown[];
    errors: MeasurementErrorShape[];
  }>('RecordMeasurementsPayload')
  .implement({
    description: 'What a batch did. A non-empty `errors` means nothing was written.',
    fields: (t) => ({
      inserted: t.exposeInt('inserted', { description: 'Values recorded for the first time.' }),
      revised: t.exposeInt('revised', {
        description: "Values that replaced a different earlier value (kept in the measurement's revisions).",
      }),
      unchanged: t.exposeInt('unchanged', { description: 'Values identical to what was already recorded.' }),
      rollUpsRecomputed: t.exposeInt('rollUpsRecomputed', {
        description: 'ICB, region and England values created or changed by rolling the batch up.',
      }),
      watchEventsRecorded: t.int({
        description: "Watch events (state changes of watches' series) the batch caused, silenced ones included.",
        resolve: (payload) => payload.watchEvents.length,
      }),
      crossingsRecorded: t.int({
        description:
          'Threshold crossings the batch caused (appended to the crossing log and published to subscribers).',
        resolve: (payload) => payload.crossings.length,
      }),
      errors: t.field({
        type: [MeasurementErrorRef],
        description: 'Every problem found; empty when the batch was recorded.',
        resolve: (payload) => payload.errors,
      }),
    }),
  });

builder.mutationType({
  description:
    'Everything that writes. Partners write for their own organisations; admins anywhere; ops keys (and partners and admins) manage their own watches.',
  authScopes: { write: true },
});

builder.mutationFields((t) => ({
  recordMeasurements: t.field({
    type: RecordMeasurementsPayload,
    description:
      'Records a batch of measurements in one transaction: new values are inserted, changed ones revised (the old value kept), identical ones left alone, and the ICB, region and England roll-ups they feed recomputed. Any invalid row refuses the whole batch, with every problem listed.',
    args: { input: t.arg({ type: RecordMeasurementsInput, required: true, description: 'The batch.' }) },
    resolve: (_root, { input }, context) => context.services.measurements.record(input),
  }),
}));
