import type { CrossingDirection } from './crossing.js';

/** A crossing with what a subscriber may filter it by. */
export interface CrossingRoute {
  sequence: bigint;
  odsCode: string;
  organisationType: string;
  regionOdsCode: string | null;
  metricCode: string;
  milestoneId: number | null;
  direction: CrossingDirection;
}

/** A subscriber's filter, resolved: each list given must contain the crossing's value. */
export interface CrossingSelection {
  odsCodes?: readonly string[] | null;
  organisationTypes?: readonly string[] | null;
  regionOdsCodes?: readonly string[] | null;
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
    allows(selection.metricCodes, crossing.metricCode) &&
    (!selection.milestoneIds || (crossing.milestoneId !== null && selection.milestoneIds.includes(crossing.milestoneId))) &&
    allows(selection.directions, crossing.direction)
  );
}

/** A crossing's cursor is its sequence in the log, as a decimal string. */
export function parseCrossingCursor(cursor: string): bigint | undefined {
  return /^\d{1,18}$/.test(cursor) ? BigInt(cursor) : undefined;
}
