import type { Database } from '../db/database.js';
import { fromDbDate, toDbDate } from '../db/dates.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import { type MandateTargets, replacedBy, scheduleTrajectory } from '../domain/trajectory.js';
import {
  loadReferenceData,
  type MandateSeed,
  type MilestoneSeed,
  type ReferenceData,
  type TargetSeed,
} from './reference-data.js';
import type { OrganisationSeed } from '../ingest/reference-files.js';

type Tx = Prisma.TransactionClient;

export interface SeedReport {
  created: number;
  updated: number;
  organisations: number;
  mandates: number;
  milestones: number;
  targets: number;
  skippedTrusts: ReferenceData['skippedTrusts'];
}

/**
 * Writes the reference data: sources, organisations, metrics, mandates with their priorities,
 * milestones and targets. Idempotent: rows are matched on their natural keys (source key, ODS
 * code, metric code, mandate slug, milestone key) and only what differs is written, all in one
 * transaction.
 */
export async function seedReferenceData(db: Database, data: ReferenceData = loadReferenceData()): Promise<SeedReport> {
  return db.prisma.$transaction(
    async (tx) => {
      const counter = { created: 0, updated: 0 };
      const sourceIds = await seedSources(tx, data, counter);
      const organisationIds = await seedOrganisations(tx, data.organisations, sourceIds, counter);
      const metricIds = await seedMetrics(tx, data, sourceIds, counter);
      const mandateMetrics = data.mandates.map((mandate) => ({
        mandateInForceFrom: mandate.inForceFrom,
        metricCodes: new Set(collectTargets(mandate).map((target) => target.metric)),
      }));
      const context: SeedContext = {
        tx,
        counter,
        sourceIds,
        organisationIds,
        metricIds,
        mandateMetrics,
        milestones: 0,
        targets: 0,
      };
      for (const mandate of data.mandates) await seedMandate(context, mandate);
      return {
        ...counter,
        organisations: data.organisations.length,
        mandates: data.mandates.length,
        milestones: context.milestones,
        targets: context.targets,
        skippedTrusts: data.skippedTrusts,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

interface Counter {
  created: number;
  updated: number;
}

interface SeedContext {
  tx: Tx;
  counter: Counter;
  sourceIds: Map<string, number>;
  organisationIds: Map<string, number>;
  metricIds: Map<string, number>;
  /** Which metrics each mandate sets targets on: what decides when an older target is replaced. */
  mandateMetrics: MandateTargets[];
  milestones: number;
  targets: number;
}

function lookup(ids: Map<string, number>, key: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`seed: nothing seeded under "${key}"`);
  return id;
}

/** Creates the row when absent, updates it when any field differs, and counts what it did. */
async function sync<Row extends { id: number }, Data extends object>(
  counter: Counter,
  existing: Row | null,
  data: Data,
  create: () => Promise<Row>,
  update: () => Promise<Row>,
): Promise<Row> {
  if (!existing) {
    counter.created += 1;
    return create();
  }
  if (differs(existing, data)) {
    counter.updated += 1;
    return update();
  }
  return existing;
}

function differs(existing: object, wanted: object): boolean {
  const current = existing as Record<string, unknown>;
  return Object.entries(wanted).some(([field, value]) => {
    const have = current[field];
    if (value instanceof Date || have instanceof Date) {
      return (have as Date | null)?.getTime() !== (value as Date | null)?.getTime();
    }
    return have !== value;
  });
}

async function seedSources(tx: Tx, data: ReferenceData, counter: Counter): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const existing = new Map((await tx.source.findMany()).map((row) => [row.key, row]));
  for (const source of data.sources) {
    const fields = { ...source, publishedOn: toDbDate(source.publishedOn) };
    const row = await sync(
      counter,
      existing.get(source.key) ?? null,
      fields,
      () => tx.source.create({ data: fields }),
      () => tx.source.update({ where: { key: source.key }, data: fields }),
    );
    ids.set(source.key, row.id);
  }
  return ids;
}

async function seedOrganisations(
  tx: Tx,
  organisations: readonly OrganisationSeed[],
  sourceIds: Map<string, number>,
  counter: Counter,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const existing = new Map(
    (await tx.organisation.findMany({ include: { names: true } })).map((row) => [row.odsCode, row]),
  );
  for (const row of existing.values()) ids.set(row.odsCode, row.id);

  // Parents come first in the list, so every parent id is known by the time a child needs it.
  // New organisations go in with one statement per level rather than one per row.
  const levels = groupConsecutive(organisations, (organisation) => organisation.type);
  for (const level of levels) {
    const fieldsOf = (organisation: OrganisationSeed) => ({
      odsCode: organisation.odsCode,
      onsCode: organisation.onsCode,
      name: organisation.name,
      type: organisation.type,
      parentId: organisation.parentOdsCode ? lookup(ids, organisation.parentOdsCode) : null,
      regionId: organisation.regionOdsCode ? lookup(ids, organisation.regionOdsCode) : null,
      icbId: organisation.icbOdsCode ? lookup(ids, organisation.icbOdsCode) : null,
      openedOn: toDbDate(organisation.openedOn),
      closedOn: toDbDate(organisation.closedOn),
      sourceId: lookup(sourceIds, organisation.source),
    });
    const fresh = level.filter((organisation) => !existing.has(organisation.odsCode));
    if (fresh.length > 0) {
      const created = await tx.organisation.createManyAndReturn({
        data: fresh.map(fieldsOf),
        select: { id: true, odsCode: true },
      });
      for (const row of created) ids.set(row.odsCode, row.id);
      counter.created += created.length;
    }
    for (const organisation of level) {
      const current = existing.get(organisation.odsCode);
      const fields = fieldsOf(organisation);
      if (current && differs(current, fields)) {
        await tx.organisation.update({ where: { id: current.id }, data: fields });
        counter.updated += 1;
      }
    }
  }

  const missingNames = organisations.flatMap((organisation) => {
    const known = existing.get(organisation.odsCode)?.names ?? [];
    return organisation.names
      .filter((name) => !known.some((have) => have.name === name.name && fromDbDate(have.validFrom) === name.validFrom))
      .map((name) => ({
        organisationId: lookup(ids, organisation.odsCode),
        name: name.name,
        designation: name.designation,
        validFrom: toDbDate(name.validFrom),
        validTo: toDbDate(name.validTo),
        sourceId: lookup(sourceIds, name.source),
      }));
  });
  if (missingNames.length > 0) {
    await tx.organisationName.createMany({ data: missingNames });
    counter.created += missingNames.length;
  }
  return ids;
}

function groupConsecutive<T, K>(items: readonly T[], keyOf: (item: T) => K): T[][] {
  const groups: T[][] = [];
  let lastKey: K | undefined;
  for (const item of items) {
    const key = keyOf(item);
    const last = groups.at(-1);
    if (last && key === lastKey) last.push(item);
    else groups.push([item]);
    lastKey = key;
  }
  return groups;
}

async function seedMetrics(
  tx: Tx,
  data: ReferenceData,
  sourceIds: Map<string, number>,
  counter: Counter,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const existing = new Map((await tx.metric.findMany()).map((row) => [row.code, row]));
  for (const { source, ...metric } of data.metrics) {
    const fields = { ...metric, sourceId: lookup(sourceIds, source) };
    const row = await sync(
      counter,
      existing.get(metric.code) ?? null,
      fields,
      () => tx.metric.create({ data: fields }),
      () => tx.metric.update({ where: { code: metric.code }, data: fields }),
    );
    ids.set(metric.code, row.id);
  }
  return ids;
}

async function seedMandate(context: SeedContext, mandate: MandateSeed): Promise<void> {
  const { tx, counter, sourceIds, organisationIds } = context;
  const fields = {
    slug: mandate.slug,
    title: mandate.title,
    summary: mandate.summary,
    issuedById: lookup(organisationIds, mandate.issuedBy),
    issuedToId: lookup(organisationIds, mandate.issuedTo),
    publishedOn: toDbDate(mandate.publishedOn),
    inForceFrom: toDbDate(mandate.inForceFrom),
    sourceId: lookup(sourceIds, mandate.source),
  };
  const row = await sync(
    counter,
    await tx.mandate.findUnique({ where: { slug: mandate.slug } }),
    fields,
    () => tx.mandate.create({ data: fields }),
    () => tx.mandate.update({ where: { slug: mandate.slug }, data: fields }),
  );
  const scope: MilestoneScope = {
    mandate,
    mandateId: row.id,
    priorityId: null,
    parentId: null,
    section: null,
    sourceId: fields.sourceId,
  };
  for (const priority of mandate.priorities) {
    const priorityFields = {
      mandateId: row.id,
      ordinal: priority.ordinal,
      title: priority.title,
      sourceId: fields.sourceId,
    };
    const where = { mandateId_ordinal: { mandateId: row.id, ordinal: priority.ordinal } };
    const priorityRow = await sync(
      counter,
      await tx.priority.findUnique({ where }),
      priorityFields,
      () => tx.priority.create({ data: priorityFields }),
      () => tx.priority.update({ where, data: priorityFields }),
    );
    await seedMilestones(context, priority.milestones, { ...scope, priorityId: priorityRow.id });
  }
  for (const group of mandate.otherMilestones) {
    await seedMilestones(context, group.milestones, { ...scope, section: group.section });
  }
}

interface MilestoneScope {
  mandate: MandateSeed;
  mandateId: number;
  priorityId: number | null;
  parentId: number | null;
  section: string | null;
  sourceId: number;
}

async function seedMilestones(
  context: SeedContext,
  milestones: readonly MilestoneSeed[],
  scope: MilestoneScope,
): Promise<void> {
  const { tx, counter } = context;
  for (const [index, milestone] of milestones.entries()) {
    const fields = {
      key: milestone.key,
      mandateId: scope.mandateId,
      priorityId: scope.priorityId,
      parentId: scope.parentId,
      ordinal: index + 1,
      section: scope.section,
      title: milestone.title,
      dueBy: toDbDate(milestone.dueBy),
      sourceId: scope.sourceId,
    };
    const row = await sync(
      counter,
      await tx.milestone.findUnique({ where: { key: milestone.key } }),
      fields,
      () => tx.milestone.create({ data: fields }),
      () => tx.milestone.update({ where: { key: milestone.key }, data: fields }),
    );
    context.milestones += 1;
    await seedTargets(context, scope.mandate, row.id, milestone.targets, scope.sourceId);
    await seedMilestones(context, milestone.milestones, { ...scope, parentId: row.id });
  }
}

async function seedTargets(
  context: SeedContext,
  mandate: MandateSeed,
  milestoneId: number,
  targets: readonly TargetSeed[],
  mandateSourceId: number,
): Promise<void> {
  const { tx, counter } = context;
  const schedule = scheduleTrajectory(
    mandate.inForceFrom,
    targets.map((target) => ({ ...target, metricCode: target.metric, dueBy: target.dueBy ?? null })),
  );
  for (const { step: target, position, inForceFrom, inForceTo } of schedule) {
    const metricId = lookup(context.metricIds, target.metric);
    const fields = {
      milestoneId,
      metricId,
      comparator: target.comparator,
      value: target.value,
      step: position,
      inForceFrom: toDbDate(inForceFrom),
      inForceTo: toDbDate(inForceTo ?? replacedBy(target.metric, mandate.inForceFrom, context.mandateMetrics)),
      dueBy: toDbDate(target.dueBy),
      note: target.note ?? null,
      sourceId: target.source ? lookup(context.sourceIds, target.source) : mandateSourceId,
    };
    const where = { milestoneId_metricId_step: { milestoneId, metricId, step: position } };
    const row = await sync(
      counter,
      await tx.target.findUnique({ where }),
      fields,
      () => tx.target.create({ data: fields }),
      () => tx.target.update({ where, data: fields }),
    );
    context.targets += 1;
    // An organisation named before the publishers' files that make it have arrived is left out until they do.
    const organisations = target.appliesTo.organisations.filter((code) => context.organisationIds.has(code));
    const wanted = [
      ...organisations.map((code) => `org:${lookup(context.organisationIds, code)}`),
      ...target.appliesTo.types.map((type) => `type:${type}`),
    ].sort();
    const scopes = await tx.targetScope.findMany({ where: { targetId: row.id } });
    const have = scopes
      .map((s) => (s.organisationId !== null ? `org:${s.organisationId}` : `type:${s.organisationType}`))
      .sort();
    if (wanted.join() !== have.join()) {
      await tx.targetScope.deleteMany({ where: { targetId: row.id } });
      await tx.targetScope.createMany({
        data: [
          ...organisations.map((code) => ({ targetId: row.id, organisationId: lookup(context.organisationIds, code) })),
          ...target.appliesTo.types.map((type) => ({ targetId: row.id, organisationType: type })),
        ],
      });
      counter.updated += scopes.length > 0 ? 1 : 0;
    }
  }
}

function collectTargets(mandate: MandateSeed): TargetSeed[] {
  const walk = (milestones: readonly MilestoneSeed[]): TargetSeed[] =>
    milestones.flatMap((milestone) => [...milestone.targets, ...walk(milestone.milestones)]);
  return [
    ...mandate.priorities.flatMap((priority) => walk(priority.milestones)),
    ...mandate.otherMilestones.flatMap((group) => walk(group.milestones)),
  ];
}
