import type { Database } from '../db/database.js';
import type { CrossingSelection } from '../domain/crossing-filter.js';
import { endableStream, type LogPage } from '../events/log-tail.js';
import {
  countCrossings,
  crossingStream,
  DEFAULT_CROSSING_TYPES,
  readCrossingPage,
  resolveCursor,
  type CrossingLogTail,
} from '../events/crossing-log.js';
import type { LiveEventRows } from '../events/shared-rows.js';
import { checkSelectionCodes } from './selection-codes.js';

/** The crossing log for queries and subscriptions: filters with their default, cursors checked. */
export function createCrossingService(db: Database, tail: CrossingLogTail, rows: LiveEventRows) {
  return {
    /** Checks a cursor given by a caller (see resolveCursor). */
    cursor: (cursor: string | null | undefined) => resolveCursor(tail, cursor),
    /** A page of the log, oldest first unless inverted; `query` is the caller's selection. */
    page: <Query extends object>(selection: CrossingSelection, page: LogPage, query: Query) =>
      readCrossingPage(db, withDefaultTypes(selection), page, query),
    count: (selection: CrossingSelection) => countCrossings(db, withDefaultTypes(selection)),
    /** A subscriber's stream of crossing sequences (see crossingStream); unknown codes in its filter are refused. */
    async stream(selection: CrossingSelection, after: string | null | undefined) {
      await checkSelectionCodes(db, selection);
      const from = await resolveCursor(tail, after);
      return endableStream((signal) => crossingStream(db, tail, withDefaultTypes(selection), from, { signal }));
    },
    /** A crossing as subscribers receive it: read once per process, whatever the number of subscribers. */
    load: (sequence: bigint, query: object) => rows.crossing(sequence, query),
  };
}

/** A filter that names no organisation types (nor asks for ambulance services) covers what operations rooms watch: ICBs. */
function withDefaultTypes(selection: CrossingSelection): CrossingSelection {
  return selection.organisationTypes || selection.ambulanceServices === true
    ? selection
    : { ...selection, organisationTypes: DEFAULT_CROSSING_TYPES };
}
