import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../config/logger.js';
import type { Metrics } from '../events/metrics.js';
import type { Database } from '../db/database.js';
import type { Notification, Prisma, Receiver } from '../db/generated/prisma/client.js';
import {
  afterAttempt,
  attemptRecord,
  DEFAULT_RETRY_POLICY,
  groupKeyOf,
  groupLabelsOf,
  type AttemptOutcome,
  type RetryPolicy,
  type TargetAllowance,
} from '../domain/notification.js';
import { postJson } from './notification-http.js';
import { sendEmail } from './notification-email.js';
import { emailOf, teamsCardOf } from './notification-messages.js';
import { displayValue } from '../domain/measurement.js';

type Tx = Prisma.TransactionClient;

export interface NotifierSettings {
  /** Host names and addresses receivers may reach although internal (NOTIFY_ALLOW_PRIVATE_TARGETS). */
  allowed: TargetAllowance;
  /** How long one send may take, all told. */
  deadlineMs: number;
  retry: RetryPolicy;
  /** How long a new group waits for more events before its first message (Alertmanager's group_wait). */
  groupWaitMs: number;
  /** How long after a group's last message the next one may go (group_interval). */
  groupIntervalMs: number;
  /** How often the notifier looks for events to route and messages due. */
  pollMs: number;
  /** The SMTP server email receivers are sent through (SMTP_URL, SMTP_FROM); null: no email. */
  smtp: { url: string; from: string } | null;
  /** The address people reach this server at (PUBLIC_URL), for links to the board; null: no links. */
  publicUrl: string | null;
}

export const DEFAULT_NOTIFIER_SETTINGS: NotifierSettings = {
  allowed: new Set(),
  deadlineMs: 10_000,
  retry: DEFAULT_RETRY_POLICY,
  groupWaitMs: 30_000,
  groupIntervalMs: 5 * 60_000,
  pollMs: 1_000,
  smtp: null,
  publicUrl: null,
};

/** One event as a notification lists it: enough to act on, and its log and cursor to resume from the API. */
export interface NotifiedEvent {
  log: 'watch-events';
  cursor: string;
  /** FIRING, RESOLVED, PENDING or ACKNOWLEDGED. */
  kind: string;
  watch: { id: number; name: string };
  organisation: { odsCode: string; name: string };
  metricCode: string;
  /** The milestone whose target on the metric is in force for the organisation and period, if any. */
  milestone: { key: string; title: string } | null;
  period: string;
  value: number;
  /** The value as NHS England shows it ("71.2%", "28:33"). */
  displayValue: string;
  labels: Record<string, string>;
  occurredAt: string;
}

/** What a message says, as every receiver kind renders it. */
export type NotificationMessage =
  | { kind: 'TEST'; receiver: string; sentBy: string }
  | { kind: 'EVENTS'; receiver: string; group: Record<string, string>; events: NotifiedEvent[] };

/** Serialises one instance's routing at a time, on PostgreSQL and PGlite alike (the key is arbitrary but fixed). */
const ROUTING_LOCK_KEY = 7_346_120_025n;
const WATCH_LOG = 'watch-events';
/** How many events one routing pass takes: a monthly file's are routed over a few passes. */
const EVENTS_PER_PASS = 1_000;
/** How many due messages one pass claims. */
const MESSAGES_PER_PASS = 100;
/** How long a claimed message is held by its sender before another instance may take it. */
const LEASE_MS = 120_000;

/**
 * The notifier: routes the event logs to their owners' receivers, grouped, and sends what is due,
 * at least once. The logs' rows are the queue (each written in the transaction that logged its
 * event); routing advances a durable cursor in the same transaction that creates the messages, so
 * a crash anywhere loses nothing and routes nothing twice. Messages are claimed with leases, so
 * however many instances run, each is sent by one at a time; a message is not sent before the
 * earlier ones of its group, and each receiver's messages go independently of the others'.
 */
export function createNotifier({
  db,
  logger,
  settings = DEFAULT_NOTIFIER_SETTINGS,
  now = () => new Date(),
  random = Math.random,
  metrics,
}: {
  db: Database;
  logger: Logger;
  /** Where sends, failures, retries, latency and the queue are counted (GET /metrics). */
  metrics?: Metrics;
  settings?: NotifierSettings;
  now?: () => Date;
  random?: () => number;
}) {
  /** Routes the watch events logged since the last pass. Returns how many events it routed. */
  async function routeOnce(): Promise<number> {
    return db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRawUnsafe('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::bigint)', ROUTING_LOCK_KEY);
        const cursor = await tx.notificationCursor.findUnique({ where: { log: WATCH_LOG } });
        const after = cursor?.sequence ?? (await startOfLog(tx));
        const events = await tx.watchEvent.findMany({
          where: { sequence: { gt: after } },
          orderBy: { sequence: 'asc' },
          take: EVENTS_PER_PASS,
          include: {
            watch: { select: { id: true, name: true, owner: true } },
            organisation: { select: { odsCode: true, name: true } },
            metric: { select: { code: true, unit: true } },
            milestone: { select: { key: true, title: true } },
          },
        });
        if (events.length === 0) return 0;
        const owners = [...new Set(events.map((event) => event.watch.owner))];
        const receivers = await tx.receiver.findMany({ where: { owner: { in: owners } }, orderBy: { id: 'asc' } });
        const at = now();
        for (const event of events) {
          const kind = event.kind === 'ACKNOWLEDGED' ? 'ACKNOWLEDGED' : event.toState;
          // A key that has set no routing of its own: its watches' FIRING and RESOLVED events, one group per watch.
          if (event.silenced || (kind !== 'FIRING' && kind !== 'RESOLVED')) continue;
          const notified: NotifiedEvent = {
            log: WATCH_LOG,
            cursor: event.sequence.toString(),
            kind,
            watch: { id: event.watch.id, name: event.watch.name },
            organisation: event.organisation,
            metricCode: event.metric.code,
            milestone: event.milestone,
            period: event.period,
            value: event.value,
            displayValue: displayValue(event.metric.unit, event.value),
            labels: event.labels as Record<string, string>,
            occurredAt: event.occurredAt.toISOString(),
          };
          const group = { watch: String(event.watch.id) };
          for (const receiver of receivers.filter((candidate) => candidate.owner === event.watch.owner))
            await addToGroup(tx, receiver, groupKeyOf('default', ['watch'], group), notified, event.occurredAt, at);
        }
        const last = events.at(-1)!.sequence;
        await tx.notificationCursor.upsert({
          where: { log: WATCH_LOG },
          create: { log: WATCH_LOG, sequence: last },
          update: { sequence: last },
        });
        return events.length;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  }

  /** A log routed for the first time starts at its end: events from before there were receivers are not sent. */
  async function startOfLog(tx: Tx): Promise<bigint> {
    const end = (await tx.watchEvent.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    return (await tx.receiver.count()) === 0 ? end : 0n;
  }

  /**
   * Adds an event to its group's message for a receiver: the one still gathering (not yet tried),
   * or a new one, due after the group's wait, or after its interval when the group was sent lately.
   */
  async function addToGroup(
    tx: Tx,
    receiver: Receiver,
    groupKey: string,
    event: NotifiedEvent,
    committedAt: Date,
    at: Date,
  ): Promise<void> {
    const gathering = await tx.notification.findFirst({
      where: { receiverId: receiver.id, groupKey, state: 'PENDING', attempts: 0, leaseUntil: null },
      orderBy: { id: 'desc' },
    });
    // Appended only while no sender has claimed it: the condition is checked again as the row is
    // written, so an event never joins a message already on its way (it starts the next one).
    if (gathering) {
      const { count } = await tx.notification.updateMany({
        where: { id: gathering.id, state: 'PENDING', attempts: 0, leaseUntil: null },
        data: {
          events: [...(gathering.events as unknown as NotifiedEvent[]), event] as unknown as Prisma.InputJsonValue,
        },
      });
      if (count === 1) return;
    }
    const lastSent = await tx.notification.findFirst({
      where: { receiverId: receiver.id, groupKey, state: 'SENT' },
      orderBy: { id: 'desc' },
      select: { sentAt: true },
    });
    const waitUntil = at.getTime() + settings.groupWaitMs;
    const intervalUntil = lastSent?.sentAt ? lastSent.sentAt.getTime() + settings.groupIntervalMs : 0;
    await tx.notification.create({
      data: {
        messageId: `msg_${randomUUID()}`,
        receiverId: receiver.id,
        owner: receiver.owner,
        kind: 'EVENTS',
        groupKey,
        events: [event] as unknown as Prisma.InputJsonValue,
        createdAt: at,
        triesSince: at,
        firstEventAt: committedAt,
        dueAt: new Date(Math.max(waitUntil, intervalUntil)),
      },
    });
  }

  /** Claims the messages due (leased), oldest first, skipping any whose group has an earlier one unsent. */
  async function claimDue(): Promise<(Notification & { receiver: Receiver })[]> {
    const at = now();
    const claimed = await db.prisma.$queryRawUnsafe<{ id: bigint }[]>(
      `UPDATE "Notification" SET "leaseUntil" = $2
        WHERE "id" IN (
          SELECT n."id" FROM "Notification" n
           WHERE n."state" = 'PENDING' AND n."dueAt" <= $1 AND (n."leaseUntil" IS NULL OR n."leaseUntil" < $1)
             AND NOT EXISTS (
               SELECT 1 FROM "Notification" e
                WHERE e."receiverId" = n."receiverId" AND e."groupKey" = n."groupKey" AND e."id" < n."id" AND e."state" = 'PENDING')
           ORDER BY n."dueAt", n."id"
           LIMIT ${MESSAGES_PER_PASS}
           FOR UPDATE SKIP LOCKED)
        RETURNING "id"`,
      at,
      new Date(at.getTime() + LEASE_MS),
    );
    if (claimed.length === 0) return [];
    return db.prisma.notification.findMany({
      where: { id: { in: claimed.map((row) => row.id) } },
      include: { receiver: true },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** Sends the messages due: each receiver's in order, receivers side by side, so a slow one delays only its own. */
  async function sendDue(): Promise<number> {
    const due = await claimDue();
    const byReceiver = new Map<number, typeof due>();
    for (const message of due)
      byReceiver.set(message.receiverId, [...(byReceiver.get(message.receiverId) ?? []), message]);
    await Promise.all(
      [...byReceiver.values()].map(async (messages) => {
        for (const message of messages) await attempt(message);
      }),
    );
    return due.length;
  }

  /** One try at a claimed message, recorded whatever happens. */
  async function attempt(message: Notification & { receiver: Receiver }): Promise<void> {
    const started = now();
    const outcome = await deliver(message.receiver, message.messageId, messageOf(message), started);
    const finished = now();
    const number = message.attempts + 1;
    const decision = afterAttempt(
      outcome,
      number,
      { nowMs: finished.getTime(), firstDueMs: message.triesSince.getTime() },
      settings.retry,
      random(),
    );
    const { status, error } = attemptRecord(outcome);
    await db.prisma.$transaction([
      db.prisma.notificationAttempt.create({
        data: {
          notificationId: message.id,
          attempt: number,
          at: started,
          status,
          error,
          durationMs: finished.getTime() - started.getTime(),
        },
      }),
      db.prisma.notification.update({
        where: { id: message.id },
        data: {
          attempts: number,
          lastStatus: status,
          lastError: decision.kind === 'FAILED' ? decision.reason : error,
          leaseUntil: null,
          ...(decision.kind === 'SENT'
            ? { state: 'SENT', sentAt: finished }
            : decision.kind === 'FAILED'
              ? { state: 'FAILED' }
              : { dueAt: new Date(decision.atMs) }),
        },
      }),
    ]);
    metrics?.notificationAttempted(
      message.receiver.kind,
      decision.kind === 'SENT' ? 'sent' : decision.kind === 'FAILED' ? 'failed' : 'retried',
      decision.kind === 'SENT' ? (finished.getTime() - message.firstEventAt.getTime()) / 1000 : null,
    );
    if (decision.kind === 'FAILED')
      logger.warn('notification failed', {
        receiver: message.receiverId,
        messageId: message.messageId,
        reason: decision.reason,
      });
  }

  /** Sends a message to a receiver now, as its kind takes it. */
  async function deliver(
    receiver: Receiver,
    messageId: string,
    message: NotificationMessage,
    at: Date,
  ): Promise<AttemptOutcome> {
    switch (receiver.kind) {
      case 'WEBHOOK': {
        const body = JSON.stringify(webhookBody(message, at));
        const signature = new Webhook(receiver.secret!).sign(messageId, at, body);
        return postJson(
          receiver.url!,
          body,
          {
            'webhook-id': messageId,
            'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
            'webhook-signature': signature,
          },
          settings,
        );
      }
      case 'TEAMS':
        return postJson(receiver.url!, JSON.stringify(teamsCardOf(message, settings.publicUrl)), {}, settings);
      case 'EMAIL':
        return settings.smtp
          ? sendEmail(
              settings.smtp,
              receiver.emailTo,
              messageId,
              emailOf(message, settings.publicUrl),
              settings.deadlineMs,
            )
          : { error: 'this server has no SMTP settings (SMTP_URL, SMTP_FROM)', final: true };
    }
  }

  /** How many notifications wait, and how long the oldest has. */
  async function queueState(): Promise<{ depth: number; oldestAgeSeconds: number }> {
    const waiting = await db.prisma.notification.aggregate({
      where: { state: 'PENDING' },
      _count: { _all: true },
      _min: { firstEventAt: true },
    });
    const oldest = waiting._min.firstEventAt;
    return {
      depth: waiting._count._all,
      oldestAgeSeconds: oldest ? Math.max(0, (now().getTime() - oldest.getTime()) / 1000) : 0,
    };
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  /** One pass: route, then send what is due. Failures are logged and the next pass tries again. */
  async function pass(): Promise<void> {
    try {
      while ((await routeOnce()) === EVENTS_PER_PASS);
      await sendDue();
      if (metrics) metrics.notificationQueue(await queueState());
    } catch (error) {
      logger.error('notifier pass failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    settings,
    routeOnce,
    sendDue,
    deliver,
    /** Routes and sends until stopped, a pass every pollMs. */
    start() {
      const tick = () => {
        running = pass().finally(() => {
          if (timer) timer = setTimeout(tick, settings.pollMs).unref();
        });
      };
      timer = setTimeout(tick, settings.pollMs).unref();
    },
    async stop() {
      const current = timer;
      timer = undefined;
      clearTimeout(current);
      await running;
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

function messageOf(notification: Notification & { receiver: Receiver }): NotificationMessage {
  if (notification.kind === 'TEST')
    return { kind: 'TEST', receiver: notification.receiver.name, sentBy: notification.owner };
  const events = notification.events as unknown as NotifiedEvent[];
  return {
    kind: 'EVENTS',
    receiver: notification.receiver.name,
    group: groupLabelsOf(notification.groupKey),
    events,
  };
}

/** The webhook's JSON, in the Standard Webhooks shape: a type, a timestamp and the data. */
export function webhookBody(message: NotificationMessage, at: Date) {
  return message.kind === 'TEST'
    ? { type: 'notification.test', timestamp: at.toISOString(), data: { receiver: message.receiver } }
    : {
        type: 'notification.events',
        timestamp: at.toISOString(),
        data: { receiver: message.receiver, group: message.group, events: message.events },
      };
}
