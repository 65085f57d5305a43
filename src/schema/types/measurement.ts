import { displayValue } from '../../domain/measurement.js';
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { rollUpParts } from '../../services/roll-up-parts.js';
import { builder } from '../builder.js';
import { eventScopeFields, normaliseOdsCodes } from './event-scope.js';
import { TargetStandingRef } from './standing.js';

export const MeasurementRevisionRef = builder.prismaObject('MeasurementRevision', {
  description: 'A value a measurement had before it was revised.',
  fields: (t) => ({
    revision: t.exposeInt('revision', { description: 'Which revision this was, from 1.' }),
    value: t.exposeFloat('value', { description: 'The value then.' }),
    numerator: t.exposeFloat('numerator', { nullable: true, description: 'The numerator then, for a rate.' }),
    denominator: t.exposeFloat('denominator', { nullable: true, description: 'The denominator then, for a rate.' }),
    source: t.exposeString('source', { description: 'Where that value came from.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime', description: 'When that value was recorded.' }),
    replacedAt: t.expose('replacedAt', { type: 'DateTime', description: 'When it was replaced.' }),
  }),
});

export const MeasurementRevisionConnection = builder.connectionObject(
  {
    type: MeasurementRevisionRef,
    name: 'MeasurementRevisionConnection',
    description: 'A page of earlier values of a measurement.',
  },
  { name: 'MeasurementRevisionEdge', description: 'One item of the page and its cursor.' },
);

export const MeasurementRef = builder.prismaNode('Measurement', {
  description:
    "One metric's value for one organisation for one period. Roll-ups (ICB, region, England) are measurements too, marked derived.",
  id: { field: 'id' },
  // A global ID whose row is gone resolves to null through node(id:), not an error.
  nullable: true,
  fields: (t) => ({
    metric: t.relation('metric', { description: 'What was measured.' }),
    organisation: t.relation('organisation', { description: 'Whom it was measured for.' }),
    period: t.exposeString('period', {
      description: 'The period: "2025-03" for monthly metrics, "2025-Q1" quarterly, "2024-25" annual.',
    }),
    periodStart: t.expose('periodStart', { type: 'Date', description: 'First day of the period.' }),
    periodEnd: t.expose('periodEnd', { type: 'Date', description: 'Last day of the period.' }),
    value: t.exposeFloat('value', { description: "The value, in the metric's unit (a percentage for a rate)." }),
    displayValue: t.string({
      description:
        'The value as NHS England shows it: "76.4%" for a percentage, "28:33" (minutes and seconds) for a response time, "12,345" for a count.',
      select: { metric: { select: { unit: true } } },
      resolve: (measurement) => displayValue(measurement.metric.unit, measurement.value),
    }),
    numerator: t.exposeFloat('numerator', {
      nullable: true,
      description:
        'For a rate: the count meeting the condition (attendances within four hours), or for a mean the total it is of (minutes of response time).',
    }),
    denominator: t.exposeFloat('denominator', {
      nullable: true,
      description:
        'For a rate: the count it is out of (all attendances), or for a mean the count it is over (incidents).',
    }),
    derived: t.exposeBoolean('derived', {
      description: 'True for a roll-up computed from the measurements of the organisations below.',
    }),
    source: t.exposeString('source', { description: 'Where the value came from: a publication, file or partner.' }),
    revision: t.exposeInt('revision', {
      description: 'How many values this measurement has had: 1 until it is revised.',
    }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime', description: 'When the current value was recorded.' }),
    revisions: t.relatedConnection(
      'revisions',
      {
        description: 'The values it had before, earliest first.',
        cursor: 'id',
        totalCount: true,
        query: () => ({ orderBy: { revision: 'asc' } }),
      },
      MeasurementRevisionConnection,
    ),
    standing: t.field({
      type: TargetStandingRef,
      nullable: true,
      description:
        'How this value stands against the target in force for its period; null when none applies to the organisation.',
      select: { organisation: { select: { id: true, type: true } } },
      resolve: (measurement, _args, context) =>
        context.services.standings.standingOf(measurement.organisation, measurement),
    }),
  }),
});

export const MeasurementConnection = builder.connectionObject(
  { type: MeasurementRef, name: 'MeasurementConnection', description: 'A page of measurements.' },
  { name: 'MeasurementEdge', description: 'One item of the page and its cursor.' },
);

// Added after the connection type exists: a roll-up is made of measurements.
builder.prismaObjectFields(MeasurementRef, (t) => ({
  rolledUpFrom: t.connection(
    {
      type: MeasurementRef,
      description:
        'For a derived value (an ICB, region or England roll-up): the provider measurements it was made from. Empty for a reported value.',
      select: { derived: true, metricId: true, period: true, organisationId: true },
      resolve: async (measurement, args, context) => {
        const parts = await rollUpParts(context.db, measurement);
        return { ...resolveArrayConnection({ args }, parts), totalCount: parts.length };
      },
    },
    MeasurementConnection,
  ),
}));

const MeasurementFilterInput = builder.inputType('MeasurementFilter', {
  description: "Which recorded measurements to receive. Every list given must contain the measurement's value.",
  fields: (t) => eventScopeFields(t, 'Only organisations of these types.'),
});

builder.subscriptionFields((t) => ({
  measurementRecorded: t.prismaField({
    type: MeasurementRef,
    description:
      "Reported values as they are recorded or revised (roll-ups are not sent: watch their organisations' `latest`, or thresholdCrossed). Live only.",
    args: {
      filter: t.arg({ type: MeasurementFilterInput, required: false, description: 'Which measurements to receive.' }),
    },
    subscribe: (_root, args, context) =>
      context.services.measurementStream({
        odsCodes: normaliseOdsCodes(args.filter?.odsCodes),
        organisationTypes: args.filter?.organisationTypes ?? null,
        regionOdsCodes: normaliseOdsCodes(args.filter?.regionOdsCodes),
        ambulanceServices: args.filter?.ambulanceServices ?? null,
        metricCodes: args.filter?.metricCodes ?? null,
      }),
    resolve: (query, id: number, _args, context) => context.services.loadRecordedMeasurement(id, query),
  }),
}));
