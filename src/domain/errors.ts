/**
 * Expected failures a caller can act on. Each carries a stable code that the API reports as
 * `extensions.code`; anything else that goes wrong is unexpected and masked.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** The HTTP answer when this error refuses a whole request (401, 403, 429…); unset: the usual 200 or 400. */
  readonly http?: { status: number; headers?: Record<string, string> };
  constructor(message: string) {
    super(message);
    // The subclass's own name ("UnknownMetricError"), for logs and stack traces.
    this.name = new.target.name;
  }
}

export class UnknownMetricError extends DomainError {
  readonly code = 'UNKNOWN_METRIC';
  constructor(readonly metricCode: string) {
    super(`There is no metric with code "${metricCode}".`);
  }
}

export class InvalidPeriodError extends DomainError {
  readonly code = 'INVALID_PERIOD';
}

/** One problem with an admin's input, reported in a payload's `errors`; nothing was changed. */
export interface InputProblem {
  field: string | null;
  code: string;
  message: string;
}

/** A peer group to benchmark against that names unknown organisations, or too few. */
export class InvalidPeerGroupError extends DomainError {
  readonly code = 'INVALID_PEER_GROUP';
}

/** A statistic asked of a metric or organisations it cannot be computed for (a funnel of a count). */
export class StatisticNotApplicableError extends DomainError {
  readonly code = 'STATISTIC_NOT_APPLICABLE';
}
