import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Notification, NotificationState, Prisma, Receiver, ReceiverKind } from '../db/generated/prisma/client.js';
import { actorOf, type Viewer } from '../domain/access.js';
import type { InputProblem } from '../domain/errors.js';
import { attemptRecord, targetUrlProblem } from '../domain/notification.js';
import { writeAudit, type AuditedAction } from './audit.js';
import type { Notifier } from './notifier.js';

/** The most receivers one key (or identity) may have. */
export const RECEIVERS_PER_OWNER = 20;
/** The most addresses one email receiver sends to. */
const MAX_EMAIL_ADDRESSES = 20;

export interface ReceiverInput {
  name: string;
  kind: ReceiverKind;
  url?: string | null | undefined;
  emailTo?: readonly string[] | null | undefined;
}

/** Changes to a receiver: a field left out stays as it is (its kind cannot change). */
export type ReceiverChanges = Partial<Omit<ReceiverInput, 'kind'>>;

export type ReceiverOutcome = { receiver: Receiver | null; secret: string | null; errors: InputProblem[] };

/** What testReceiver answers: whether the receiver took the test message, and what it said. */
export interface ReceiverTest {
  delivered: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  notification: Notification | null;
}

const problem = (field: string | null, code: string, message: string): InputProblem => ({ field, code, message });

const fieldsSchema = z.object({
  name: z.string().trim().min(1, 'A receiver needs a name.').max(100, 'A name is at most 100 characters.'),
  url: z.string().max(2_000, 'A URL is at most 2,000 characters.').nullable(),
  emailTo: z
    .array(z.email({ message: 'Each address must be an email address (name@example.nhs.uk).' }))
    .max(MAX_EMAIL_ADDRESSES, `An email receiver sends to at most ${MAX_EMAIL_ADDRESSES} addresses.`),
});

/** A Standard Webhooks signing secret: 24 random bytes, base64, with the specification's prefix. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Receivers as their owners manage them, and the history of what was sent to them. A receiver
 * belongs to the key (or identity) that made it; admins see and manage every one. Every change is
 * audited, refusals too; a refused change writes nothing. A webhook's secret is returned once, when
 * it is made; nothing returns it again.
 */
export function createReceiverService({
  db,
  notifier,
  viewer,
  audit,
}: {
  db: Database;
  notifier: Notifier;
  viewer: Viewer;
  audit: (action: string) => AuditedAction;
}) {
  const owner = actorOf(viewer);
  const isAdmin = viewer.kind !== 'anonymous' && viewer.role === 'ADMIN';
  const visible: { owner?: string } = isAdmin ? {} : { owner };

  const refused = async (action: string, errors: InputProblem[], detail: Record<string, unknown>) => {
    await writeAudit(db.prisma, audit(action), { rows: 0, succeeded: false, detail: { ...detail, errors } });
    return { receiver: null, secret: null, errors };
  };

  async function own(id: number | null): Promise<Receiver | InputProblem> {
    const receiver = id === null ? null : await db.prisma.receiver.findUnique({ where: { id } });
    if (!receiver) return problem('id', 'UNKNOWN_RECEIVER', 'There is no receiver with that ID.');
    if (!isAdmin && receiver.owner !== owner)
      return problem(
        'id',
        'RECEIVER_OF_ANOTHER_KEY',
        'That receiver belongs to another key: only its owner (or an admin) may see or change it.',
      );
    return receiver;
  }

  /** Every problem with a receiver's fields, for its kind. */
  function problemsOf(kind: ReceiverKind, fields: { name: string; url: string | null; emailTo: string[] }) {
    const parsed = fieldsSchema.safeParse(fields);
    const problems = parsed.success
      ? []
      : parsed.error.issues.map((issue) =>
          problem(
            String(issue.path[0] ?? 'input'),
            `INVALID_${String(issue.path[0] ?? 'input').toUpperCase()}`,
            issue.message,
          ),
        );
    if (kind === 'EMAIL') {
      if (fields.url !== null)
        problems.push(problem('url', 'INVALID_URL', 'An email receiver takes `emailTo`, not a URL.'));
      if (fields.emailTo.length === 0)
        problems.push(
          problem('emailTo', 'INVALID_EMAIL_TO', 'An email receiver needs at least one address in `emailTo`.'),
        );
      if (!notifier.settings.smtp)
        problems.push(
          problem(
            'kind',
            'EMAIL_NOT_CONFIGURED',
            'This server has no SMTP settings (SMTP_URL and SMTP_FROM), so it cannot send email: ask its operator, or use a webhook or Teams receiver.',
          ),
        );
    } else {
      if (fields.emailTo.length > 0)
        problems.push(problem('emailTo', 'INVALID_EMAIL_TO', `A ${kind} receiver takes a URL, not email addresses.`));
      const urlProblem =
        fields.url === null ? 'A URL is needed.' : targetUrlProblem(fields.url, notifier.settings.allowed);
      if (urlProblem) problems.push(problem('url', 'INVALID_URL', urlProblem));
    }
    return problems;
  }

  return {
    /** Which receivers the caller may see: its own, or every one for an admin. */
    visible,

    async create(input: ReceiverInput): Promise<ReceiverOutcome> {
      const fields = { name: input.name.trim(), url: input.url ?? null, emailTo: [...(input.emailTo ?? [])] };
      const detail = { name: fields.name, kind: input.kind };
      const problems = problemsOf(input.kind, fields);
      if (problems.length === 0) {
        const [owned, sameName] = await Promise.all([
          db.prisma.receiver.count({ where: { owner } }),
          db.prisma.receiver.findUnique({ where: { owner_name: { owner, name: fields.name } } }),
        ]);
        if (owned >= RECEIVERS_PER_OWNER)
          problems.push(
            problem(
              'input',
              'TOO_MANY_RECEIVERS',
              `A key may have at most ${RECEIVERS_PER_OWNER} receivers: delete one first.`,
            ),
          );
        if (sameName)
          problems.push(problem('name', 'DUPLICATE_NAME', `This key already has a receiver named "${fields.name}".`));
      }
      if (problems.length > 0) return refused('createReceiver', problems, detail);
      const secret = input.kind === 'WEBHOOK' ? newSecret() : null;
      const receiver = await db.prisma.$transaction(async (tx) => {
        const created = await tx.receiver.create({
          data: { owner, kind: input.kind, ...fields, secret, updatedAt: new Date() },
        });
        await writeAudit(tx, audit('createReceiver'), {
          rows: 1,
          succeeded: true,
          detail: { ...detail, id: created.id },
        });
        return created;
      });
      return { receiver, secret, errors: [] };
    },

    async update(id: number | null, changes: ReceiverChanges): Promise<ReceiverOutcome> {
      const existing = await own(id);
      if ('code' in existing) return refused('updateReceiver', [existing], { id });
      const fields = {
        name: changes.name?.trim() ?? existing.name,
        url: changes.url === undefined ? existing.url : changes.url,
        emailTo: changes.emailTo === undefined || changes.emailTo === null ? existing.emailTo : [...changes.emailTo],
      };
      const problems = problemsOf(existing.kind, fields);
      if (fields.name !== existing.name) {
        const sameName = await db.prisma.receiver.findUnique({
          where: { owner_name: { owner: existing.owner, name: fields.name } },
        });
        if (sameName)
          problems.push(problem('name', 'DUPLICATE_NAME', `This key already has a receiver named "${fields.name}".`));
      }
      if (problems.length > 0) return refused('updateReceiver', problems, { id });
      const receiver = await db.prisma.$transaction(async (tx) => {
        const updated = await tx.receiver.update({
          where: { id: existing.id },
          data: { ...fields, updatedAt: new Date() },
        });
        await writeAudit(tx, audit('updateReceiver'), { rows: 1, succeeded: true, detail: { id: existing.id } });
        return updated;
      });
      return { receiver, secret: null, errors: [] };
    },

    async delete(id: number | null): Promise<ReceiverOutcome> {
      const existing = await own(id);
      if ('code' in existing) return refused('deleteReceiver', [existing], { id });
      await db.prisma.$transaction(async (tx) => {
        await tx.receiver.delete({ where: { id: existing.id } });
        await writeAudit(tx, audit('deleteReceiver'), { rows: 1, succeeded: true, detail: { id: existing.id } });
      });
      return { receiver: existing, secret: null, errors: [] };
    },

    /** Sends a test message now, once, and answers what happened (kept in the history as well). */
    async test(id: number | null): Promise<{ test: ReceiverTest | null; errors: InputProblem[] }> {
      const receiver = await own(id);
      if ('code' in receiver) return { test: null, errors: (await refused('testReceiver', [receiver], { id })).errors };
      const at = new Date();
      const messageId = `msg_${randomUUID()}`;
      const outcome = await notifier.deliver(
        receiver,
        messageId,
        { kind: 'TEST', receiver: receiver.name, sentBy: owner },
        at,
      );
      const done = new Date();
      const { delivered, status, error } = attemptRecord(outcome);
      const durationMs = done.getTime() - at.getTime();
      const notification = await db.prisma.$transaction(async (tx) => {
        const kept = await tx.notification.create({
          data: {
            messageId,
            receiverId: receiver.id,
            owner: receiver.owner,
            kind: 'TEST',
            groupKey: JSON.stringify(['test']),
            events: [],
            state: delivered ? 'SENT' : 'FAILED',
            createdAt: at,
            triesSince: at,
            firstEventAt: at,
            dueAt: at,
            attempts: 1,
            lastStatus: status,
            lastError: error,
            sentAt: delivered ? done : null,
          },
        });
        await tx.notificationAttempt.create({
          data: { notificationId: kept.id, attempt: 1, at, status, error, durationMs },
        });
        await writeAudit(tx, audit('testReceiver'), {
          rows: 0,
          succeeded: true,
          detail: { id: receiver.id, delivered, status, error },
        });
        return kept;
      });
      return { test: { delivered, status, error, durationMs, notification }, errors: [] };
    },

    /** Sends a notification again (a failed one, or one a receiver lost): same message ID, its attempts kept. */
    async redeliver(id: bigint | null): Promise<{ notification: Notification | null; errors: InputProblem[] }> {
      const found = id === null ? null : await db.prisma.notification.findUnique({ where: { id } });
      const refuse = async (error: InputProblem) => ({
        notification: null,
        errors: (await refused('redeliver', [error], { id: id?.toString() ?? null })).errors,
      });
      if (!found || (!isAdmin && found.owner !== owner))
        return refuse(problem('id', 'UNKNOWN_NOTIFICATION', 'There is no notification with that ID among this key’s.'));
      if (found.kind === 'TEST')
        return refuse(problem('id', 'TEST_NOTIFICATION', 'A test message is not sent again: test the receiver again.'));
      if (found.state === 'PENDING')
        return refuse(
          problem(
            'id',
            'ALREADY_PENDING',
            'That notification is still to be sent (or being retried): nothing to redeliver.',
          ),
        );
      const at = new Date();
      const notification = await db.prisma.$transaction(async (tx) => {
        const updated = await tx.notification.update({
          where: { id: found.id },
          data: { state: 'PENDING', dueAt: at, triesSince: at, leaseUntil: null },
        });
        await writeAudit(tx, audit('redeliver'), { rows: 1, succeeded: true, detail: { id: found.id.toString() } });
        return updated;
      });
      return { notification, errors: [] };
    },

    /** The notifications sent (or being sent) to the caller's receivers, newest first. */
    deliveries(filter: { receiverId?: number | null; states?: readonly NotificationState[] | null }) {
      return {
        where: {
          ...(isAdmin ? {} : { owner }),
          ...(filter.receiverId != null ? { receiverId: filter.receiverId } : {}),
          ...(filter.states && filter.states.length > 0 ? { state: { in: [...filter.states] } } : {}),
        } satisfies Prisma.NotificationWhereInput,
      };
    },
  };
}

export type ReceiverService = ReturnType<typeof createReceiverService>;
