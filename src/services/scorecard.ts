import type { Database } from '../db/database.js';
import type { Metric, Milestone, Organisation, OrganisationType, Target } from '../db/generated/prisma/client.js';
import { ENGLAND_ODS_CODE } from '../domain/organisation.js';
import type { OrganisationSpc } from './spc.js';
import type { StandingService, TargetStanding } from './standing.js';

/** How many organisations of one kind meet the target in force for them, in England's latest period. */
export interface ScorecardCount {
  /** The kind counted: ICBs where the target applies to them, else trusts, else the organisations it names. */
  kind: 'ICBS' | 'TRUSTS' | 'NAMED_ORGANISATIONS';
  meeting: number;
  /** Those with a value for that period, judged. */
  judged: number;
  /** Those the target applies to. */
  applicable: number;
}

/** One measured commitment of a mandate: a milestone and a metric it sets a target on. */
export interface ScorecardEntry {
  milestone: Milestone;
  metric: Metric;
  /** The milestone's own targets on the metric, in order (a trajectory has several). */
  targets: Target[];
  /** England against the target in force for its latest value; null when no target applies to England. */
  england: TargetStanding | null;
  /** Whether England's standing is judged against one of this milestone's targets (a later mandate may have replaced them). */
  judgedAgainstThisMilestone: boolean;
  /** England's XmR chart, whose latest point gives the variation and whose limits the assurance; null without data. */
  spc: OrganisationSpc | null;
  count: ScorecardCount | null;
}

interface Dependencies {
  db: Database;
  standings: StandingService;
  spc: { chart(organisation: Pick<Organisation, 'id' | 'type'>, metricCode: string): Promise<OrganisationSpc> };
}

/**
 * "How is the mandate going?" in one answer: every milestone of a mandate that sets a target on a
 * metric, in the document's order, with England's latest value against the target in force, how
 * many ICBs (or trusts, or the organisations the target names) meet theirs, and England's SPC
 * variation and assurance. A milestone whose metric has no data says so (a NO_DATA standing, no chart).
 */
export function createScorecardService({ db, standings, spc }: Dependencies) {
  return {
    async of(mandateId: number): Promise<ScorecardEntry[]> {
      const targets = await db.prisma.target.findMany({
        where: { milestone: { mandateId } },
        include: {
          milestone: true,
          metric: true,
          scopes: { include: { organisation: { select: { id: true, type: true, odsCode: true } } } },
        },
        orderBy: [{ milestoneId: 'asc' }, { step: 'asc' }, { id: 'asc' }],
      });
      const england = await db.prisma.organisation.findUniqueOrThrow({
        where: { odsCode: ENGLAND_ODS_CODE },
        select: { id: true, type: true },
      });
      const groups = new Map<string, typeof targets>();
      for (const target of targets) {
        const key = `${target.milestoneId}:${target.metricId}`;
        groups.set(key, [...(groups.get(key) ?? []), target]);
      }
      // The document's order: by priority, then down the tree of milestones (sections outside the priorities last).
      const milestones = new Map(
        (
          await db.prisma.milestone.findMany({
            where: { mandateId },
            select: { id: true, parentId: true, ordinal: true, priority: { select: { ordinal: true } } },
          })
        ).map((milestone) => [milestone.id, milestone]),
      );
      const place = (id: number): number[] => {
        const milestone = milestones.get(id)!;
        return milestone.parentId === null
          ? [milestone.priority?.ordinal ?? Number.MAX_SAFE_INTEGER, milestone.ordinal]
          : [...place(milestone.parentId), milestone.ordinal];
      };
      const byPlace = (a: number[], b: number[]): number =>
        a.length === 0 || b.length === 0 ? a.length - b.length : a[0]! - b[0]! || byPlace(a.slice(1), b.slice(1));
      const ordered = [...groups.values()].sort((a, b) => byPlace(place(a[0]!.milestoneId), place(b[0]!.milestoneId)));
      const entries: ScorecardEntry[] = [];
      for (const group of ordered) {
        const { milestone, metric } = group[0]!;
        const standing = await standings.latestStanding(england, metric.code);
        const chart = await spc.chart(england, metric.code);
        const scopes = group.flatMap((target) => target.scopes);
        entries.push({
          milestone,
          metric,
          targets: group,
          england: standing,
          judgedAgainstThisMilestone: standing !== null && group.some((target) => target.id === standing.target.id),
          spc: chart.points.length > 0 ? chart : null,
          count: await countMeeting(metric, standing?.measurement?.period ?? null, scopes),
        });
      }
      return entries;
    },
  };

  /** How many of the organisations a milestone's targets apply to (other than England) meet theirs in a period. */
  async function countMeeting(
    metric: Metric,
    period: string | null,
    scopes: readonly {
      organisationType: OrganisationType | null;
      organisation: { id: number; type: OrganisationType; odsCode: string } | null;
    }[],
  ): Promise<ScorecardCount | null> {
    const types = new Set(scopes.flatMap((scope) => (scope.organisationType ? [scope.organisationType] : [])));
    const named = scopes.flatMap((scope) =>
      scope.organisation && scope.organisation.odsCode !== ENGLAND_ODS_CODE ? [scope.organisation] : [],
    );
    const kind = types.has('ICB')
      ? 'ICBS'
      : types.has('TRUST')
        ? 'TRUSTS'
        : named.length > 0
          ? 'NAMED_ORGANISATIONS'
          : null;
    if (!kind) return null;
    const organisations =
      kind === 'NAMED_ORGANISATIONS'
        ? [...new Map(named.map((organisation) => [organisation.id, organisation])).values()]
        : await db.prisma.organisation.findMany({
            where: { type: kind === 'ICBS' ? 'ICB' : 'TRUST' },
            select: { id: true, type: true },
          });
    if (!period) return { kind, meeting: 0, judged: 0, applicable: organisations.length };
    const measurements = await db.prisma.measurement.findMany({
      where: {
        metricId: metric.id,
        period,
        organisationId: { in: organisations.map((organisation) => organisation.id) },
      },
      include: { organisation: { select: { id: true, type: true } } },
    });
    let meeting = 0;
    let judged = 0;
    for (const measurement of measurements) {
      const standing = await standings.standingOf(measurement.organisation, measurement);
      if (!standing) continue;
      judged += 1;
      if (standing.state === 'MEETING') meeting += 1;
    }
    return { kind, meeting, judged, applicable: organisations.length };
  }
}

export type ScorecardService = ReturnType<typeof createScorecardService>;
