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

export function matchesCrossing(selection: CrossingSelection, crossing: CrossingRoute): boolean {
  const allows = <T>(list: readonly T[] | null | undefined, value: T) => !list || list.includes(value);
  return (
    allows(selection.odsCodes, crossing.odsCode) &&
    allows(selection.organisationTypes, crossing.organisationType) &&
    (!selection.regionOdsCodes || (crossing.regionOdsCode !== null && selection.regionOdsCodes.includes(crossing.regionOdsCode))) &&
    (selection.ambulanceServices === null || selection.ambulanceServices === undefined || selection.ambulanceServices === crossing.ambulanceService) &&
    allows(selection.metricCodes, crossing.metricCode) &&
    (!selection.milestoneIds || (crossing.milestoneId !== null && selection.milestoneIds.includes(crossing.milestoneId))) &&
    allows(selection.directions, crossing.direction)
  );
}

/** A crossing's cursor is its sequence in the log, as a decimal string. */
export function parseCrossingCursor(cursor: string): bigint | undefined {
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
