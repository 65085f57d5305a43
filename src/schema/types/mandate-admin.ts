import type { Mandate, Milestone } from '../../db/generated/prisma/client.js';
import type { InputProblem } from '../../domain/errors.js';
import { builder } from '../builder.js';
import { changePayload } from './input-error.js';
import { MandateRef } from './mandate.js';
import { MilestoneRef } from './milestone.js';
import { rowIdOf } from '../global-ids.js';

const CreateMilestoneInput = builder.inputType('CreateMilestoneInput', {
  description:
    'A new milestone of a mandate: under one of its priorities, nested under another milestone, or outside the priorities (give a section).',
  fields: (t) => ({
    mandateSlug: t.string({ required: true, description: 'The mandate ("2023").' }),
    priorityOrdinal: t.int({ required: false, description: 'The priority it serves, by number.' }),
    parentId: t.globalID({
      required: false,
      description: "The milestone it is nested under (its global ID); it then serves that milestone's priority.",
    }),
    key: t.string({
      required: true,
      description: 'A stable key: lower-case letters, digits and / _ . - ("2023/p1/new-milestone").',
    }),
    title: t.string({ required: true, description: "The commitment in the mandate's words." }),
    dueBy: t.field({ type: 'Date', required: false, description: 'When it is due.' }),
    section: t.string({ required: false, description: 'The heading it stands under, for one outside every priority.' }),
  }),
});

const UpdateMilestoneInput = builder.inputType('UpdateMilestoneInput', {
  description: 'Changes to a milestone: a field left out stays as it is; dueBy or section given as null is cleared.',
  fields: (t) => ({
    title: t.string({ required: false, description: 'Its words.' }),
    dueBy: t.field({ type: 'Date', required: false, description: 'When it is due.' }),
    section: t.string({ required: false, description: 'The heading it stands under.' }),
  }),
});

const UpdateMandateInput = builder.inputType('UpdateMandateInput', {
  description: "Changes to a mandate's words: a field left out stays as it is.",
  fields: (t) => ({
    title: t.string({ required: false, description: 'Its title.' }),
    summary: t.string({ required: false, description: 'What it asks, in its own words.' }),
  }),
});

const MilestonePayload = changePayload<{ milestone: Milestone | null; errors: InputProblem[] }>(
  'MilestonePayload',
  'milestone',
  'milestone',
  MilestoneRef,
);
const MandatePayload = changePayload<{ mandate: Mandate | null; errors: InputProblem[] }>(
  'MandatePayload',
  'mandate',
  'mandate',
  MandateRef,
);

builder.mutationFields((t) => ({
  createMilestone: t.field({
    type: MilestonePayload,
    description:
      'Adds a milestone to a mandate (admins only), last among its siblings; give it targets with createTarget.',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateMilestoneInput, required: true, description: 'The milestone.' }) },
    resolve: (_root, { input }, context) =>
      context.services.mandates.createMilestone({
        ...input,
        parentId: input.parentId ? rowIdOf(input.parentId, MilestoneRef.name) : undefined,
      }),
  }),
  updateMilestone: t.field({
    type: MilestonePayload,
    description: "Changes a milestone's words, due date or section (admins only).",
    authScopes: { admin: true },
    args: {
      id: t.arg.globalID({ required: true, description: 'The milestone (its global ID).' }),
      input: t.arg({ type: UpdateMilestoneInput, required: true, description: 'What to change.' }),
    },
    resolve: (_root, { id, input }, context) =>
      context.services.mandates.updateMilestone(rowIdOf(id, MilestoneRef.name), input),
  }),
  updateMandate: t.field({
    type: MandatePayload,
    description: "Changes a mandate's title or summary (admins only).",
    authScopes: { admin: true },
    args: {
      slug: t.arg.string({ required: true, description: 'The mandate ("2023").' }),
      input: t.arg({ type: UpdateMandateInput, required: true, description: 'What to change.' }),
    },
    resolve: (_root, { slug, input }, context) => context.services.mandates.updateMandate(slug, input),
  }),
}));
