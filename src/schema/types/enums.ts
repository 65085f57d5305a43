import {
  Aggregation,
  Comparator,
  Frequency,
  OrganisationType,
  Polarity,
  TargetState,
  Unit,
} from '../../db/generated/prisma/enums.js';
import { builder } from '../builder.js';

export const OrganisationTypeEnum = builder.enumType(OrganisationType, {
  name: 'OrganisationType',
  description: 'The kind of body an organisation is in the NHS hierarchy.',
  values: {
    GOVERNMENT_DEPARTMENT: { description: 'A government department (the Department of Health and Social Care).' },
    NATIONAL_BODY: { description: "A national arm's-length body (NHS England): the top of the roll-up hierarchy." },
    REGION: { description: 'One of the seven NHS England regions.' },
    ICB: { description: 'One of the 42 integrated care boards (STP footprints before July 2022).' },
    SUB_ICB_LOCATION: { description: 'A sub-ICB location (a clinical commissioning group before July 2022).' },
    TRUST: { description: 'An NHS trust or foundation trust.' },
    OTHER_PROVIDER: {
      description: 'Another provider of NHS services: independent sector, GP-led urgent treatment centres.',
    },
  } as const,
});

export const UnitEnum = builder.enumType(Unit, {
  name: 'Unit',
  description: "What a metric's values count.",
  values: {
    PERCENT: { description: 'A percentage, 0 to 100.' },
    MINUTES: { description: 'A duration in minutes.' },
    WEEKS: { description: 'A duration in weeks (a wait, as NHS England publishes it).' },
    COUNT: { description: 'A number of things.' },
    GBP: { description: 'Pounds sterling.' },
  } as const,
});

export const PolarityEnum = builder.enumType(Polarity, {
  name: 'Polarity',
  description: 'Which direction of a metric is an improvement.',
  values: {
    HIGHER_IS_BETTER: { description: 'Higher values are better (four-hour performance).' },
    LOWER_IS_BETTER: { description: 'Lower values are better (response times, delays).' },
    NEUTRAL: { description: 'Neither direction is better: volumes such as attendances (ranked largest first).' },
  } as const,
});

export const AggregationEnum = builder.enumType(Aggregation, {
  name: 'Aggregation',
  description: 'How a metric rolls up from trusts to ICBs, regions and England.',
  values: {
    RATIO: { description: 'Summed numerators over summed denominators, never a mean of percentages.' },
    SUM: { description: 'The sum of the parts.' },
    NONE: { description: 'Not rolled up: only reported values exist.' },
  } as const,
});

export const FrequencyEnum = builder.enumType(Frequency, {
  name: 'Frequency',
  description: 'How often a metric is reported, which fixes how its periods are written.',
  values: {
    MONTHLY: { description: 'Monthly periods, "2025-03".' },
    QUARTERLY: { description: 'Calendar quarters, "2025-Q1".' },
    ANNUAL: { description: 'Financial years (April to March), "2024-25".' },
  } as const,
});

export const ComparatorEnum = builder.enumType(Comparator, {
  name: 'Comparator',
  description: "How a target's threshold is met.",
  values: {
    AT_LEAST: { description: 'Met when the value is at least the threshold.' },
    AT_MOST: { description: 'Met when the value is at most the threshold.' },
  } as const,
});

export const TargetStateEnum = builder.enumType(TargetState, {
  name: 'TargetState',
  description: 'Where an organisation stands against a target.',
  values: {
    MEETING: { description: 'The value meets the threshold.' },
    NOT_MEETING: { description: 'The value misses the threshold.' },
    NO_DATA: { description: 'There is no value to judge.' },
  } as const,
});

export const SortDirectionEnum = builder.enumType('SortDirection', {
  description: 'Ascending or descending order.',
  values: {
    ASC: { description: 'Smallest or earliest first.' },
    DESC: { description: 'Largest or latest first.' },
  } as const,
});
