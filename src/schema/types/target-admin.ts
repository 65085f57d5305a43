import type { InputProblem } from '../../domain/errors.js';
import { builder } from '../builder.js';
import { ComparatorEnum, OrganisationTypeEnum } from './enums.js';
import { MilestoneRef } from './milestone.js';
import { TargetRef } from './target.js';
import { changePayload, InputErrorRef } from './input-error.js';
import { rowIdOf } from '../global-ids.js';

const TargetScopeInput = builder.inputType('TargetScopeInput', {
  description: 'Whom a target applies to: every organisation of a type, or one organisation. Give one of the two.',
  fields: (t) => ({
    organisationType: t.field({
      type: OrganisationTypeEnum,
      required: false,
      description: 'Every organisation of this type.',
    }),
    odsCode: t.string({ required: false, description: 'One organisation, by ODS code (X24 for England as a whole).' }),
  }),
});

const CreateTargetInput = builder.inputType('CreateTargetInput', {
  description: "A new target: the next step of the milestone's trajectory on the metric.",
  fields: (t) => ({
    milestoneId: t.globalID({ required: true, description: 'The milestone that sets it (its global ID).' }),
    metricCode: t.string({ required: true, description: 'The metric it is a threshold on ("AE_4HR").' }),
    comparator: t.field({ type: ComparatorEnum, required: true, description: 'AT_LEAST or AT_MOST the value.' }),
    value: t.float({ required: true, description: "The threshold, in the metric's unit (0–100 for a percentage)." }),
    inForceFrom: t.field({
      type: 'Date',
      required: false,
      description: 'First day it is in force; open when left out.',
    }),
    inForceTo: t.field({ type: 'Date', required: false, description: 'Last day it is in force; open when left out.' }),
    dueBy: t.field({ type: 'Date', required: false, description: 'When the threshold is due to be met.' }),
    note: t.string({
      required: false,
      description: 'Why it has the dates or value it has (at most 2,000 characters).',
    }),
    appliesTo: t.field({
      type: [TargetScopeInput],
      required: true,
      description: 'Whom it applies to (at least one entry, at most 50).',
    }),
  }),
});

const UpdateTargetInput = builder.inputType('UpdateTargetInput', {
  description: 'Changes to a target: a field left out stays as it is; a date given as null is cleared.',
  fields: (t) => ({
    comparator: t.field({ type: ComparatorEnum, required: false, description: 'AT_LEAST or AT_MOST.' }),
    value: t.float({ required: false, description: 'The new threshold.' }),
    inForceFrom: t.field({ type: 'Date', required: false, description: 'First day it is in force; null to open it.' }),
    inForceTo: t.field({
      type: 'Date',
      required: false,
      description: 'Last day it is in force (set it to end a target); null to open it.',
    }),
    dueBy: t.field({
      type: 'Date',
      required: false,
      description: 'When the threshold is due to be met; null to clear it.',
    }),
    note: t.string({ required: false, description: 'Why it has the dates or value it has; null to clear it.' }),
  }),
});

const TargetPayload = changePayload<{ target: unknown; errors: InputProblem[] }>(
  'TargetPayload',
  'target',
  'target',
  TargetRef,
);

const DeleteTargetPayload = builder
  .objectRef<{ deleted: boolean; errors: InputProblem[] }>('DeleteTargetPayload')
  .implement({
    description: 'Whether the target was deleted.',
    fields: (t) => ({
      deleted: t.exposeBoolean('deleted', { description: 'True when it is gone.' }),
      errors: t.field({
        type: [InputErrorRef],
        description: 'Why not, when it was not.',
        resolve: (payload) => payload.errors,
      }),
    }),
  });

builder.mutationFields((t) => ({
  createTarget: t.field({
    type: TargetPayload,
    description:
      'Adds a target to a milestone (admins only): the next step of its trajectory on the metric. It judges values written from then on; the crossing log keeps what was judged before.',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateTargetInput, required: true, description: 'The target.' }) },
    resolve: (_root, { input }, context) =>
      context.services.targets.create({ ...input, milestoneId: rowIdOf(input.milestoneId, MilestoneRef.name) }),
  }),
  updateTarget: t.field({
    type: TargetPayload,
    description:
      "Changes a target's threshold or dates (admins only). Values judged before keep their crossings; later ones are judged by the change.",
    authScopes: { admin: true },
    args: {
      id: t.arg.globalID({ required: true, description: 'The target (its global ID).' }),
      input: t.arg({ type: UpdateTargetInput, required: true, description: 'What to change.' }),
    },
    resolve: (_root, { id, input }, context) => context.services.targets.update(rowIdOf(id, TargetRef.name), input),
  }),
  deleteTarget: t.field({
    type: DeleteTargetPayload,
    description:
      'Deletes a target that has judged no crossings (admins only); one that has is history: end it with updateTarget(inForceTo).',
    authScopes: { admin: true },
    args: { id: t.arg.globalID({ required: true, description: 'The target (its global ID).' }) },
    resolve: (_root, { id }, context) => context.services.targets.delete(rowIdOf(id, TargetRef.name)),
  }),
}));
