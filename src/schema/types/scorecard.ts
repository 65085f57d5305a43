import type { ScorecardCount, ScorecardEntry } from '../../services/scorecard.js';
import { builder } from '../builder.js';
import { MandateRef } from './mandate.js';
import { MetricRef } from './metric.js';
import { MilestoneRef } from './milestone.js';
import { SpcAssuranceEnum, SpcChartRef, SpcVariationEnum } from './spc.js';
import { TargetStandingRef } from './standing.js';
import { TargetRef } from './target.js';
import { TargetStateEnum } from './enums.js';

const ScorecardCountKindEnum = builder.enumType('ScorecardCountKind', {
  description: 'Which organisations a scorecard entry counts.',
  values: {
    ICBS: { description: 'The 42 integrated care boards: the target applies to ICBs.' },
    TRUSTS: { description: 'NHS trusts: the target applies to trusts and not to ICBs.' },
    NAMED_ORGANISATIONS: { description: 'The organisations the target names (the 11 ambulance services, say).' },
  } as const,
});

const ScorecardCountRef = builder.objectRef<ScorecardCount>('ScorecardCount').implement({
  description: "How many organisations meet the target in force for them, in England's latest period.",
  fields: (t) => ({
    kind: t.field({
      type: ScorecardCountKindEnum,
      description: 'Which organisations.',
      resolve: (count) => count.kind,
    }),
    meeting: t.exposeInt('meeting', { description: 'How many meet it.' }),
    judged: t.exposeInt('judged', { description: 'How many have a value for that period, judged.' }),
    applicable: t.exposeInt('applicable', { description: 'How many it applies to.' }),
  }),
});

const ScorecardEntryRef = builder.objectRef<ScorecardEntry>('ScorecardEntry').implement({
  description:
    "One measured commitment of a mandate at a glance: the milestone's words and due date, England's latest value against the target in force, met or not, how many ICBs (or trusts, or named organisations) meet theirs, and England's SPC variation and assurance. A milestone whose metric has no data says so: a NO_DATA state, hasData false, no chart.",
  fields: (t) => ({
    milestone: t.field({
      type: MilestoneRef,
      description: 'The milestone, in its own words, with its due date.',
      resolve: (entry) => entry.milestone,
    }),
    metric: t.field({
      type: MetricRef,
      description: 'The metric it is measured by.',
      resolve: (entry) => entry.metric,
    }),
    targets: t.field({
      type: [TargetRef],
      description: "The milestone's own targets on the metric, in order (a trajectory has several).",
      resolve: (entry) => entry.targets,
    }),
    hasData: t.boolean({
      description: 'Whether England has a value of the metric at all.',
      resolve: (entry) => entry.england?.measurement != null,
    }),
    state: t.field({
      type: TargetStateEnum,
      description: "England's state against the target in force: MEETING, NOT_MEETING, or NO_DATA.",
      resolve: (entry) => entry.england?.state ?? 'NO_DATA',
    }),
    england: t.field({
      type: TargetStandingRef,
      nullable: true,
      description:
        "England's latest value against the target in force for it (the value, period, threshold and distance); null when no target applies to England.",
      resolve: (entry) => entry.england,
    }),
    judgedAgainstThisMilestone: t.exposeBoolean('judgedAgainstThisMilestone', {
      description:
        "Whether the target in force for England's latest value is one of this milestone's (false where a later mandate replaced it).",
    }),
    count: t.field({
      type: ScorecardCountRef,
      nullable: true,
      description:
        'How many ICBs (or trusts, or the organisations the target names) meet theirs; null where the target applies to England alone.',
      resolve: (entry) => entry.count,
    }),
    variation: t.field({
      type: SpcVariationEnum,
      nullable: true,
      description: "What England's latest point shows on its XmR chart; null without a chart.",
      resolve: (entry) => entry.spc?.variation ?? null,
    }),
    assurance: t.field({
      type: SpcAssuranceEnum,
      nullable: true,
      description: "England's latest limits against the target in force; null without a chart or target.",
      resolve: (entry) => entry.spc?.assurance ?? null,
    }),
    englandSpc: t.field({
      type: SpcChartRef,
      nullable: true,
      description: "England's whole XmR chart on the metric; null without data.",
      resolve: (entry) => entry.spc,
    }),
  }),
});

builder.prismaObjectFields(MandateRef, (t) => ({
  scorecard: t.field({
    type: [ScorecardEntryRef],
    description:
      "The mandate at a glance: every milestone that sets a target on a metric, in the document's order, each with England's latest value against the target in force, how many ICBs (or trusts, or services) meet theirs, and England's SPC variation and assurance.",
    select: { id: true },
    resolve: (mandate, _args, context) => context.services.scorecard.of(mandate.id),
  }),
}));
