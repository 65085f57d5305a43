import type { SeriesHistory } from '../../services/standing.js';
import { builder } from '../builder.js';
import { CrossingDirectionEnum } from './crossing.js';
import { TargetStateEnum } from './enums.js';
import { MetricRef } from './metric.js';
import { MilestoneRef, milestoneIdFrom } from './milestone.js';
import { OrganisationRef } from './organisation.js';
import { TargetRef } from './target.js';

type SeriesPeriod = SeriesHistory['steps'][number];

const SeriesPeriodRef = builder.objectRef<SeriesPeriod>('SeriesPeriod').implement({
  description:
    'One judged period of a series: its value against the trajectory step in force for it, and the crossing it made, if any.',
  fields: (t) => ({
    period: t.string({ description: 'The period ("2025-03").', resolve: (step) => step.point.period }),
    value: t.float({ description: 'Its value as it stands today.', resolve: (step) => step.point.value }),
    threshold: t.float({
      description: 'The threshold of the step in force for the period.',
      resolve: (step) => step.target.value,
    }),
    target: t.field({
      type: TargetRef,
      description: 'The trajectory step in force for the period.',
      resolve: (step) => step.target.target,
    }),
    state: t.field({ type: TargetStateEnum, description: 'MEETING or NOT_MEETING.', resolve: (step) => step.state }),
    previousState: t.field({
      type: TargetStateEnum,
      description:
        'The state of the period judged before (MEETING for the first: a series counts as meeting until its data says otherwise).',
      resolve: (step) => step.previousState ?? 'MEETING',
    }),
    crossing: t.field({
      type: CrossingDirectionEnum,
      nullable: true,
      description: 'BREACHED or RECOVERED when the state changed at this period; null otherwise.',
      resolve: (step) => step.direction,
    }),
  }),
});

const SeriesHistoryRef = builder.objectRef<SeriesHistory>('SeriesHistory').implement({
  description:
    "An organisation's series against one milestone's trajectory on a metric, recomputed over every period with data as the data stands today (late values and revisions included). The crossing log (`crossings`) records instead what was known when each write committed.",
  fields: (t) => ({
    metric: t.field({ type: MetricRef, description: 'The metric.', resolve: (history) => history.metric }),
    milestone: t.field({
      type: MilestoneRef,
      description: 'The milestone whose trajectory judges the series.',
      resolve: (history) => history.milestone,
    }),
    periods: t.field({
      type: [SeriesPeriodRef],
      description: 'Every judged period, oldest first (periods outside every step of the trajectory are not judged).',
      resolve: (history) => history.steps,
    }),
    crossings: t.field({
      type: [SeriesPeriodRef],
      description: 'The periods at which the state changed, oldest first.',
      resolve: (history) => history.steps.filter((step) => step.direction !== null),
    }),
  }),
});

builder.prismaObjectFields(OrganisationRef, (t) => ({
  seriesHistory: t.field({
    type: [SeriesHistoryRef],
    description:
      'Its series on a metric, one per milestone whose trajectory applies to it (or only the milestone given), each recomputed over all its data: the full crossing history. An unknown metric code is an UNKNOWN_METRIC error.',
    args: {
      metricCode: t.arg.string({ required: true, description: 'The metric\'s code ("AE_4HR").' }),
      milestoneId: t.arg.globalID({
        required: false,
        description: 'Only the series of this milestone (its global ID).',
      }),
    },
    select: { id: true, type: true },
    resolve: (organisation, args, context) =>
      context.services.standings.seriesHistory(
        organisation,
        args.metricCode,
        args.milestoneId ? milestoneIdFrom(args.milestoneId, 'milestoneId') : null,
      ),
  }),
}));
