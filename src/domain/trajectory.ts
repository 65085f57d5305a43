import { addDays } from './period.js';

export interface TrajectoryStep {
  readonly metricCode: string;
  readonly dueBy: string | null;
}

export interface ScheduledStep<T extends TrajectoryStep> {
  readonly step: T;
  /** Position in the trajectory of its metric within the milestone, from 1. */
  readonly position: number;
  readonly inForceFrom: string;
  readonly inForceTo: string | null;
}

/**
 * Gives each target of a milestone the dates it is in force. Targets on one metric form a
 * trajectory in the order given: the first is in force from the mandate's start, each later one
 * from the day after the previous step's due date; every step but the last ends on its own due
 * date, and the last stays in force (until a later mandate replaces it: see replacedBy).
 */
export function scheduleTrajectory<T extends TrajectoryStep>(
  mandateInForceFrom: string,
  steps: readonly T[],
): ScheduledStep<T>[] {
  const byMetric = new Map<string, T[]>();
  for (const step of steps) byMetric.set(step.metricCode, [...(byMetric.get(step.metricCode) ?? []), step]);
  return steps.map((step) => {
    const trajectory = byMetric.get(step.metricCode) ?? [];
    const index = trajectory.indexOf(step);
    const previous = trajectory[index - 1];
    const isLast = index === trajectory.length - 1;
    if (previous && !previous.dueBy) {
      throw new Error(`Step ${index + 1} of the ${step.metricCode} trajectory follows a step with no due date.`);
    }
    if (!isLast && !step.dueBy) {
      throw new Error(
        `Step ${index + 1} of the ${step.metricCode} trajectory needs a due date: a later step follows it.`,
      );
    }
    return {
      step,
      position: index + 1,
      inForceFrom: previous?.dueBy ? addDays(previous.dueBy, 1) : mandateInForceFrom,
      inForceTo: isLast ? null : step.dueBy,
    };
  });
}

export interface MandateTargets {
  readonly mandateInForceFrom: string;
  readonly metricCodes: ReadonlySet<string>;
}

/**
 * The date an open-ended target of an earlier mandate stops being in force: the day before the
 * first later mandate that sets a target on the same metric comes into force; null if none does.
 */
export function replacedBy(
  metricCode: string,
  mandateInForceFrom: string,
  mandates: readonly MandateTargets[],
): string | null {
  const successors = mandates
    .filter((mandate) => mandate.mandateInForceFrom > mandateInForceFrom && mandate.metricCodes.has(metricCode))
    .map((mandate) => mandate.mandateInForceFrom)
    .sort();
  return successors[0] ? addDays(successors[0], -1) : null;
}
