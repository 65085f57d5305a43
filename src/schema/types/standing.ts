import type { TargetStanding } from '../../services/standing.js';
import { builder } from '../builder.js';
import { TargetStateEnum } from './enums.js';
import { MeasurementRef } from './measurement.js';
import { TargetRef } from './target.js';

// Declared before it is implemented so that its type does not depend on Measurement's, which
// refers back to it.
export const TargetStandingRef = builder.objectRef<TargetStanding>('TargetStanding');

TargetStandingRef.implement({
  description: 'Where an organisation stands against the target that applies to it for a period.',
  fields: (t) => ({
    state: t.expose('state', { type: TargetStateEnum, description: 'MEETING, NOT_MEETING or NO_DATA.' }),
    period: t.exposeString('period', { nullable: true, description: 'The period judged; null when there is no data.' }),
    target: t.field({
      type: TargetRef,
      description: 'The target that applies.',
      resolve: (standing) => standing.target,
    }),
    threshold: t.float({ description: "The target's threshold.", resolve: (standing) => standing.target.value }),
    value: t.float({
      nullable: true,
      description: 'The value judged; null when there is no data.',
      resolve: (standing) => standing.measurement?.value ?? null,
    }),
    measurement: t.field({
      type: MeasurementRef,
      nullable: true,
      description: 'The measurement judged; null when there is no data.',
      resolve: (standing) => standing.measurement,
    }),
    distanceToThreshold: t.exposeFloat('distanceToThreshold', {
      nullable: true,
      description:
        "How far the value is from the threshold in the metric's unit: positive when meeting with room to spare, negative by the shortfall.",
    }),
  }),
});
