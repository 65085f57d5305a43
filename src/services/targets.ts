import { fromDbDate, toDbDate } from '../db/dates.js';
import type { Database } from '../db/database.js';
import type { OrganisationType, Target } from '../db/generated/prisma/client.js';
import { definitionProblems, type Comparator, type TargetDefinition } from '../domain/target.js';
import { writeAudit, type AuditedAction } from './audit.js';
import type { InputProblem } from '../domain/errors.js';

export type TargetScopeInput = { organisationType?: OrganisationType | null; odsCode?: string | null };

export interface NewTarget {
  /** Null: a global ID of another type was given. */
  milestoneId: number | null;
  metricCode: string;
  comparator: Comparator;
  value: number;
  inForceFrom?: string | null;
  inForceTo?: string | null;
  dueBy?: string | null;
  note?: string | null;
  appliesTo: readonly TargetScopeInput[];
}

/** Changes to a target; a field left out stays as it is, a date given as null is cleared. */
export interface TargetChanges {
  comparator?: Comparator | null;
  value?: number | null;
  inForceFrom?: string | null;
  inForceTo?: string | null;
  dueBy?: string | null;
  note?: string | null;
}

export type TargetOutcome = { target: Target | null; errors: InputProblem[] };

const MAX_NOTE_LENGTH = 2_000;
const MAX_SCOPES = 50;

/**
 * Targets as admins manage them. A change takes effect for what is judged from then on: stored
 * series states and the crossing log stay as they were judged (the log is history), and the next
 * value written for a series is judged against the target then in force.
 */
export function createTargetAdministration(db: Database, audit: (action: string) => AuditedAction) {
  /** Refusals are audited too, with what was asked. */
  const refuse = async (
    action: string,
    errors: InputProblem[],
    detail: Record<string, unknown>,
  ): Promise<TargetOutcome> => {
    await writeAudit(db.prisma, audit(action), { rows: 0, succeeded: false, detail: { ...detail, errors } });
    return { target: null, errors };
  };

  return {
    async create(input: NewTarget): Promise<TargetOutcome> {
      const detail = { milestoneId: input.milestoneId, metricCode: input.metricCode, value: input.value };
      const [milestone, metric] = await Promise.all([
        input.milestoneId === null
          ? null
          : db.prisma.milestone.findUnique({ where: { id: input.milestoneId }, select: { id: true, sourceId: true } }),
        db.prisma.metric.findUnique({ where: { code: input.metricCode }, select: { id: true, unit: true } }),
      ]);
      const definition = {
        comparator: input.comparator,
        value: input.value,
        inForceFrom: input.inForceFrom ?? null,
        inForceTo: input.inForceTo ?? null,
        dueBy: input.dueBy ?? null,
      };
      const errors: InputProblem[] = [
        ...(milestone
          ? []
          : [{ field: 'milestoneId', code: 'UNKNOWN_MILESTONE', message: 'There is no milestone with that ID.' }]),
        ...(metric
          ? definitionProblems(definition, metric.unit)
          : [
              {
                field: 'metricCode',
                code: 'UNKNOWN_METRIC',
                message: `There is no metric with code "${input.metricCode.slice(0, 50)}".`,
              },
            ]),
        ...noteProblems(input.note),
      ];
      const { scopes, problems } = await resolveScopes(db, input.appliesTo);
      errors.push(...problems);
      if (errors.length > 0 || !milestone || !metric) return refuse('createTarget', errors, detail);
      const target = await db.prisma.$transaction(async (tx) => {
        // The next step of this milestone's trajectory on the metric.
        const last = await tx.target.aggregate({
          where: { milestoneId: milestone.id, metricId: metric.id },
          _max: { step: true },
        });
        const created = await tx.target.create({
          data: {
            milestoneId: milestone.id,
            metricId: metric.id,
            comparator: input.comparator,
            value: input.value,
            step: (last._max.step ?? 0) + 1,
            inForceFrom: toDbDate(definition.inForceFrom),
            inForceTo: toDbDate(definition.inForceTo),
            dueBy: toDbDate(definition.dueBy),
            note: input.note ?? null,
            sourceId: milestone.sourceId,
            scopes: { create: scopes },
          },
        });
        await writeAudit(tx, audit('createTarget'), {
          rows: 1,
          succeeded: true,
          detail: { ...detail, targetId: created.id, step: created.step },
        });
        return created;
      });
      return { target, errors: [] };
    },

    /** `id` null: a global ID of another type was given. */
    async update(id: number | null, changes: TargetChanges): Promise<TargetOutcome> {
      const existing =
        id === null
          ? null
          : await db.prisma.target.findUnique({ where: { id }, include: { metric: { select: { unit: true } } } });
      if (!existing)
        return refuse(
          'updateTarget',
          [{ field: 'id', code: 'UNKNOWN_TARGET', message: 'There is no target with that ID.' }],
          { targetId: id },
        );
      const errors: InputProblem[] = [];
      if (changes.comparator === null)
        errors.push({
          field: 'comparator',
          code: 'MISSING_VALUE',
          message: 'A target always has a comparator: leave it out to keep it.',
        });
      if (changes.value === null)
        errors.push({
          field: 'value',
          code: 'MISSING_VALUE',
          message: 'A target always has a value: leave it out to keep it.',
        });
      const definition: TargetDefinition = {
        comparator: changes.comparator ?? existing.comparator,
        value: changes.value ?? existing.value,
        inForceFrom: changes.inForceFrom === undefined ? fromDbDate(existing.inForceFrom) : changes.inForceFrom,
        inForceTo: changes.inForceTo === undefined ? fromDbDate(existing.inForceTo) : changes.inForceTo,
        dueBy: changes.dueBy === undefined ? fromDbDate(existing.dueBy) : changes.dueBy,
      };
      errors.push(...definitionProblems(definition, existing.metric.unit), ...noteProblems(changes.note));
      const detail = { targetId: id, changes };
      if (errors.length > 0) return refuse('updateTarget', errors, detail);
      const target = await db.prisma.$transaction(async (tx) => {
        const updated = await tx.target.update({
          where: { id: existing.id },
          data: {
            comparator: definition.comparator,
            value: definition.value,
            inForceFrom: toDbDate(definition.inForceFrom),
            inForceTo: toDbDate(definition.inForceTo),
            dueBy: toDbDate(definition.dueBy),
            ...(changes.note !== undefined ? { note: changes.note } : {}),
          },
        });
        await writeAudit(tx, audit('updateTarget'), {
          rows: 1,
          succeeded: true,
          detail: {
            ...detail,
            before: {
              comparator: existing.comparator,
              value: existing.value,
              inForceFrom: fromDbDate(existing.inForceFrom),
              inForceTo: fromDbDate(existing.inForceTo),
            },
          },
        });
        return updated;
      });
      return { target, errors: [] };
    },

    /** Deletes a target nothing has been judged by; one with crossings is history: end it with inForceTo instead. */
    async delete(id: number | null): Promise<{ deleted: boolean; errors: InputProblem[] }> {
      const existing =
        id === null
          ? null
          : await db.prisma.target.findUnique({
              where: { id },
              select: { id: true, _count: { select: { crossings: true } } },
            });
      const refused = (error: InputProblem) =>
        refuse('deleteTarget', [error], { targetId: id }).then(({ errors }) => ({ deleted: false, errors }));
      if (!existing)
        return refused({ field: 'id', code: 'UNKNOWN_TARGET', message: 'There is no target with that ID.' });
      const crossings = existing._count.crossings;
      if (crossings > 0)
        return refused({
          field: 'id',
          code: 'TARGET_IN_USE',
          message: `This target has judged ${crossings} crossings, which the log keeps: set inForceTo to end it instead.`,
        });
      await db.prisma.$transaction(async (tx) => {
        await tx.target.delete({ where: { id: existing.id } });
        await writeAudit(tx, audit('deleteTarget'), { rows: 1, succeeded: true, detail: { targetId: existing.id } });
      });
      return { deleted: true, errors: [] };
    },
  };
}

function noteProblems(note: string | null | undefined): InputProblem[] {
  return note && note.length > MAX_NOTE_LENGTH
    ? [{ field: 'note', code: 'TOO_LONG', message: `A note is at most ${MAX_NOTE_LENGTH} characters.` }]
    : [];
}

/** Whom a new target applies to: each entry names an organisation type or one organisation, not both. */
async function resolveScopes(db: Database, appliesTo: readonly TargetScopeInput[]) {
  const problems: InputProblem[] = [];
  if (appliesTo.length === 0)
    problems.push({
      field: 'appliesTo',
      code: 'MISSING_VALUE',
      message: 'Say whom the target applies to: an organisation type or organisations.',
    });
  if (appliesTo.length > MAX_SCOPES)
    problems.push({
      field: 'appliesTo',
      code: 'OUT_OF_RANGE',
      message: `A target applies to at most ${MAX_SCOPES} entries.`,
    });
  const odsCodes = appliesTo.flatMap((scope) => (scope.odsCode ? [scope.odsCode] : []));
  const known = new Map(
    (
      await db.prisma.organisation.findMany({
        where: { odsCode: { in: odsCodes.slice(0, MAX_SCOPES) } },
        select: { id: true, odsCode: true },
      })
    ).map((o) => [o.odsCode, o.id]),
  );
  const scopes = appliesTo.flatMap(
    (scope, index): { organisationType?: OrganisationType; organisationId?: number }[] => {
      const field = `appliesTo.${index}`;
      if (Boolean(scope.organisationType) === Boolean(scope.odsCode)) {
        problems.push({ field, code: 'INVALID_SCOPE', message: 'Give either organisationType or odsCode.' });
        return [];
      }
      if (scope.organisationType) return [{ organisationType: scope.organisationType }];
      const organisationId = known.get(scope.odsCode!);
      if (organisationId === undefined) {
        problems.push({
          field,
          code: 'UNKNOWN_ORGANISATION',
          message: `There is no organisation with ODS code "${scope.odsCode!.slice(0, 20)}".`,
        });
        return [];
      }
      return [{ organisationId }];
    },
  );
  const distinct = new Set(scopes.map((scope) => JSON.stringify(scope)));
  if (distinct.size < scopes.length)
    problems.push({
      field: 'appliesTo',
      code: 'DUPLICATE_ROW',
      message: 'Each organisation or type may be named once.',
    });
  return { scopes, problems };
}
