import { toDbDate } from '../db/dates.js';
import type { Database } from '../db/database.js';
import type { Mandate, Milestone } from '../db/generated/prisma/client.js';
import { writeAudit, type AuditedAction } from './audit.js';
import type { InputProblem } from '../domain/errors.js';

const MAX_TITLE_LENGTH = 2_000;
const MAX_SUMMARY_LENGTH = 10_000;
const KEY_PATTERN = /^[a-z0-9][a-z0-9/_.-]{0,199}$/;

export interface NewMilestone {
  mandateSlug: string;
  /** Under this priority of the mandate; left out for a wider ambition or financial test (give `section`). */
  priorityOrdinal?: number | null;
  /** Nested under this milestone; left out for a top-level one; null when a global ID of another type was given. */
  parentId?: number | null;
  key: string;
  title: string;
  dueBy?: string | null;
  section?: string | null;
}

export interface MilestoneChanges {
  title?: string | null;
  dueBy?: string | null;
  section?: string | null;
}

export interface MandateChanges {
  title?: string | null;
  summary?: string | null;
}

/**
 * Mandates and milestones as admins change them: the words and dates, never what the seed's
 * documents are (a milestone keeps its mandate and source). Every attempt is audited.
 */
export function createMandateAdministration(db: Database, audit: (action: string) => AuditedAction) {
  const refuse = async <T>(action: string, errors: InputProblem[], detail: Record<string, unknown>, empty: T) => {
    await writeAudit(db.prisma, audit(action), { rows: 0, succeeded: false, detail: { ...detail, errors } });
    return { ...empty, errors };
  };
  const textProblems = (
    field: string,
    value: string | null | undefined,
    max: number,
    required: boolean,
  ): InputProblem[] => {
    if (value === null && required)
      return [{ field, code: 'MISSING_VALUE', message: `${field} cannot be cleared: leave it out to keep it.` }];
    if (typeof value === 'string' && value.trim() === '')
      return [{ field, code: 'MISSING_VALUE', message: `${field} cannot be blank.` }];
    if (typeof value === 'string' && value.length > max)
      return [{ field, code: 'TOO_LONG', message: `${field} is at most ${max.toLocaleString('en-GB')} characters.` }];
    return [];
  };

  return {
    async createMilestone(input: NewMilestone): Promise<{ milestone: Milestone | null; errors: InputProblem[] }> {
      const detail = { mandateSlug: input.mandateSlug, key: input.key };
      const mandate = await db.prisma.mandate.findUnique({
        where: { slug: input.mandateSlug },
        select: { id: true, sourceId: true },
      });
      const [priority, parent, existing] = await Promise.all([
        mandate && input.priorityOrdinal != null
          ? db.prisma.priority.findUnique({
              where: { mandateId_ordinal: { mandateId: mandate.id, ordinal: input.priorityOrdinal } },
            })
          : null,
        input.parentId != null ? db.prisma.milestone.findUnique({ where: { id: input.parentId } }) : null,
        db.prisma.milestone.findUnique({ where: { key: input.key.slice(0, 200) }, select: { id: true } }),
      ]);
      const errors: InputProblem[] = [
        ...(mandate
          ? []
          : [
              {
                field: 'mandateSlug',
                code: 'UNKNOWN_MANDATE',
                message: `There is no mandate "${input.mandateSlug.slice(0, 40)}".`,
              },
            ]),
        ...(input.priorityOrdinal != null && mandate && !priority
          ? [
              {
                field: 'priorityOrdinal',
                code: 'UNKNOWN_PRIORITY',
                message: `The mandate has no priority ${input.priorityOrdinal}.`,
              },
            ]
          : []),
        ...(input.parentId !== undefined && !parent
          ? [{ field: 'parentId', code: 'UNKNOWN_MILESTONE', message: 'There is no milestone with that ID.' }]
          : []),
        ...(parent && mandate && parent.mandateId !== mandate.id
          ? [
              {
                field: 'parentId',
                code: 'INVALID_PARENT',
                message: 'A milestone nests only under a milestone of the same mandate.',
              },
            ]
          : []),
        ...(KEY_PATTERN.test(input.key)
          ? []
          : [
              {
                field: 'key',
                code: 'INVALID_KEY',
                message:
                  'A key is lower-case letters, digits and / _ . -, at most 200 characters ("2023/p1/new-milestone").',
              },
            ]),
        ...(existing
          ? [{ field: 'key', code: 'DUPLICATE_KEY', message: `A milestone with key "${input.key}" exists already.` }]
          : []),
        ...textProblems('title', input.title, MAX_TITLE_LENGTH, true),
        ...textProblems('section', input.section, 200, false),
      ];
      if (errors.length > 0 || !mandate) return refuse('createMilestone', errors, detail, { milestone: null });
      const milestone = await db.prisma.$transaction(async (tx) => {
        // A nested milestone serves its parent's priority; the new one goes last among its siblings.
        const priorityId = parent ? parent.priorityId : (priority?.id ?? null);
        const siblings = await tx.milestone.aggregate({
          where: { mandateId: mandate.id, priorityId, parentId: parent?.id ?? null },
          _max: { ordinal: true },
        });
        const created = await tx.milestone.create({
          data: {
            key: input.key,
            mandateId: mandate.id,
            priorityId,
            parentId: parent?.id ?? null,
            ordinal: (siblings._max.ordinal ?? 0) + 1,
            section: input.section ?? null,
            title: input.title,
            dueBy: toDbDate(input.dueBy),
            sourceId: mandate.sourceId,
          },
        });
        await writeAudit(tx, audit('createMilestone'), {
          rows: 1,
          succeeded: true,
          detail: { ...detail, milestoneId: created.id },
        });
        return created;
      });
      return { milestone, errors: [] };
    },

    /** `id` null: a global ID of another type was given. */
    async updateMilestone(
      id: number | null,
      changes: MilestoneChanges,
    ): Promise<{ milestone: Milestone | null; errors: InputProblem[] }> {
      const existing = id === null ? null : await db.prisma.milestone.findUnique({ where: { id } });
      if (!existing)
        return refuse(
          'updateMilestone',
          [{ field: 'id', code: 'UNKNOWN_MILESTONE', message: 'There is no milestone with that ID.' }],
          { milestoneId: id },
          { milestone: null },
        );
      const errors = [
        ...textProblems('title', changes.title, MAX_TITLE_LENGTH, true),
        ...textProblems('section', changes.section, 200, false),
      ];
      if (errors.length > 0)
        return refuse('updateMilestone', errors, { milestoneId: id, changes }, { milestone: null });
      const milestone = await db.prisma.$transaction(async (tx) => {
        const updated = await tx.milestone.update({
          where: { id: existing.id },
          data: {
            ...(changes.title ? { title: changes.title } : {}),
            ...(changes.dueBy !== undefined ? { dueBy: toDbDate(changes.dueBy) } : {}),
            ...(changes.section !== undefined ? { section: changes.section } : {}),
          },
        });
        await writeAudit(tx, audit('updateMilestone'), {
          rows: 1,
          succeeded: true,
          detail: {
            milestoneId: existing.id,
            changes,
            before: { title: existing.title, dueBy: existing.dueBy, section: existing.section },
          },
        });
        return updated;
      });
      return { milestone, errors: [] };
    },

    async updateMandate(
      slug: string,
      changes: MandateChanges,
    ): Promise<{ mandate: Mandate | null; errors: InputProblem[] }> {
      const existing = await db.prisma.mandate.findUnique({ where: { slug } });
      if (!existing)
        return refuse(
          'updateMandate',
          [{ field: 'slug', code: 'UNKNOWN_MANDATE', message: `There is no mandate "${slug.slice(0, 40)}".` }],
          { slug: slug.slice(0, 40) },
          { mandate: null },
        );
      const errors = [
        ...textProblems('title', changes.title, MAX_TITLE_LENGTH, true),
        ...textProblems('summary', changes.summary, MAX_SUMMARY_LENGTH, true),
      ];
      if (errors.length > 0) return refuse('updateMandate', errors, { slug }, { mandate: null });
      const mandate = await db.prisma.$transaction(async (tx) => {
        const updated = await tx.mandate.update({
          where: { id: existing.id },
          data: {
            ...(changes.title ? { title: changes.title } : {}),
            ...(changes.summary ? { summary: changes.summary } : {}),
          },
        });
        await writeAudit(tx, audit('updateMandate'), {
          rows: 1,
          succeeded: true,
          detail: { slug, before: { title: existing.title } },
        });
        return updated;
      });
      return { mandate, errors: [] };
    },
  };
}
