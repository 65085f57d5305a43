import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Prisma, Watch, WatchSeries, WatchSilence } from '../db/generated/prisma/client.js';
import { actorOf, type Viewer } from '../domain/access.js';
import type { OrganisationSelection } from '../domain/crossing-filter.js';
import { DomainError, type InputProblem } from '../domain/errors.js';
import { MINIMUM_POINTS, RECOMMENDED_POINTS, type SpcOptions, type SpcRule } from '../domain/spc.js';
import type { WatchCondition, WatchEventRoute, WatchFollowing } from '../domain/watch.js';
import type { EventBus } from '../events/bus.js';
import { organisationWhere } from '../events/crossing-log.js';
import { endableStream, type LogPage } from '../events/log-tail.js';
import type { LiveEventRows } from '../events/shared-rows.js';
import {
  appendWatchEvents,
  countWatchEvents,
  readWatchEventPage,
  resolveWatchCursor,
  watchEventStream,
  type WatchLogTail,
} from '../events/watch-log.js';
import { writeAudit, type AuditedAction } from './audit.js';
import { appliesTo } from '../domain/target.js';
import { advanceWatchSeries, milestoneAt, placesOf } from './evaluate-watches.js';
import { conditionSchema, labelsSchema, readWatch, selectionSchema, type WatchDefinition } from './watch-definition.js';

export interface WatchLimits {
  /** The most watches one key (or identity) may own. */
  watchesPerOwner: number;
  /** The most organisations one watch may select. */
  seriesPerWatch: number;
  /** The most series (organisations selected) one key's watches may hold in all. */
  seriesPerOwner: number;
}

export const DEFAULT_WATCH_LIMITS: WatchLimits = {
  watchesPerOwner: 100,
  seriesPerWatch: 1_000,
  seriesPerOwner: 10_000,
};
/** The longest a silence may last. */
export const MAX_SILENCE_DAYS = 90;

export class UnknownWatchError extends DomainError {
  readonly code = 'UNKNOWN_WATCH';
}

export class TooManyWatchesError extends DomainError {
  readonly code = 'TOO_MANY_WATCHES';
}

export class WatchOfAnotherKeyError extends DomainError {
  readonly code = 'WATCH_OF_ANOTHER_KEY';
}

/** A condition as callers give it: its kind, and the threshold or SPC settings that kind needs. */
export interface WatchConditionInput {
  kind: WatchCondition['kind'];
  threshold?:
    { comparator: 'ABOVE' | 'BELOW'; value: number; clearingMargin?: number | null | undefined } | null | undefined;
  spc?: { rules?: readonly SpcRule[] | null | undefined; options?: SpcOptions | null | undefined } | null | undefined;
}

export interface WatchInput {
  name: string;
  metricCode: string;
  selection?: OrganisationSelection | null | undefined;
  condition: WatchConditionInput;
  forPeriods?: number | null | undefined;
  keepFiringForPeriods?: number | null | undefined;
  labels?: readonly { name: string; value: string }[] | null | undefined;
}

/** Changes to a watch: a field left out stays as it is. */
export type WatchChanges = Partial<WatchInput>;

export type WatchOutcome = { watch: Watch | null; errors: InputProblem[] };

const inputSchema = z.object({
  name: z.string().trim().min(1, 'A watch needs a name.').max(200, 'A name is at most 200 characters.'),
  metricCode: z.string().min(1).max(50),
  forPeriods: z
    .number()
    .int()
    .min(1, 'forPeriods is at least 1 (1: fire at the first period the condition holds).')
    .max(24, 'forPeriods is at most 24.'),
  keepFiringForPeriods: z
    .number()
    .int()
    .min(0, 'keepFiringForPeriods cannot be negative.')
    .max(24, 'keepFiringForPeriods is at most 24.'),
  condition: conditionSchema,
  labels: labelsSchema,
});

/** Thrown inside a transaction to undo it; carries the problems back out. */
class Refused extends Error {
  constructor(readonly problems: InputProblem[]) {
    super('refused');
  }
}

const problem = (field: string | null, code: string, message: string): InputProblem => ({ field, code, message });

/** A caller's condition in the stored shape; problems when the kind and its settings disagree. */
function conditionOf(input: WatchConditionInput): WatchCondition | InputProblem {
  switch (input.kind) {
    case 'TARGET':
      if (input.threshold || input.spc)
        return problem(
          'condition',
          'INVALID_CONDITION',
          'A TARGET condition takes neither a threshold nor SPC settings: it judges by the target in force.',
        );
      return { kind: 'TARGET' };
    case 'THRESHOLD':
      if (!input.threshold || input.spc)
        return problem(
          'condition.threshold',
          'INVALID_CONDITION',
          'A THRESHOLD condition needs `threshold` (and no SPC settings).',
        );
      return {
        kind: 'THRESHOLD',
        comparator: input.threshold.comparator,
        value: input.threshold.value,
        clearingMargin: input.threshold.clearingMargin ?? 0,
      };
    case 'SPC':
      if (input.threshold)
        return problem('condition.threshold', 'INVALID_CONDITION', 'An SPC condition takes no threshold.');
      return {
        kind: 'SPC',
        rules: input.spc?.rules && input.spc.rules.length > 0 ? [...new Set(input.spc.rules)] : null,
        options: input.spc?.options ?? {},
      };
  }
}

/** The selection as stored: codes normalised, and ICBs when it names no organisations, types or ambulance services. */
function storedSelection(selection: OrganisationSelection | null | undefined): z.infer<typeof selectionSchema> {
  const codes = (list: readonly string[] | null | undefined) =>
    list && list.length > 0 ? [...new Set(list.map((code) => code.trim().toUpperCase()))] : null;
  const odsCodes = codes(selection?.odsCodes);
  const organisationTypes =
    selection?.organisationTypes && selection.organisationTypes.length > 0
      ? [...new Set(selection.organisationTypes)]
      : null;
  const ambulanceServices = selection?.ambulanceServices ?? null;
  return {
    odsCodes,
    organisationTypes: organisationTypes ?? (odsCodes || ambulanceServices === true ? null : ['ICB']),
    regionOdsCodes: codes(selection?.regionOdsCodes),
    ambulanceServices,
  };
}

const fieldCode = (field: string) => `INVALID_${field.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;

/**
 * Watches as their owners manage them, and their events as subscribers and queries read them.
 * A watch belongs to the key (or identity) that made it; admins see and manage every one. Every
 * change is audited, refusals too; a refused change writes nothing.
 */
export function createWatchService({
  db,
  bus,
  tail,
  rows,
  viewer,
  now,
  audit,
  limits = DEFAULT_WATCH_LIMITS,
}: {
  db: Database;
  bus: EventBus;
  tail: WatchLogTail;
  rows: LiveEventRows;
  viewer: Viewer;
  now: () => Date;
  audit: (action: string) => AuditedAction;
  limits?: WatchLimits;
}) {
  const owner = actorOf(viewer);
  const isAdmin = viewer.kind !== 'anonymous' && viewer.role === 'ADMIN';
  const visible: { owner?: string } = isAdmin ? {} : { owner };

  const refuse = async <T extends object>(
    action: string,
    errors: InputProblem[],
    detail: Record<string, unknown>,
    empty: T,
  ): Promise<T & { errors: InputProblem[] }> => {
    await writeAudit(db.prisma, audit(action), { rows: 0, succeeded: false, detail: { ...detail, errors } });
    return { ...empty, errors };
  };

  /** The watch, if it exists and the caller may manage it; otherwise the problem. */
  async function ownWatch(
    id: number | null,
    client: Pick<Prisma.TransactionClient, 'watch'> = db.prisma,
  ): Promise<Watch | InputProblem> {
    const watch = id === null ? null : await client.watch.findUnique({ where: { id } });
    if (!watch) return problem('id', 'UNKNOWN_WATCH', 'There is no watch with that ID.');
    if (!isAdmin && watch.owner !== owner)
      return problem(
        'id',
        'WATCH_OF_ANOTHER_KEY',
        'That watch belongs to another key: only its owner (or an admin) may see or change it.',
      );
    return watch;
  }

  /** Checks a whole definition; the row to store and the watch as evaluation takes it, or every problem found. */
  async function definitionOf(
    input: WatchInput,
  ): Promise<
    | { data: Omit<Prisma.WatchUncheckedCreateInput, 'owner' | 'updatedAt'>; watch: Omit<WatchDefinition, 'id'> }
    | InputProblem[]
  > {
    const condition = conditionOf(input.condition);
    const labels = Object.fromEntries((input.labels ?? []).map((label) => [label.name, label.value]));
    const parsed = inputSchema.safeParse({
      name: input.name,
      metricCode: input.metricCode,
      forPeriods: input.forPeriods ?? 1,
      keepFiringForPeriods: input.keepFiringForPeriods ?? 0,
      condition: 'kind' in condition ? condition : { kind: 'TARGET' },
      labels,
    });
    const problems: InputProblem[] = parsed.success
      ? []
      : parsed.error.issues.map((issue) =>
          problem(issue.path.join('.') || null, fieldCode(String(issue.path[0] ?? 'input')), issue.message),
        );
    if (!('kind' in condition)) problems.push(condition);
    if ((input.labels?.length ?? 0) !== Object.keys(labels).length)
      problems.push(problem('labels', 'DUPLICATE_LABEL', 'Each label name may be given once.'));
    const selection = storedSelection(input.selection);
    const named = [...(selection.odsCodes ?? []), ...(selection.regionOdsCodes ?? [])];
    const [metric, known] = await Promise.all([
      db.prisma.metric.findUnique({ where: { code: input.metricCode }, select: { id: true } }),
      named.length > 0
        ? db.prisma.organisation.findMany({ where: { odsCode: { in: named } }, select: { odsCode: true } })
        : [],
    ]);
    if (!metric)
      problems.push(
        problem('metricCode', 'UNKNOWN_METRIC', `There is no metric with code "${input.metricCode.slice(0, 50)}".`),
      );
    const unknown = named.filter((code) => !known.some((organisation) => organisation.odsCode === code));
    if (unknown.length > 0)
      problems.push(
        problem(
          'selection',
          'UNKNOWN_ORGANISATION',
          `There is no organisation with ODS code ${unknown
            .slice(0, 5)
            .map((code) => `"${code.slice(0, 20)}"`)
            .join(', ')}.`,
        ),
      );
    if (problems.length > 0 || !parsed.success || !metric) return problems;
    return {
      data: {
        name: parsed.data.name,
        metricId: metric.id,
        selection,
        condition: parsed.data.condition,
        forPeriods: parsed.data.forPeriods,
        keepFiringForPeriods: parsed.data.keepFiringForPeriods,
        labels: parsed.data.labels,
      },
      watch: {
        metricId: metric.id,
        selection,
        condition: parsed.data.condition,
        timing: { forPeriods: parsed.data.forPeriods, keepFiringForPeriods: parsed.data.keepFiringForPeriods },
        labels: parsed.data.labels,
      },
    };
  }

  /**
   * Stores a definition and evaluates the history at once, quietly: the watch starts from the
   * states the data puts its series in, with no events for what happened before it. Checks the
   * limits and, for an SPC watch, that some series is long enough to chart.
   */
  async function store(
    tx: Prisma.TransactionClient,
    watchOwner: string,
    existing: Watch | null,
    definition: Exclude<Awaited<ReturnType<typeof definitionOf>>, InputProblem[]>,
  ): Promise<Watch> {
    // One writer per owner at a time, so that two creations cannot both slip under a limit.
    await tx.$queryRawUnsafe('SELECT 1 AS locked FROM pg_advisory_xact_lock(842025, hashtext($1))', watchOwner);
    const organisations = await placesOf(tx, organisationWhere(definition.watch.selection));
    const problems: InputProblem[] = [];
    if (organisations.length === 0)
      problems.push(problem('selection', 'NO_ORGANISATIONS', 'The selection covers no organisation.'));
    if (organisations.length > limits.seriesPerWatch) {
      problems.push(
        problem(
          'selection',
          'TOO_MANY_SERIES',
          `The selection covers ${organisations.length} organisations; a watch may cover at most ${limits.seriesPerWatch}: narrow it (by region or type).`,
        ),
      );
    }
    const others = { owner: watchOwner, ...(existing ? { id: { not: existing.id } } : {}) };
    const [watches, series] = await Promise.all([
      tx.watch.count({ where: others }),
      tx.watchSeries.count({ where: { watch: others } }),
    ]);
    if (!existing && watches >= limits.watchesPerOwner)
      problems.push(
        problem(null, 'TOO_MANY_WATCHES', `A key may own at most ${limits.watchesPerOwner} watches; delete one first.`),
      );
    if (series + organisations.length > limits.seriesPerOwner) {
      problems.push(
        problem(
          'selection',
          'TOO_MANY_SERIES',
          `This key's watches would hold ${series + organisations.length} series; a key may hold at most ${limits.seriesPerOwner}.`,
        ),
      );
    }
    const parsed = definition.watch;
    if (parsed.condition.kind === 'TARGET') {
      const targets = await tx.target.findMany({ where: { metricId: parsed.metricId }, select: { scopes: true } });
      if (
        !organisations.some((organisation) =>
          targets.some((target) => appliesTo(target, { id: organisation.id, type: organisation.organisationType })),
        )
      ) {
        problems.push(
          problem(
            'condition',
            'NO_TARGET',
            'No target on the metric applies to the selected organisations: a TARGET watch would never fire. Watch a threshold of your own instead.',
          ),
        );
      }
    }
    if (problems.length > 0) throw new Refused(problems);
    const updatedAt = now();
    const watch = existing
      ? await tx.watch.update({ where: { id: existing.id }, data: { ...definition.data, updatedAt } })
      : await tx.watch.create({ data: { ...definition.data, owner: watchOwner, updatedAt } });
    // A changed definition is judged afresh: series it no longer selects go.
    if (existing) await tx.watchSeries.deleteMany({ where: { watchId: watch.id } });
    const { longestSeries } = await advanceWatchSeries(
      tx,
      organisations.map((organisation) => ({ watch: { ...parsed, id: watch.id }, organisation })),
      updatedAt,
      { quiet: true },
    );
    if (parsed.condition.kind === 'SPC' && longestSeries < MINIMUM_POINTS) {
      throw new Refused([
        problem(
          'condition',
          'SERIES_TOO_SHORT',
          `SPC needs at least ${MINIMUM_POINTS} periods of data for process limits (${RECOMMENDED_POINTS} or more for limits worth trusting); the longest selected series has ${longestSeries}.`,
        ),
      ]);
    }
    return watch;
  }

  async function inTransaction<T>(run: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T | Refused> {
    try {
      return await db.prisma.$transaction(run, { timeout: 120_000, maxWait: 30_000 });
    } catch (error) {
      if (error instanceof Refused) return error;
      throw error;
    }
  }

  /** The watches a subscriber or reader follows: those named (its own, unless an admin), or every one it owns (an admin: every watch). */
  async function following(watchIds: readonly number[] | null | undefined): Promise<WatchFollowing> {
    if (!watchIds) return isAdmin ? { everyWatch: true } : { owner };
    const ids = [...new Set(watchIds)];
    if (ids.length > limits.watchesPerOwner)
      throw new TooManyWatchesError(`Name at most ${limits.watchesPerOwner} watches at once.`);
    const found = await db.prisma.watch.findMany({ where: { id: { in: ids } }, select: { id: true, owner: true } });
    const missing = ids.find((id) => !found.some((watch) => watch.id === id));
    if (missing !== undefined) throw new UnknownWatchError(`There is no watch ${missing}.`);
    if (!isAdmin && found.some((watch) => watch.owner !== owner))
      throw new WatchOfAnotherKeyError(
        'One of those watches belongs to another key: only its owner (or an admin) may follow it.',
      );
    return { watchIds: ids };
  }

  async function publish(events: readonly WatchEventRoute[]) {
    if (events.length > 0) await bus.publish({ watchEvents: [...events] });
  }

  return {
    /** The caller's watches (an admin's: every watch, or one owner's), oldest first. */
    list: <Query extends object>(ownedBy: string | null | undefined, query: Query) =>
      db.prisma.watch.findMany({
        ...query,
        where: isAdmin && ownedBy ? { owner: ownedBy } : visible,
        orderBy: { id: 'asc' },
      }),
    /** Where a watch may be looked up by ID (node(id:)): the caller's own, unless an admin. */
    visible,

    async create(input: WatchInput): Promise<WatchOutcome> {
      const detail = {
        name: input.name.slice(0, 200),
        metricCode: input.metricCode.slice(0, 50),
        kind: input.condition.kind,
      };
      const definition = await definitionOf(input);
      if (Array.isArray(definition)) return refuse('createWatch', definition, detail, { watch: null });
      const outcome = await inTransaction(async (tx) => {
        const watch = await store(tx, owner, null, definition);
        await writeAudit(tx, audit('createWatch'), {
          rows: 1,
          succeeded: true,
          detail: { ...detail, watchId: watch.id },
        });
        return watch;
      });
      if (outcome instanceof Refused) return refuse('createWatch', outcome.problems, detail, { watch: null });
      return { watch: outcome, errors: [] };
    },

    /** `id` null: a global ID of another type was given. */
    async update(id: number | null, changes: WatchChanges): Promise<WatchOutcome> {
      const existing = await ownWatch(id);
      if (!('id' in existing)) return refuse('updateWatch', [existing], { watchId: id }, { watch: null });
      const current = readWatch(existing);
      const metric = await db.prisma.metric.findUniqueOrThrow({
        where: { id: existing.metricId },
        select: { code: true },
      });
      const condition = current.condition;
      const merged: WatchInput = {
        name: changes.name ?? existing.name,
        metricCode: changes.metricCode ?? metric.code,
        selection:
          changes.selection === undefined || changes.selection === null ? current.selection : changes.selection,
        condition:
          changes.condition ??
          (condition.kind === 'THRESHOLD'
            ? { kind: 'THRESHOLD', threshold: condition }
            : condition.kind === 'SPC'
              ? { kind: 'SPC', spc: condition }
              : { kind: 'TARGET' }),
        forPeriods: changes.forPeriods ?? existing.forPeriods,
        keepFiringForPeriods: changes.keepFiringForPeriods ?? existing.keepFiringForPeriods,
        labels: changes.labels ?? Object.entries(current.labels).map(([name, value]) => ({ name, value })),
      };
      const detail = { watchId: existing.id, changed: Object.keys(changes) };
      const definition = await definitionOf(merged);
      if (Array.isArray(definition)) return refuse('updateWatch', definition, detail, { watch: null });
      const outcome = await inTransaction(async (tx) => {
        const watch = await store(tx, existing.owner, existing, definition);
        await writeAudit(tx, audit('updateWatch'), { rows: 1, succeeded: true, detail });
        return watch;
      });
      if (outcome instanceof Refused) return refuse('updateWatch', outcome.problems, detail, { watch: null });
      return { watch: outcome, errors: [] };
    },

    /** Deletes a watch with its series, silences and events. */
    async delete(id: number | null): Promise<{ deleted: boolean; errors: InputProblem[] }> {
      const existing = await ownWatch(id);
      if (!('id' in existing)) return refuse('deleteWatch', [existing], { watchId: id }, { deleted: false });
      await db.prisma.$transaction(async (tx) => {
        await tx.watch.delete({ where: { id: existing.id } });
        await writeAudit(tx, audit('deleteWatch'), {
          rows: 1,
          succeeded: true,
          detail: { watchId: existing.id, name: existing.name },
        });
      });
      return { deleted: true, errors: [] };
    },

    /** Mutes a watch (or some of its organisations) until a time: its events are logged, marked silenced, and not pushed. */
    async silence(input: {
      watchId: number | null;
      odsCodes?: readonly string[] | null;
      endsAt: Date;
      reason: string;
    }): Promise<{ silence: WatchSilence | null; errors: InputProblem[] }> {
      const detail = { watchId: input.watchId, endsAt: input.endsAt.toISOString(), odsCodes: input.odsCodes ?? [] };
      const existing = await ownWatch(input.watchId);
      if (!('id' in existing))
        return refuse('silenceWatch', [{ ...existing, field: 'watchId' }], detail, { silence: null });
      const errors: InputProblem[] = [];
      const reason = input.reason.trim();
      if (reason.length === 0 || reason.length > 500)
        errors.push(
          problem(
            'reason',
            'INVALID_REASON',
            'A silence needs a reason of 1 to 500 characters: whoever looks next should know why.',
          ),
        );
      const started = new Date();
      if (input.endsAt <= started) errors.push(problem('endsAt', 'INVALID_END', 'A silence ends in the future.'));
      if (input.endsAt.getTime() - started.getTime() > MAX_SILENCE_DAYS * 86_400_000)
        errors.push(problem('endsAt', 'INVALID_END', `A silence lasts at most ${MAX_SILENCE_DAYS} days.`));
      const odsCodes = [...new Set((input.odsCodes ?? []).map((code) => code.trim().toUpperCase()))];
      if (odsCodes.length > limits.seriesPerWatch)
        errors.push(
          problem('odsCodes', 'TOO_MANY_SERIES', `A silence names at most ${limits.seriesPerWatch} organisations.`),
        );
      else if (odsCodes.length > 0) {
        const selected = await placesOf(db.prisma, {
          AND: [organisationWhere(readWatch(existing).selection), { odsCode: { in: odsCodes } }],
        });
        const outside = odsCodes.filter((code) => !selected.some((organisation) => organisation.odsCode === code));
        if (outside.length > 0)
          errors.push(
            problem(
              'odsCodes',
              'UNKNOWN_ORGANISATION',
              `The watch does not cover ${outside
                .slice(0, 5)
                .map((code) => `"${code.slice(0, 20)}"`)
                .join(', ')}.`,
            ),
          );
      }
      if (errors.length > 0) return refuse('silenceWatch', errors, detail, { silence: null });
      const silence = await db.prisma.$transaction(async (tx) => {
        const created = await tx.watchSilence.create({
          data: { watchId: existing.id, odsCodes, endsAt: input.endsAt, reason, createdBy: owner },
        });
        await writeAudit(tx, audit('silenceWatch'), {
          rows: 1,
          succeeded: true,
          detail: { ...detail, silenceId: created.id, reason },
        });
        return created;
      });
      return { silence, errors: [] };
    },

    /** Ends a silence now (it stays listed, ended). */
    async endSilence(id: number | null): Promise<{ silence: WatchSilence | null; errors: InputProblem[] }> {
      const silence = id === null ? null : await db.prisma.watchSilence.findUnique({ where: { id } });
      const watch = silence
        ? await ownWatch(silence.watchId)
        : problem('id', 'UNKNOWN_SILENCE', 'There is no silence with that ID.');
      if (!silence || !('id' in watch))
        return refuse('endSilence', [watch as InputProblem], { silenceId: id }, { silence: null });
      const ended = await db.prisma.$transaction(async (tx) => {
        const updated = await tx.watchSilence.update({
          where: { id: silence.id },
          data: { endsAt: new Date(Math.min(Date.now(), silence.endsAt.getTime())) },
        });
        await writeAudit(tx, audit('endSilence'), {
          rows: 1,
          succeeded: true,
          detail: { silenceId: silence.id, watchId: silence.watchId },
        });
        return updated;
      });
      return { silence: ended, errors: [] };
    },

    /**
     * Marks a firing series as seen, with a note: stored on the series until it stops firing, and
     * logged as an ACKNOWLEDGED event so that everyone following the watch sees who and when.
     */
    async acknowledge(input: {
      watchId: number | null;
      odsCode: string;
      note?: string | null;
    }): Promise<{ series: WatchSeries | null; errors: InputProblem[] }> {
      const odsCode = input.odsCode.trim().toUpperCase();
      const detail = { watchId: input.watchId, odsCode };
      const existing = await ownWatch(input.watchId);
      if (!('id' in existing))
        return refuse('acknowledgeWatch', [{ ...existing, field: 'watchId' }], detail, { series: null });
      const note = input.note?.trim() || null;
      if (note && note.length > 2_000)
        return refuse(
          'acknowledgeWatch',
          [problem('note', 'TOO_LONG', 'A note is at most 2,000 characters.')],
          detail,
          { series: null },
        );
      const series = await db.prisma.watchSeries.findFirst({
        where: { watchId: existing.id, organisation: { odsCode } },
        include: { organisation: { select: { type: true } } },
      });
      if (!series || series.state !== 'FIRING') {
        return refuse(
          'acknowledgeWatch',
          [
            problem(
              'odsCode',
              'NOT_FIRING',
              `The watch is not firing for ${odsCode.slice(0, 20)}: only a firing series can be acknowledged.`,
            ),
          ],
          detail,
          { series: null },
        );
      }
      const acknowledgedAt = new Date();
      const milestoneId = await milestoneAt(
        db.prisma,
        existing.metricId,
        { id: series.organisationId, organisationType: series.organisation.type },
        series.period,
      );
      const { updated, events } = await db.prisma.$transaction(async (tx) => {
        const updated = await tx.watchSeries.update({
          where: { id: series.id },
          data: { acknowledgedBy: owner, acknowledgedAt, acknowledgementNote: note },
        });
        const events = await appendWatchEvents(tx, [
          {
            watchId: existing.id,
            organisationId: series.organisationId,
            metricId: existing.metricId,
            milestoneId,
            kind: 'ACKNOWLEDGED',
            fromState: 'FIRING',
            toState: 'FIRING',
            period: series.period,
            value: series.value,
            labels: existing.labels as Prisma.InputJsonValue,
            silenced: false,
            actor: owner,
            note,
          },
        ]);
        await writeAudit(tx, audit('acknowledgeWatch'), { rows: 1, succeeded: true, detail: { ...detail, note } });
        return { updated, events };
      });
      await publish(events);
      return { series: updated, errors: [] };
    },

    events: {
      /** Checks a cursor given by a caller (see resolveLogCursor). */
      cursor: (cursor: string | null | undefined) => resolveWatchCursor(tail, cursor),
      /** The watches a reader follows among those asked for (see following). */
      following,
      page: <Query extends object>(followed: WatchFollowing, page: LogPage, query: Query) =>
        readWatchEventPage(db, followed, page, query),
      count: (followed: WatchFollowing) => countWatchEvents(db, followed),
      /** A subscriber's stream of event sequences: its own watches' (an admin's: any), silenced events left out. */
      async stream(watchIds: readonly number[] | null | undefined, after: string | null | undefined) {
        const followed = await following(watchIds);
        const from = await resolveWatchCursor(tail, after);
        return endableStream((signal) => watchEventStream(db, tail, followed, from, { signal }));
      },
      /** An event as subscribers receive it: read once per process. */
      load: (sequence: bigint, query: object) => rows.watchEvent(sequence, query),
    },
  };
}

export type WatchService = ReturnType<typeof createWatchService>;
