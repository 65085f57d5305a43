/**
 * The query shapes frontends send, each written twice: once for our API, once as a PostGraphile 5
 * user would write it against the generated schema (Amber preset: conditions on indexed columns,
 * relations both ways, no notion of a target's standing, a rank or a region filter, so the client
 * works those out from the rows). Each shape reduces both answers to the rows they must agree on, so
 * the bench measures the same work from both or refuses to measure at all. Without the peer
 * (`ask.peer` null) the shapes are ours alone, against the ceiling.
 */
import { print } from 'graphql';
import { IcbBoardDocument } from '../schema/generated/graphql.js';
import type { Database } from '../src/db/database.js';

export interface Request {
  query: string;
  variables: Record<string, unknown>;
}

export interface Shape {
  name: string;
  ours: Request;
  peer: Request;
  /** Each answer's `data` reduced to comparable rows (sorted where the order is the client's business). */
  ourRows(data: any): unknown[];
  peerRows(data: any): unknown[];
}

/** Any server's answer to a request; throws on an error, so that a shape never measures a failure. */
export type Ask = (request: Request) => Promise<any>;

const byFirst = (rows: unknown[][]) =>
  rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
/** Values as both servers print them may differ in the last digit of a double; rows compare at nine significant figures. */
const number = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Number(value.toPrecision(9));

export const ICB_BOARD: Omit<Shape, 'peer'> & { peer(metricId: number): Request } = {
  name: 'ICB board',
  ours: {
    // The example operation partners are given (schema/operations/IcbBoard.graphql).
    query: print(IcbBoardDocument),
    variables: { metricCode: 'AE_4HR', from: '2024-06', to: '2025-06' },
  },
  peer: (metricId) => ({
    query: `query IcbBoard($metricId: Int!, $metricCode: String!) {
  allOrganisations(condition: { type: ICB }, orderBy: ODS_CODE_ASC) {
    totalCount
    nodes {
      id odsCode name
      organisationByRegionId { odsCode name }
      measurementsByOrganisationId(condition: { metricId: $metricId }, orderBy: PERIOD_DESC, first: 13) {
        totalCount
        nodes { period value numerator denominator derived }
      }
    }
  }
  allMetrics(condition: { code: $metricCode }) {
    nodes { targetsByMetricId { nodes { value comparator inForceFrom inForceTo targetScopesByTargetId { nodes { organisationType organisationId } } } } }
  }
}`,
    variables: { metricId, metricCode: 'AE_4HR' },
  }),
  ourRows: (data) =>
    byFirst(
      data.organisations.edges.map(({ node }: any) => [
        node.odsCode,
        node.region?.odsCode,
        number(node.latest?.value),
        node.measurements.edges.map((edge: any) => `${edge.node.period} ${number(edge.node.value)}`).join(','),
      ]),
    ),
  peerRows: (data) =>
    byFirst(
      data.allOrganisations.nodes.map((node: any) => {
        const months = node.measurementsByOrganisationId.nodes;
        return [
          node.odsCode,
          node.organisationByRegionId?.odsCode,
          number(months[0]?.value),
          [...months]
            .reverse()
            .map((month: any) => `${month.period} ${number(month.value)}`)
            .join(','),
        ];
      }),
    ),
};

/**
 * Every shape over the bench's database: the organisations, region and metrics they name are
 * chosen from the data (the busiest), and the node refetches use each server's own global IDs.
 */
export async function queryShapes(db: Database, ask: { ours: Ask; peer: Ask | null }): Promise<Shape[]> {
  const metrics = await db.prisma.metric.findMany({
    where: { measurements: { some: {} } },
    orderBy: { code: 'asc' },
    select: { id: true, code: true },
  });
  const board = metrics.find((metric) => metric.code === 'AE_4HR');
  if (!board) throw new Error('the bench database holds no AE_4HR data');
  const months = await db.prisma.measurement.findMany({
    where: { metricId: board.id },
    distinct: ['period'],
    orderBy: { periodEnd: 'desc' },
    take: 13,
    select: { period: true },
  });
  const [latest, from] = [months[0]!.period, months.at(-1)!.period];
  const busiest = await db.prisma.crossing.groupBy({
    by: ['organisationId'],
    _count: { _all: true },
    orderBy: { _count: { organisationId: 'desc' } },
    take: 1,
  });
  const detailOrganisation = await db.prisma.organisation.findUniqueOrThrow({
    where: { id: busiest[0]!.organisationId },
    select: { odsCode: true, type: true },
  });
  const regions = await db.prisma.organisation.findMany({ where: { type: 'REGION' }, select: { odsCode: true } });
  const region = await busiestRegion(
    db,
    regions.map((candidate) => candidate.odsCode),
  );

  const ourIds: string[] = (
    await ask.ours({
      query: '{ organisations(filter: { types: [TRUST] }, first: 50) { edges { node { id } } } }',
      variables: {},
    })
  ).organisations.edges.map((edge: any) => edge.node.id);
  const peerIds: string[] = !ask.peer
    ? []
    : (
        await ask.peer({
          query: '{ allOrganisations(condition: { type: TRUST }, orderBy: ODS_CODE_ASC, first: 50) { nodes { id } } }',
          variables: {},
        })
      ).allOrganisations.nodes.map((node: any) => node.id);

  const aliases = metrics.map((metric, index) => ({ alias: `m${index}`, ...metric }));
  const milestoneRows = (milestone: any, targets: any[], path: string) => [
    [path, milestone.title, milestone.dueBy ?? null].join(' | '),
    ...targets.map((target: any) => [path, target.comparator, number(target.value), target.metric].join(' | ')),
  ];

  return [
    { ...ICB_BOARD, peer: ICB_BOARD.peer(board.id) },
    {
      name: 'trust ranking',
      ours: {
        query: `query Ranking($metricCode: String!, $period: String!) {
  ranking(metricCode: $metricCode, period: $period, organisationType: TRUST, first: 100) {
    totalCount
    edges { node { rank organisation { odsCode name } measurement { period value numerator denominator } standing { state threshold } } }
  }
}`,
        variables: { metricCode: board.code, period: latest },
      },
      peer: {
        query: `query Ranking($metricId: Int!, $period: String!) {
  allOrganisations(condition: { type: TRUST }, orderBy: ODS_CODE_ASC) {
    nodes { odsCode name measurementsByOrganisationId(condition: { metricId: $metricId, period: $period }) { nodes { period value numerator denominator } } }
  }
}`,
        variables: { metricId: board.id, period: latest },
      },
      // The first page of 100, best first; the peer's client ranks every trust's row itself (AE_4HR: higher is better).
      ourRows: (data) =>
        data.ranking.edges.map(({ node }: any) => [
          node.rank,
          node.organisation.odsCode,
          number(node.measurement.value),
        ]),
      peerRows: (data) => {
        const rows = data.allOrganisations.nodes
          .filter((node: any) => node.measurementsByOrganisationId.nodes.length > 0)
          .map(
            (node: any) => [node.odsCode, number(node.measurementsByOrganisationId.nodes[0].value)] as [string, number],
          )
          .sort((a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]));
        return rows
          .slice(0, 100)
          .map(([odsCode, value]: [string, number]) => [
            1 + rows.findIndex((row: [string, number]) => row[1] === value),
            odsCode,
            value,
          ]);
      },
    },
    {
      name: '2023 mandate tree',
      ours: {
        query: `query MandateTree($slug: String!) {
  mandate(slug: $slug) {
    title
    priorities(first: 20) { edges { node { ordinal title milestones(first: 50) { edges { node {
      key title dueBy
      targets(first: 10) { edges { node { comparator value metric { code } } } }
      milestones(first: 50) { edges { node { key title dueBy targets(first: 10) { edges { node { comparator value metric { code } } } } } } }
    } } } } } }
  }
}`,
        variables: { slug: '2023' },
      },
      peer: {
        query: `query MandateTree($slug: String!) {
  allMandates(condition: { slug: $slug }) { nodes {
    title
    prioritiesByMandateId(orderBy: ORDINAL_ASC) { nodes { ordinal title milestonesByPriorityId(condition: { parentId: null }) { nodes {
      key title dueBy ordinal
      targetsByMilestoneId { nodes { comparator value metricByMetricId { code } } }
      milestonesByParentId { nodes { key title dueBy ordinal targetsByMilestoneId { nodes { comparator value metricByMetricId { code } } } } }
    } } } }
  } }
}`,
        variables: { slug: '2023' },
      },
      ourRows: (data) =>
        data.mandate.priorities.edges
          .flatMap(({ node: priority }: any) =>
            priority.milestones.edges.flatMap(({ node: milestone }: any) => [
              ...milestoneRows(
                milestone,
                milestone.targets.edges.map(({ node }: any) => ({ ...node, metric: node.metric.code })),
                `${priority.ordinal}/${milestone.key}`,
              ),
              ...milestone.milestones.edges.flatMap(({ node: child }: any) =>
                milestoneRows(
                  child,
                  child.targets.edges.map(({ node }: any) => ({ ...node, metric: node.metric.code })),
                  `${priority.ordinal}/${milestone.key}/${child.key}`,
                ),
              ),
            ]),
          )
          .sort(),
      peerRows: (data) =>
        data.allMandates.nodes[0].prioritiesByMandateId.nodes
          .flatMap((priority: any) =>
            priority.milestonesByPriorityId.nodes.flatMap((milestone: any) => [
              ...milestoneRows(
                milestone,
                milestone.targetsByMilestoneId.nodes.map((node: any) => ({
                  ...node,
                  metric: node.metricByMetricId.code,
                })),
                `${priority.ordinal}/${milestone.key}`,
              ),
              ...milestone.milestonesByParentId.nodes.flatMap((child: any) =>
                milestoneRows(
                  child,
                  child.targetsByMilestoneId.nodes.map((node: any) => ({
                    ...node,
                    metric: node.metricByMetricId.code,
                  })),
                  `${priority.ordinal}/${milestone.key}/${child.key}`,
                ),
              ),
            ]),
          )
          .sort(),
    },
    {
      name: 'organisation detail',
      ours: {
        query: `query OrganisationDetail($odsCode: String!, $type: OrganisationType!, $from: String!) {
  organisation(odsCode: $odsCode) {
    odsCode name type region { odsCode name }
    ${aliases.map(({ alias, code }) => `${alias}: measurements(metricCode: "${code}", from: $from, first: 13) { edges { node { period value numerator denominator derived source revision } } }`).join('\n    ')}
  }
  crossings(filter: { odsCodes: [$odsCode], organisationTypes: [$type] }, first: 100) {
    edges { node { period direction value threshold occurredAt metric { code } } }
  }
}`,
        variables: { odsCode: detailOrganisation.odsCode, type: detailOrganisation.type, from },
      },
      peer: {
        query: `query OrganisationDetail($odsCode: String!) {
  allOrganisations(condition: { odsCode: $odsCode }) { nodes {
    odsCode name type organisationByRegionId { odsCode name }
    ${aliases.map(({ alias, id }) => `${alias}: measurementsByOrganisationId(condition: { metricId: ${id} }, orderBy: PERIOD_DESC, first: 13) { nodes { period value numerator denominator derived source revision } }`).join('\n    ')}
    crossingsByOrganisationId(orderBy: SEQUENCE_ASC, first: 100) { nodes { period direction value threshold occurredAt metricByMetricId { code } } }
  } }
}`,
        variables: { odsCode: detailOrganisation.odsCode },
      },
      ourRows: (data) => [
        ...aliases.flatMap(({ alias, code }) =>
          data.organisation[alias].edges.map(({ node }: any) =>
            [code, node.period, number(node.value), node.source, node.revision].join(' '),
          ),
        ),
        ...data.crossings.edges.map(({ node }: any) =>
          [node.metric.code, node.period, node.direction, number(node.value), node.threshold].join(' '),
        ),
      ],
      peerRows: (data) => {
        const organisation = data.allOrganisations.nodes[0];
        return [
          ...aliases.flatMap(({ alias, code }) =>
            [...organisation[alias].nodes]
              .filter((node: any) => node.period >= from)
              .reverse()
              .map((node: any) => [code, node.period, number(node.value), node.source, node.revision].join(' ')),
          ),
          ...organisation.crossingsByOrganisationId.nodes.map((node: any) =>
            [node.metricByMetricId.code, node.period, node.direction, number(node.value), node.threshold].join(' '),
          ),
        ];
      },
    },
    {
      name: 'crossing log page by region',
      ours: {
        query: `query RegionCrossings($region: String!) {
  crossings(filter: { regionOdsCodes: [$region] }, first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { period direction value threshold occurredAt organisation { odsCode name } metric { code } milestone { key } } }
  }
}`,
        variables: { region },
      },
      peer: {
        query: `query RegionCrossings($region: String!) {
  allOrganisations(condition: { odsCode: $region }) { nodes { organisationsByRegionId(condition: { type: ICB }) { nodes {
    odsCode name
    crossingsByOrganisationId(orderBy: SEQUENCE_ASC, first: 50) { nodes { sequence period direction value threshold occurredAt metricByMetricId { code } milestoneByMilestoneId { key } } }
  } } } }
}`,
        variables: { region },
      },
      ourRows: (data) =>
        data.crossings.edges.map(({ node }: any) =>
          [node.organisation.odsCode, node.metric.code, node.period, node.direction, number(node.value)].join(' '),
        ),
      // The client merges each ICB's crossings into one log, oldest first, and keeps the page's 50.
      peerRows: (data) =>
        data.allOrganisations.nodes[0].organisationsByRegionId.nodes
          .flatMap((icb: any) =>
            icb.crossingsByOrganisationId.nodes.map((node: any) => ({
              sequence: BigInt(node.sequence),
              row: [icb.odsCode, node.metricByMetricId.code, node.period, node.direction, number(node.value)].join(' '),
            })),
          )
          .sort((a: { sequence: bigint }, b: { sequence: bigint }) => (a.sequence < b.sequence ? -1 : 1))
          .slice(0, 50)
          .map((entry: { row: string }) => entry.row),
    },
    {
      name: 'node refetch of 50 ids',
      // Ours takes many IDs in one field; PostGraphile's schema has one `node` field, so its client aliases it 50 times.
      ours: {
        query: 'query Refetch($ids: [ID!]!) { nodes(ids: $ids) { id ... on Organisation { odsCode name type } } }',
        variables: { ids: ourIds },
      },
      peer: {
        query: `query Refetch(${peerIds.map((_, index) => `$id${index}: ID!`).join(', ')}) {\n${peerIds.map((_, index) => `  n${index}: node(id: $id${index}) { id ... on Organisation { odsCode name type } }`).join('\n')}\n}`,
        variables: Object.fromEntries(peerIds.map((id, index) => [`id${index}`, id])),
      },
      ourRows: (data) => data.nodes.map((node: any) => [node.odsCode, node.name, node.type].join(' ')),
      peerRows: (data) =>
        peerIds.map((_, index) => data[`n${index}`]).map((node: any) => [node.odsCode, node.name, node.type].join(' ')),
    },
  ];
}

/** The region whose ICBs have the most crossings: the fullest page of the region's log. */
async function busiestRegion(db: Database, regions: string[]): Promise<string> {
  let best = { region: regions[0]!, crossings: -1 };
  for (const region of regions) {
    const crossings = await db.prisma.crossing.count({
      where: { organisation: { type: 'ICB', region: { odsCode: region } } },
    });
    if (crossings > best.crossings) best = { region, crossings };
  }
  return best.region;
}
