import type { InputFieldBuilder } from '@pothos/core';
import type { builder } from '../builder.js';
import { OrganisationTypeEnum } from './enums.js';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/**
 * The fields every live-event filter shares: which organisations (by code, type or region) and
 * which metrics. Each list given must contain the event's value.
 */
export function eventScopeFields(
  t: InputFieldBuilder<BuilderTypes, 'InputObject'>,
  organisationTypesDescription: string,
) {
  return {
    odsCodes: t.stringList({ required: false, description: 'Only these organisations.' }),
    organisationTypes: t.field({
      type: [OrganisationTypeEnum],
      required: false,
      description: organisationTypesDescription,
    }),
    regionOdsCodes: t.stringList({
      required: false,
      description: 'Only organisations within these regions (their ICBs and providers).',
    }),
    ambulanceServices: t.boolean({
      required: false,
      description:
        'true: only the ambulance services (they are trusts, not ICBs; the default of ICBs does not then apply); false: only other organisations.',
    }),
    metricCodes: t.stringList({ required: false, description: 'Only these metrics ("AE_4HR").' }),
  };
}

/** ODS codes as stored: trimmed and upper-case. */
export function normaliseOdsCodes(codes: readonly string[] | null | undefined): string[] | null {
  return codes?.map((code) => code.trim().toUpperCase()) ?? null;
}
