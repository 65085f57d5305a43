import { z } from 'zod';
import { breakdownCategory, type BreakdownCategory } from '../../domain/breakdown.js';
import { displayValue } from '../../domain/measurement.js';
import type { BreakdownValue } from '../../services/breakdowns.js';
import { builder } from '../builder.js';
import { periodLabel } from '../validation.js';
import { MetricRef } from './metric.js';
import { OrganisationRef } from './organisation.js';

export const BreakdownCategoryRef = builder.objectRef<BreakdownCategory>('BreakdownCategory').implement({
  description: "One part a metric's values are broken down into (DM01's diagnostic tests: MRI, CT, …).",
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Its code, as `Organisation.breakdown(breakdown:)` takes it ("MRI").',
    }),
    name: t.exposeString('name', { description: 'The publisher\'s name for it ("Magnetic Resonance Imaging").' }),
  }),
});

const BreakdownValueRef = builder.objectRef<BreakdownValue>('BreakdownValue').implement({
  description:
    "A metric's value for one part at one organisation and period: a provider's as reported, or rolled up as the whole is (a rate as summed numerators over summed denominators).",
  fields: (t) => ({
    breakdown: t.field({ type: BreakdownCategoryRef, description: 'The part.', resolve: (row) => row.category }),
    period: t.exposeString('period', { description: 'The period ("2025-03").' }),
    value: t.exposeFloat('value', { description: "The value, in the metric's unit." }),
    displayValue: t.string({
      description: 'The value as NHS England shows it ("81.6%").',
      resolve: (row) => displayValue(row.unit, row.value),
    }),
    numerator: t.exposeFloat('numerator', { nullable: true, description: "A rate's numerator; null for a count." }),
    denominator: t.exposeFloat('denominator', {
      nullable: true,
      description: "A rate's denominator; null for a count.",
    }),
    derived: t.exposeBoolean('derived', { description: 'Whether it was rolled up from the providers below.' }),
    revision: t.exposeInt('revision', { description: 'How many times it has been written: 1, or more once revised.' }),
  }),
});

builder.prismaObjectFields(MetricRef, (t) => ({
  breakdowns: t.field({
    type: [BreakdownCategoryRef],
    description: 'The parts its values are broken down into where a publication gives them (empty for most metrics).',
    select: { id: true },
    resolve: (metric, _args, context) => context.services.breakdowns.categories(metric.id),
  }),
}));

builder.prismaObjectFields(OrganisationRef, (t) => ({
  breakdown: t.field({
    type: [BreakdownValueRef],
    description:
      'Its values of a metric broken down into parts (DIAG_6WK by diagnostic test), by period then part, optionally one part and between two periods (inclusive); each rolled up as the whole is. Targets, crossings, watches and SPC stay on the whole. Empty where the metric has no breakdown.',
    args: {
      metricCode: t.arg.string({ required: true, description: 'The metric\'s code ("DIAG_6WK").' }),
      breakdown: t.arg.string({
        required: false,
        description: 'Only this part ("MRI"; `Metric.breakdowns` lists them).',
        validate: z.string().refine((code) => breakdownCategory(code) !== undefined, {
          message: 'is not a breakdown this server knows: ask `metric(code:) { breakdowns { code } }`',
        }),
      }),
      from: t.arg.string({
        required: false,
        description: 'First period to include ("2024-08").',
        validate: periodLabel,
      }),
      to: t.arg.string({ required: false, description: 'Last period to include ("2025-06").', validate: periodLabel }),
    },
    select: { id: true },
    resolve: (organisation, args, context) =>
      context.services.breakdowns.values(organisation.id, args.metricCode, args),
  }),
}));
