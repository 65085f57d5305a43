import { resolveOffsetConnection } from '@pothos/plugin-relay';
import type { RankingEntry } from '../../services/ranking.js';
import { builder } from '../builder.js';
import { periodLabel } from '../validation.js';
import { OrganisationTypeEnum } from './enums.js';
import { OrganisationRef } from './organisation.js';
import { MeasurementRef } from './measurement.js';
import { TargetStandingRef } from './standing.js';

const RankedOrganisationRef = builder.objectRef<RankingEntry>('RankedOrganisation').implement({
  description: "One organisation's place in a ranking.",
  fields: (t) => ({
    rank: t.exposeInt('rank', {
      description: 'Its place, best first from 1; equal values share a place ("1, 2, 2, 4").',
    }),
    quartile: t.exposeInt('quartile', {
      nullable: true,
      description:
        "Its quartile, as PHEindicatormethods' phe_quantile assigns it: 1 holds the worst quarter by the metric's polarity (the lowest values where neither is better), 4 the best; null with fewer than 4 organisations. Its significance against England is `measurement { benchmark }`.",
    }),
    quintile: t.exposeInt('quintile', {
      nullable: true,
      description: 'Its quintile, 1 (the worst fifth) to 5; null with fewer than 5 organisations.',
    }),
    organisation: t.field({
      type: OrganisationRef,
      description: 'The organisation.',
      resolve: (entry) => entry.measurement.organisation,
    }),
    measurement: t.field({
      type: MeasurementRef,
      description: 'Its measurement for the period.',
      resolve: (entry) => entry.measurement,
    }),
    standing: t.field({
      type: TargetStandingRef,
      nullable: true,
      description: 'How the value stands against the target in force for the period; null when none applies.',
      resolve: (entry, _args, context) =>
        context.services.standings.standingOf(entry.measurement.organisation, entry.measurement),
    }),
  }),
});

builder.queryFields((t) => ({
  ranking: t.connection(
    {
      type: RankedOrganisationRef,
      description:
        "Every organisation of a type with a value for a metric and period, ordered best to worst by the metric's polarity, each with its target standing. An unknown metric is an UNKNOWN_METRIC error; a period not in the metric's frequency, INVALID_PERIOD.",
      args: {
        metricCode: t.arg.string({ required: true, description: 'The metric\'s code ("AE_4HR").' }),
        period: t.arg.string({ required: true, description: 'The period ("2025-03").', validate: periodLabel }),
        organisationType: t.arg({
          type: OrganisationTypeEnum,
          required: false,
          defaultValue: 'ICB',
          description: 'Which organisations to rank (default ICB).',
        }),
      },
      resolve: async (_parent, args, context) => {
        const entries = await context.services.ranking.rank(
          args.metricCode,
          args.period,
          args.organisationType ?? 'ICB',
        );
        const connection = await resolveOffsetConnection({ args }, ({ offset, limit }) =>
          entries.slice(offset, offset + limit),
        );
        return { ...connection, totalCount: entries.length };
      },
    },
    { name: 'RankingConnection', description: 'A page of a ranking, best first.' },
    { name: 'RankingEdge', description: 'One ranked organisation and its cursor.' },
  ),
}));
