import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { BoardCrossingFragment, CrossingFilter, OrganisationType } from '../../schema/generated/graphql.js';

/** What the board's pages share: the key, requests to the API, what a view is, lines of the feed. */

export const KEY_STORAGE = 'nmg-board-key';
export type View = { metric: string; group: 'ICB' | 'AMBULANCE' | 'TRUST'; region: string; period: string };

/** A line of the live feed. */
export interface FeedEntry {
  cursor: string;
  odsCode: string;
  /** BREACHED, RECOVERED, or a watch's state: the colour beside the words. */
  tone: string;
  text: string;
}

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

/** One GraphQL request over HTTP, with the key if one is set; errors are thrown with their message. */
export async function request<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const key = apiKey();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: Result; errors?: { message: string }[] };
  if (!body.data || body.errors?.length) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.data;
}

/** Which organisations a view's crossings concern, as the API filters them. */
export function crossingFilter(view: View): CrossingFilter {
  const types: OrganisationType[] = view.group === 'ICB' ? ['ICB'] : ['TRUST'];
  return {
    metricCodes: [view.metric],
    organisationTypes: types,
    ...(view.group === 'AMBULANCE' ? { ambulanceServices: true } : {}),
    ...(view.group === 'TRUST' && view.region ? { regionOdsCodes: [view.region] } : {}),
  };
}

export function crossingEntry(crossing: BoardCrossingFragment): FeedEntry {
  const unit = crossing.metric.unit === 'PERCENT' ? '%' : '';
  const verb = crossing.direction === 'BREACHED' ? 'fell short of' : 'met';
  const milestone = crossing.milestone ? ` Milestone at stake: ${crossing.milestone.title}` : '';
  return {
    cursor: crossing.cursor,
    odsCode: crossing.organisation.odsCode,
    tone: crossing.direction,
    text: `${crossing.organisation.name} ${verb} ${crossing.threshold}${unit} in ${crossing.period} (${Math.round(crossing.value * 10) / 10}${unit}).${milestone}`,
  };
}

/** The words the board's pages put beside a state's colour and an SPC chart's icons. */
export const STATE_LABELS: Record<string, string> = {
  MEETING: 'Meeting',
  NOT_MEETING: 'Not meeting',
  NO_DATA: 'No data',
  NO_TARGET: 'No target',
};
export const VARIATION_LABELS: Record<string, string> = {
  COMMON_CAUSE: 'Common cause',
  SPECIAL_CAUSE_IMPROVING: 'Improving',
  SPECIAL_CAUSE_CONCERNING: 'Concerning',
  SPECIAL_CAUSE_NEUTRAL_HIGH: 'Special cause (high)',
  SPECIAL_CAUSE_NEUTRAL_LOW: 'Special cause (low)',
};
export const ASSURANCE_LABELS: Record<string, string> = {
  CONSISTENTLY_PASSING: 'passes consistently',
  CONSISTENTLY_FAILING: 'fails consistently',
  HIT_AND_MISS: 'hit and miss',
};
