import type { CrossingDirection } from './crossing.js';

/** A crossing with what a subscriber may filter it by. */
export interface CrossingRoute {
  sequence: bigint;
  odsCode: string;
  organisationType: string;
  regionOdsCode: string | null;
  /** Whether the organisation runs an ambulance service. */
  ambulanceService: boolean;
  metricCode: string;
  milestoneId: number | null;
  direction: CrossingDirection;
}

/** A subscriber's filter, resolved: each list given must contain the crossing's value. */
export interface CrossingSelection {
  odsCodes?: readonly string[] | null;
  organisationTypes?: readonly string[] | null;
  regionOdsCodes?: readonly string[] | null;
  /** true: only ambulance services; false: only other organisations; absent: either. */
  ambulanceServices?: boolean | null;
  metricCodes?: readonly string[] | null;
  milestoneIds?: readonly number[] | null;
  directions?: readonly CrossingDirection[] | null;
}

/** Where an organisation sits, as selections pick organisations. */
export type OrganisationPlaceRoute = Pick<
  CrossingRoute,
  'odsCode' | 'organisationType' | 'regionOdsCode' | 'ambulanceService'
>;

/** Which organisations a selection (of crossings, or a watch's) covers. */
export type OrganisationSelection = Pick<
  CrossingSelection,
  'odsCodes' | 'organisationTypes' | 'regionOdsCodes' | 'ambulanceServices'
>;

export function selectsOrganisation(selection: OrganisationSelection, place: OrganisationPlaceRoute): boolean {
  return (
    (!selection.odsCodes || selection.odsCodes.includes(place.odsCode)) &&
    (!selection.organisationTypes || selection.organisationTypes.includes(place.organisationType)) &&
    (!selection.regionOdsCodes ||
      (place.regionOdsCode !== null && selection.regionOdsCodes.includes(place.regionOdsCode))) &&
    (selection.ambulanceServices === null ||
      selection.ambulanceServices === undefined ||
      selection.ambulanceServices === place.ambulanceService)
  );
}

export function matchesCrossing(selection: CrossingSelection, crossing: CrossingRoute): boolean {
  const allows = <T>(list: readonly T[] | null | undefined, value: T) => !list || list.includes(value);
  return (
    selectsOrganisation(selection, crossing) &&
    allows(selection.metricCodes, crossing.metricCode) &&
    (!selection.milestoneIds ||
      (crossing.milestoneId !== null && selection.milestoneIds.includes(crossing.milestoneId))) &&
    allows(selection.directions, crossing.direction)
  );
}

/** A log's cursor (crossings, watch events) is an event's sequence in it, as a decimal string. */
export function parseLogCursor(cursor: string): bigint | undefined {
  return /^\d{1,18}$/.test(cursor) ? BigInt(cursor) : undefined;
}

/** The topic every crossing is published on. */
export const ALL_CROSSINGS = 'all';

/**
 * The topics a crossing is published on: its organisation, its region, its metric, its
 * organisation type, and every crossing's. A subscriber listens on the topics of the narrowest
 * part of its filter (see selectionTopics), so a crossing wakes only the subscribers that may want it.
 */
export function crossingTopics(crossing: CrossingRoute): string[] {
  return [
    `organisation:${crossing.odsCode}`,
    ...(crossing.regionOdsCode === null ? [] : [`region:${crossing.regionOdsCode}`]),
    `metric:${crossing.metricCode}`,
    `type:${crossing.organisationType}`,
    ALL_CROSSINGS,
  ];
}

/**
 * The topics a subscriber listens on: those of its narrowest list (organisations, then regions,
 * then metrics, then types). Every crossing the selection matches is on one of them; the rest of
 * the filter is checked when the subscriber wakes.
 */
export function selectionTopics(selection: CrossingSelection): string[] {
  if (selection.odsCodes) return selection.odsCodes.map((code) => `organisation:${code}`);
  if (selection.regionOdsCodes) return selection.regionOdsCodes.map((code) => `region:${code}`);
  if (selection.metricCodes) return selection.metricCodes.map((code) => `metric:${code}`);
  if (selection.organisationTypes) return selection.organisationTypes.map((type) => `type:${type}`);
  return [ALL_CROSSINGS];
}
