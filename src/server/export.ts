import { print } from 'graphql';
import type { Plugin, YogaServerInstance } from 'graphql-yoga';
import { z } from 'zod';
import {
  BoardViewDocument,
  OrganisationDetailDocument,
  type BoardViewQuery,
  type OrganisationDetailQuery,
} from '../../schema/generated/graphql.js';
import { writeCsv } from '../ingest/csv.js';
import type { GraphQLContext } from '../schema/context.js';

/**
 * `GET /export/board.csv` and `GET /export/series.csv`: what the board shows, as RFC 4180 CSV in
 * UTF-8, for partners without a GraphQL client. Each is the board's own GraphQL operation sent
 * through the API itself, with the caller's Authorization, so the keys, limits and filters are the
 * API's, and every row is a row the API answers.
 */

const period = z.string().regex(/^\d{4}-\d{2}$/, 'a period is YYYY-MM');
const code = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .transform((text) => text.toUpperCase());

/** Which organisations a board shows: ICBs, the ambulance services, or the trusts of a region. */
export const boardGroupSchema = z.enum(['ICB', 'AMBULANCE', 'TRUST']);

const boardParams = z.object({
  metric: z.string().trim().min(1).max(50),
  group: boardGroupSchema.default('ICB'),
  region: code.optional(),
  period: period.optional(),
});

const seriesParams = z.object({ metric: z.string().trim().min(1).max(50), odsCode: code });

/** The BoardView variables for a board: a group, a region, the 13 periods up to `period`. */
export function boardVariables({ metric, group, region, period: to }: z.infer<typeof boardParams>) {
  return {
    metricCode: metric,
    types: group === 'ICB' ? ['ICB' as const] : ['TRUST' as const],
    ambulanceServices: group === 'AMBULANCE' ? true : group === 'TRUST' ? false : null,
    regionOdsCode: region ?? null,
    to: to ?? null,
    from: null,
  };
}

export const BOARD_HEADER = [
  'ods_code',
  'name',
  'region_ods_code',
  'metric_code',
  'unit',
  'period',
  'value',
  'display_value',
  'numerator',
  'denominator',
  'derived',
  'target_comparator',
  'target_value',
  'state',
  'milestone',
  'source',
  'revision',
  'recorded_at',
];

export function boardRows(data: BoardViewQuery): (string | number | boolean | null)[][] {
  const metric = data.metric;
  return data.organisations.edges.flatMap(({ node }) => {
    const latest = node.measurements.edges.at(-1)?.node;
    if (!metric || !latest) return [];
    const target = latest.standing?.target;
    return [
      [
        node.odsCode,
        node.name,
        node.region?.odsCode ?? null,
        metric.code,
        metric.unit,
        latest.period,
        latest.value,
        latest.displayValue,
        latest.numerator ?? null,
        latest.denominator ?? null,
        latest.derived,
        target?.comparator ?? null,
        target?.value ?? null,
        latest.standing?.state ?? null,
        target?.milestone?.key ?? null,
        latest.source,
        latest.revision,
        latest.recordedAt,
      ],
    ];
  });
}

export const SERIES_HEADER = [
  'ods_code',
  'name',
  'metric_code',
  'period',
  'value',
  'display_value',
  'numerator',
  'denominator',
  'derived',
  'threshold',
  'state',
  'source',
  'revision',
  'recorded_at',
];

export function seriesRows(data: OrganisationDetailQuery, metricCode: string): (string | number | boolean | null)[][] {
  const organisation = data.organisation;
  if (!organisation) return [];
  return organisation.measurements.edges.map(({ node }) => [
    organisation.odsCode,
    organisation.name,
    metricCode,
    node.period,
    node.value,
    node.displayValue,
    node.numerator ?? null,
    node.denominator ?? null,
    node.derived,
    node.standing?.threshold ?? null,
    node.standing?.state ?? null,
    node.source,
    node.revision,
    node.recordedAt,
  ]);
}

export function useExportEndpoint(yoga: () => YogaServerInstance<Record<string, never>, GraphQLContext>): Plugin {
  const exports = {
    '/export/board.csv': {
      params: boardParams,
      document: print(BoardViewDocument),
      variables: boardVariables,
      header: BOARD_HEADER,
      rows: (data: unknown) => boardRows(data as BoardViewQuery),
      name: (p: z.infer<typeof boardParams>) =>
        `board-${p.metric}-${p.group}${p.region ? `-${p.region}` : ''}${p.period ? `-${p.period}` : ''}`,
    },
    '/export/series.csv': {
      params: seriesParams,
      document: print(OrganisationDetailDocument),
      variables: (p: z.infer<typeof seriesParams>) => ({ odsCode: p.odsCode, metricCode: p.metric }),
      header: SERIES_HEADER,
      rows: (data: unknown, p: z.infer<typeof seriesParams>) => seriesRows(data as OrganisationDetailQuery, p.metric),
      name: (p: z.infer<typeof seriesParams>) => `series-${p.metric}-${p.odsCode}`,
    },
  } as const;
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      const view = exports[url.pathname as keyof typeof exports] as (typeof exports)[keyof typeof exports] | undefined;
      if (!view || request.method !== 'GET') return;
      const parsed = view.params.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return endResponse(
          Response.json(
            {
              errors: [
                {
                  message: `${issue.path.join('.') || 'query'}: ${issue.message}`,
                  extensions: { code: 'BAD_USER_INPUT' },
                },
              ],
            },
            { status: 400 },
          ),
        );
      }
      const params = parsed.data as never;
      const answer = await yoga().fetch(
        new URL(yoga().graphqlEndpoint, url),
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json',
            ...(request.headers.get('authorization') ? { authorization: request.headers.get('authorization')! } : {}),
            ...(request.headers.get('x-request-id') ? { 'x-request-id': request.headers.get('x-request-id')! } : {}),
          },
          body: JSON.stringify({ query: view.document, variables: view.variables(params) }),
        },
        serverContext as never,
      );
      const body = (await answer.json()) as { data?: unknown; errors?: unknown[] };
      if (!body.data || (body.errors?.length ?? 0) > 0)
        return endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: body.errors ?? [] }), {
            status: answer.status === 200 ? 400 : answer.status,
            headers: { 'content-type': 'application/json; charset=utf-8' },
          }),
        );
      endResponse(
        new fetchAPI.Response(writeCsv(view.header, view.rows(body.data, params)), {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8; header=present',
            'content-disposition': `attachment; filename="${view.name(params)}.csv"`,
          },
        }),
      );
    },
  };
}
