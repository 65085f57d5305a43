import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../config/logger.js';
import type { Metrics } from '../events/metrics.js';
import type { Database } from '../db/database.js';
import type { Notification, Prisma, Receiver, Unit } from '../db/generated/prisma/client.js';
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
import { logOverdueReleases } from './publication-sync.js';
import { routingPolicies } from './routing-policy.js';
import {
  asksFor,
  firstUnmuted,
  isInhibited,
  matchRoutes,
  ROUTE_DEFAULTS,
  routeWith,
  type Labels,
  type MatchedRoute,
  type RoutingPolicy,
  type TimeInterval,
} from '../domain/routing.js';
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
  log: 'watch-events' | 'crossings' | 'publication-news';
  cursor: string;
  /** A watch event's FIRING, RESOLVED, PENDING or ACKNOWLEDGED; a crossing's BREACHED or RECOVERED; publication news's IMPORTED, REFUSED or OVERDUE. */
  kind: string;
  /** The watch, for a watch event. */
  watch: { id: number; name: string } | null;
  /** The organisation and metric of a watch event or crossing (null for publication news). */
  organisation: { odsCode: string; name: string } | null;
  metricCode: string | null;
  /** The milestone whose target on the metric is in force for the organisation and period, if any. */
  milestone: { key: string; title: string } | null;
  /** The month or other period it concerns (a release's month; null where a publication is not monthly). */
  period: string | null;
  value: number | null;
  /** The value as NHS England shows it ("71.2%", "28:33"). */
  displayValue: string | null;
  /** Publication news: the publication, the file and what became of it, or the day an overdue release was due. */
  publication: PublicationNewsItem | null;
  /** A crossing's threshold (the target's value), in the metric's unit. */
  threshold: number | null;
  /** Who acknowledged the firing and why, for an ACKNOWLEDGED watch event. */
  acknowledgement: { by: string; note: string | null } | null;
  /** Every label the event was routed by: the built-in ones and, for a watch event, the watch's own. */
  labels: Record<string, string>;
  occurredAt: string;
}

export interface PublicationNewsItem {
  key: string;
  title: string;
  fileName: string | null;
  /** Why a file was refused. */
  reason: string | null;
  inserted: number;
  revised: number;
  crossings: number;
  /** When an overdue release was due ("2025-08-14"). */
  dueOn: string | null;
}

/** An event as a routing pass takes it from its log. */
interface RoutableEvent {
  cursor: bigint;
  /** The key whose watch it is; null for a crossing, which any key's policy may route. */
  owner: string | null;
  silenced: boolean;
  labels: Labels;
  notified: NotifiedEvent;
  committedAt: Date;
}

interface LogReader {
  read(tx: Tx, after: bigint): Promise<RoutableEvent[]>;
  end(tx: Tx): Promise<bigint>;
}

const ORGANISATION = {
  select: { odsCode: true, name: true, type: true, region: { select: { odsCode: true } } },
} as const;

/** The labels every event is routed by, whatever its log. */
function builtInLabels(event: {
  kind: string;
  state: string;
  metric: string;
  milestone: { key: string } | null;
  organisation: { odsCode: string; type: string; region: { odsCode: string } | null };
  period: string;
}): Record<string, string> {
  return {
    kind: event.kind,
    state: event.state,
    metric: event.metric,
    milestone: event.milestone?.key ?? '',
    organisationType: event.organisation.type,
    odsCode: event.organisation.odsCode,
    region:
      event.organisation.region?.odsCode ?? (event.organisation.type === 'REGION' ? event.organisation.odsCode : ''),
    period: event.period,
  };
}

/** What a crossing is read with, to be notified. */
export const CROSSING_INCLUDE = {
  organisation: ORGANISATION,
  metric: { select: { code: true, unit: true } },
  milestone: { select: { key: true, title: true } },
} as const;

/** A crossing as a notification lists it, with the labels it is routed by. */
export function notifiedCrossing(
  crossing: Prisma.CrossingGetPayload<{ include: typeof CROSSING_INCLUDE }>,
): NotifiedEvent {
  const labels = {
    ...builtInLabels({
      kind: 'crossing',
      state: crossing.direction === 'BREACHED' ? 'NOT_MEETING' : 'MEETING',
      metric: crossing.metric.code,
      milestone: crossing.milestone,
      organisation: crossing.organisation,
      period: crossing.period,
    }),
    direction: crossing.direction,
  };
  return {
    log: 'crossings',
    cursor: crossing.sequence.toString(),
    kind: crossing.direction,
    watch: null,
    organisation: { odsCode: crossing.organisation.odsCode, name: crossing.organisation.name },
    metricCode: crossing.metric.code,
    milestone: crossing.milestone,
    period: crossing.period,
    value: crossing.value,
    displayValue: displayValue(crossing.metric.unit, crossing.value),
    threshold: crossing.threshold,
    publication: null,
    acknowledgement: null,
    labels,
    occurredAt: crossing.occurredAt.toISOString(),
  };
}

/** The logs the notifier routes, each read after its cursor. */
const LOGS: Record<NotifiedEvent['log'], LogReader> = {
  'watch-events': {
    async read(tx, after) {
      const events = await tx.watchEvent.findMany({
        where: { sequence: { gt: after } },
        orderBy: { sequence: 'asc' },
        take: EVENTS_PER_PASS,
        include: {
          watch: { select: { id: true, name: true, owner: true } },
          organisation: ORGANISATION,
          metric: { select: { code: true, unit: true } },
          milestone: { select: { key: true, title: true } },
        },
      });
      return events.map((event) => {
        const state = event.kind === 'ACKNOWLEDGED' ? 'ACKNOWLEDGED' : event.toState;
        // The built-in labels win over a watch's own of the same name.
        const labels = {
          ...(event.labels as Record<string, string>),
          ...builtInLabels({
            kind: 'watch',
            state,
            metric: event.metric.code,
            milestone: event.milestone,
            organisation: event.organisation,
            period: event.period,
          }),
          watch: String(event.watch.id),
        };
        return {
          cursor: event.sequence,
          owner: event.watch.owner,
          silenced: event.silenced,
          labels,
          committedAt: event.occurredAt,
          notified: {
            log: 'watch-events',
            cursor: event.sequence.toString(),
            kind: state,
            watch: { id: event.watch.id, name: event.watch.name },
            organisation: { odsCode: event.organisation.odsCode, name: event.organisation.name },
            metricCode: event.metric.code,
            milestone: event.milestone,
            period: event.period,
            value: event.value,
            displayValue: displayValue(event.metric.unit, event.value),
            threshold: null,
            publication: null,
            acknowledgement: event.kind === 'ACKNOWLEDGED' ? { by: event.actor ?? 'unknown', note: event.note } : null,
            labels,
            occurredAt: event.occurredAt.toISOString(),
          },
        };
      });
    },
    async end(tx) {
      return (await tx.watchEvent.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    },
  },
  crossings: {
    async read(tx, after) {
      const crossings = await tx.crossing.findMany({
        where: { sequence: { gt: after } },
        orderBy: { sequence: 'asc' },
        take: EVENTS_PER_PASS,
        include: CROSSING_INCLUDE,
      });
      return crossings.map((crossing) => {
        const notified = notifiedCrossing(crossing);
        return {
          cursor: crossing.sequence,
          owner: null,
          silenced: false,
          labels: notified.labels,
          committedAt: crossing.occurredAt,
          notified,
        };
      });
    },
    async end(tx) {
      return (await tx.crossing.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    },
  },
  'publication-news': {
    async read(tx, after) {
      const news = await tx.publicationNews.findMany({
        where: { sequence: { gt: after } },
        orderBy: { sequence: 'asc' },
        take: EVENTS_PER_PASS,
        include: { source: { select: { key: true, title: true } } },
      });
      return news.map((item) => {
        const labels = {
          kind: 'publication',
          state: item.kind,
          publication: item.source.key,
          period: item.period ?? '',
        };
        return {
          cursor: item.sequence,
          owner: null,
          silenced: false,
          labels,
          committedAt: item.occurredAt,
          notified: {
            log: 'publication-news',
            cursor: item.sequence.toString(),
            kind: item.kind,
            watch: null,
            organisation: null,
            metricCode: null,
            milestone: null,
            period: item.period,
            value: null,
            displayValue: null,
            threshold: null,
            publication: {
              key: item.source.key,
              title: item.source.title,
              fileName: item.fileName,
              reason: item.reason,
              inserted: item.inserted,
              revised: item.revised,
              crossings: item.crossings,
              dueOn: item.dueOn,
            },
            acknowledgement: null,
            labels,
            occurredAt: item.occurredAt.toISOString(),
          },
        };
      });
    },
    async end(tx) {
      return (await tx.publicationNews.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    },
  },
};

/**
 * The routing of a key that has set none (the contract's): its watches' FIRING and RESOLVED events
 * on all its receivers, one group per watch.
 */
function defaultPolicy(receivers: string[]): RoutingPolicy {
  return {
    route: routeWith({
      groupBy: ['watch'],
      routes: [
        routeWith({
          receivers,
          matchers: [
            { label: 'kind', op: '=', value: 'watch' },
            { label: 'state', op: '=~', value: 'FIRING|RESOLVED' },
          ],
        }),
      ],
    }),
    inhibitRules: [],
    timeIntervals: [],
  };
}

/** When a message due at `due` may go, its route's time intervals allowed for (see firstUnmuted). */
function unmutedFrom(mute: unknown, due: Date): Date {
  const intervals = mute as TimeInterval[];
  return intervals.length === 0 ? due : (firstUnmuted(intervals, due) ?? new Date(due.getTime() + MUTED_FOR_GOOD_MS));
}

/** What a message says, as every receiver kind renders it. */
export type NotificationMessage =
  | { kind: 'TEST'; receiver: string; sentBy: string }
  | {
      kind: 'EVENTS';
      receiver: string;
      group: Record<string, string>;
      events: NotifiedEvent[];
      /** A reminder of what still stands, after the route's repeat interval. */
      reminder: boolean;
      /** The route's templates; null: the receiver kind's own. */
      templates: MessageTemplates;
    };

/** A route's templates of a message's title and opening text (Liquid). */
export interface MessageTemplates {
  title: string | null;
  text: string | null;
}

/** Serialises one instance's routing at a time, on PostgreSQL and PGlite alike (the key is arbitrary but fixed). */
const ROUTING_LOCK_KEY = 7_346_120_025n;
/** How long a message waits whose route is muted without end (a time interval covering every minute). */
const MUTED_FOR_GOOD_MS = 30 * 24 * 60 * 60_000;
/** How many events one routing pass takes: a monthly file's are routed over a few passes. */
const EVENTS_PER_PASS = 1_000;
/** How many due messages one pass claims. */
const MESSAGES_PER_PASS = 100;
/** How often the notifier looks for publications whose release is overdue. */
const OVERDUE_CHECK_MS = 60_000;
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
  /**
   * Routes what the event logs gained since the last pass (watch events, crossings), by each key's
   * routing policy (or the default), in one transaction that also advances the logs' cursors.
   * Returns whether a log had more than one pass takes.
   */
  async function routeOnce(): Promise<boolean> {
    return db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRawUnsafe('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::bigint)', ROUTING_LOCK_KEY);
        // One query at a time: a transaction has one connection.
        const read: { log: string; events: RoutableEvent[] }[] = [];
        for (const [log, reader] of Object.entries(LOGS)) {
          const cursor = await tx.notificationCursor.findUnique({ where: { log } });
          // A log routed for the first time starts at its end: what was logged before is history, not news.
          if (!cursor) {
            await tx.notificationCursor.create({ data: { log, sequence: await reader.end(tx) } });
            read.push({ log, events: [] });
          } else read.push({ log, events: await reader.read(tx, cursor.sequence) });
        }
        const events = read.flatMap((page) => page.events);
        if (events.length === 0) return false;
        await routeEvents(tx, events, now());
        for (const { log, events: page } of read) {
          const last = page.at(-1)?.cursor;
          if (last !== undefined)
            await tx.notificationCursor.upsert({
              where: { log },
              create: { log, sequence: last },
              update: { sequence: last },
            });
        }
        return read.some((page) => page.events.length === EVENTS_PER_PASS);
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  }

  /** Routes a pass's events: each to the routes its owner's policy (any key's, for a crossing) takes it on. */
  async function routeEvents(tx: Tx, events: readonly RoutableEvent[], at: Date): Promise<void> {
    const policies = await routingPolicies(tx);
    const owners = new Set([...policies.keys(), ...events.flatMap((event) => (event.owner ? [event.owner] : []))]);
    const receivers = await tx.receiver.findMany({ where: { owner: { in: [...owners] } }, orderBy: { id: 'asc' } });
    const defaults = {
      ...ROUTE_DEFAULTS,
      groupBy: [...ROUTE_DEFAULTS.groupBy],
      groupWaitMs: settings.groupWaitMs,
      groupIntervalMs: settings.groupIntervalMs,
    };
    // What stands, for inhibition: this pass's events (a file's are routed together) and, where a
    // policy inhibits, every series that stands now (England missing a target since last month).
    const standing: InhibitionSource[] = [
      ...events.filter((event) => !event.silenced).map(({ owner, labels }) => ({ owner, labels })),
      ...([...policies.values()].some((policy) => policy.inhibitRules.length > 0) ? await standingSeries(tx) : []),
    ];
    for (const event of events) {
      if (event.silenced) continue;
      for (const owner of event.owner ? [event.owner] : [...policies.keys()]) {
        const own = receivers.filter((receiver) => receiver.owner === owner);
        const policy = policies.get(owner) ?? defaultPolicy(own.map((receiver) => receiver.name));
        // A key's own watches inhibit, and the crossings everyone sees; never another key's watches.
        const sources = standing.flatMap((source) =>
          source.owner === null || source.owner === owner ? [source.labels] : [],
        );
        if (isInhibited(policy.inhibitRules, event.labels, sources)) continue;
        for (const route of matchRoutes(policy.route, event.labels, defaults)) {
          if (event.labels.state === 'PENDING' && !asksFor(policy.route, route.path, 'state', 'PENDING')) continue;
          if (event.labels.state === 'RESOLVED' && !route.sendResolved) continue;
          const mute = policy.timeIntervals.filter((interval) => route.muteTimeIntervals.includes(interval.name));
          const groupKey = groupKeyOf(route.path, route.groupBy, event.labels);
          for (const receiver of own.filter((candidate) => route.receivers.includes(candidate.name)))
            await addToGroup(tx, receiver, groupKey, event, at, route, mute);
        }
      }
    }
  }

  /**
   * Adds an event to its group's message for a receiver: the one still gathering (not yet tried),
   * or a new one, due after the group's wait, or after its interval when the group was sent lately.
   */
  async function addToGroup(
    tx: Tx,
    receiver: Receiver,
    groupKey: string,
    { notified, committedAt }: RoutableEvent,
    at: Date,
    route: MatchedRoute,
    mute: readonly TimeInterval[],
  ): Promise<void> {
    const event = notified;
    const gathering = await tx.notification.findFirst({
      where: { receiverId: receiver.id, groupKey, kind: 'EVENTS', state: 'PENDING', attempts: 0, leaseUntil: null },
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
    const waitUntil = at.getTime() + route.groupWaitMs;
    const intervalUntil = lastSent?.sentAt ? lastSent.sentAt.getTime() + route.groupIntervalMs : 0;
    const due = new Date(Math.max(waitUntil, intervalUntil));
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
        dueAt: unmutedFrom(mute, due),
        mute: mute as unknown as Prisma.InputJsonValue,
        templates: { title: route.titleTemplate, text: route.textTemplate } satisfies MessageTemplates,
        repeatSeconds: Math.round(route.repeatIntervalMs / 1000),
      },
    });
  }

  /**
   * Makes the reminders due: for each group whose last message was sent a repeat interval ago, a
   * message listing what still stands in it (see standingEvents), due now. Each is made once,
   * however many instances look: the sent message's reminder time is cleared in the same
   * transaction, and only where it was still set.
   */
  async function remindDue(): Promise<number> {
    const at = now();
    const due = await db.prisma.notification.findMany({
      where: { repeatAt: { lte: at } },
      orderBy: { repeatAt: 'asc' },
      take: MESSAGES_PER_PASS,
    });
    let made = 0;
    for (const sent of due)
      await db.prisma.$transaction(async (tx) => {
        const { count } = await tx.notification.updateMany({
          where: { id: sent.id, repeatAt: { not: null } },
          data: { repeatAt: null },
        });
        // A later message of the group carries the group's reminder when it is sent.
        const later = await tx.notification.findFirst({
          where: { receiverId: sent.receiverId, groupKey: sent.groupKey, id: { gt: sent.id } },
          select: { id: true },
        });
        if (count === 0 || later) return;
        const standing = await standingEvents(tx, sent.receiverId, sent.groupKey);
        if (standing.length === 0) return;
        await tx.notification.create({
          data: {
            messageId: `msg_${randomUUID()}`,
            receiverId: sent.receiverId,
            owner: sent.owner,
            kind: 'REPEAT',
            groupKey: sent.groupKey,
            events: standing as unknown as Prisma.InputJsonValue,
            createdAt: at,
            triesSince: at,
            firstEventAt: at,
            dueAt: unmutedFrom(sent.mute, at),
            mute: sent.mute as Prisma.InputJsonValue,
            templates: sent.templates as Prisma.InputJsonValue,
            repeatSeconds: sent.repeatSeconds,
          },
        });
        made += 1;
      });
    return made;
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
            ? { state: 'SENT', sentAt: finished, repeatAt: repeatAtOf(message, finished) }
            : decision.kind === 'FAILED'
              ? { state: 'FAILED', repeatAt: repeatAtOf(message, finished) }
              : { dueAt: unmutedFrom(message.mute, new Date(decision.atMs)) }),
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
  let overdueCheckedAt = 0;
  /** One pass: route, then send what is due. Failures are logged and the next pass tries again. */
  async function pass(): Promise<void> {
    try {
      if (now().getTime() - overdueCheckedAt >= OVERDUE_CHECK_MS) {
        await logOverdueReleases(db, now());
        overdueCheckedAt = now().getTime();
      }
      while (await routeOnce());
      await remindDue();
      await sendDue();
      if (metrics) metrics.notificationQueue(await queueState());
    } catch (error) {
      logger.error('notifier pass failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    settings,
    routeOnce,
    remindDue,
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
  const templates = notification.templates as Partial<MessageTemplates>;
  return {
    kind: 'EVENTS',
    receiver: notification.receiver.name,
    group: groupLabelsOf(notification.groupKey),
    events: notification.events as unknown as NotifiedEvent[],
    reminder: notification.kind === 'REPEAT',
    templates: { title: templates.title ?? null, text: templates.text ?? null },
  };
}

/** What may inhibit an event: the labels of an event or a standing series, and whose watch it is (null: a target's, anyone's). */
interface InhibitionSource {
  owner: string | null;
  labels: Labels;
}

/**
 * The series that stand now, labelled as their events are: every organisation's target still
 * missed (as a BREACHED crossing) and every watch's series still FIRING (as its FIRING event).
 */
async function standingSeries(tx: Tx): Promise<InhibitionSource[]> {
  // One query at a time: a transaction has one connection.
  const missed = await tx.seriesState.findMany({
    where: { state: 'NOT_MEETING' },
    select: {
      period: true,
      organisation: ORGANISATION,
      metric: { select: { code: true } },
      milestone: { select: { key: true } },
    },
  });
  const firing = await tx.watchSeries.findMany({
    where: { state: 'FIRING' },
    select: {
      period: true,
      organisation: ORGANISATION,
      watch: { select: { id: true, owner: true, labels: true, metric: { select: { code: true } } } },
    },
  });
  return [
    ...missed.map((series) => ({
      owner: null,
      labels: {
        ...builtInLabels({
          kind: 'crossing',
          state: 'NOT_MEETING',
          metric: series.metric.code,
          milestone: series.milestone,
          organisation: series.organisation,
          period: series.period,
        }),
        direction: 'BREACHED',
      },
    })),
    ...firing.map((series) => ({
      owner: series.watch.owner,
      labels: {
        ...(series.watch.labels as Record<string, string>),
        ...builtInLabels({
          kind: 'watch',
          state: 'FIRING',
          metric: series.watch.metric.code,
          milestone: null,
          organisation: series.organisation,
          period: series.period,
        }),
        watch: String(series.watch.id),
      },
    })),
  ];
}

/** The series an event is news of: a watch's organisation, an organisation's target on a metric, a publication's month. */
function seriesOf(event: NotifiedEvent): string {
  if (event.publication) return `release ${event.publication.key} ${event.period ?? ''}`;
  if (event.watch) return `watch ${event.watch.id} ${event.organisation?.odsCode ?? ''}`;
  return `target ${event.organisation?.odsCode ?? ''} ${event.metricCode ?? ''} ${event.milestone?.key ?? ''}`;
}

/** How many of a group's latest messages a reminder looks through for what still stands. */
const MESSAGES_REMINDED_OF = 200;

/**
 * What still stands in a group, as a reminder lists it: the latest event of each of its series
 * (seriesOf) among the group's recent messages, where that event fired, breached or found a release
 * overdue and the series is still so now: a watch's series still FIRING and not acknowledged, a
 * target still NOT_MEETING, a release still not imported. Each is listed with its latest period
 * and value.
 */
async function standingEvents(tx: Tx, receiverId: number, groupKey: string): Promise<NotifiedEvent[]> {
  const messages = await tx.notification.findMany({
    where: { receiverId, groupKey, kind: { in: ['EVENTS', 'REPEAT'] } },
    orderBy: { id: 'desc' },
    take: MESSAGES_REMINDED_OF,
    select: { events: true },
  });
  const latest = new Map<string, NotifiedEvent>();
  for (const message of messages.reverse())
    for (const event of message.events as unknown as NotifiedEvent[]) latest.set(seriesOf(event), event);
  // Each kind of series is looked up in one query for the whole group.
  const events = [...latest.values()];
  const firing = events.filter((event) => event.watch && event.organisation && event.kind === 'FIRING');
  const breached = events.filter(
    (event) => !event.watch && event.kind === 'BREACHED' && event.organisation && event.metricCode && event.milestone,
  );
  const overdue = events.filter((event) => event.kind === 'OVERDUE' && event.publication);
  const [watchSeries, targetSeries, arrived] = [
    firing.length === 0
      ? []
      : await tx.watchSeries.findMany({
          where: {
            state: 'FIRING',
            acknowledgedAt: null,
            OR: firing.map((event) => ({
              watchId: event.watch!.id,
              organisation: { odsCode: event.organisation!.odsCode },
            })),
          },
          select: {
            watchId: true,
            period: true,
            value: true,
            organisation: { select: { odsCode: true } },
            watch: { select: { metric: { select: { unit: true } } } },
          },
        }),
    breached.length === 0
      ? []
      : await tx.seriesState.findMany({
          where: {
            state: 'NOT_MEETING',
            OR: breached.map((event) => ({
              organisation: { odsCode: event.organisation!.odsCode },
              metric: { code: event.metricCode! },
              milestone: { key: event.milestone!.key },
            })),
          },
          select: {
            period: true,
            value: true,
            organisation: { select: { odsCode: true } },
            metric: { select: { code: true, unit: true } },
            milestone: { select: { key: true } },
          },
        }),
    overdue.length === 0
      ? []
      : await tx.publicationNews.findMany({
          where: {
            kind: 'IMPORTED',
            OR: overdue.map((event) => ({ source: { key: event.publication!.key }, period: event.period })),
          },
          select: { period: true, source: { select: { key: true } } },
        }),
  ];
  const standingNow = new Map<string, { period: string; value: number; unit: Unit }>([
    ...watchSeries.map(
      (series) =>
        [
          `watch ${series.watchId} ${series.organisation.odsCode}`,
          { period: series.period, value: series.value, unit: series.watch.metric.unit },
        ] as const,
    ),
    ...targetSeries.map(
      (series) =>
        [
          `target ${series.organisation.odsCode} ${series.metric.code} ${series.milestone.key}`,
          { period: series.period, value: series.value, unit: series.metric.unit },
        ] as const,
    ),
  ]);
  const imported = new Set(arrived.map((news) => `release ${news.source.key} ${news.period ?? ''}`));
  const standing: NotifiedEvent[] = [];
  for (const event of events) {
    if (event.kind === 'OVERDUE') {
      if (event.publication && !imported.has(seriesOf(event))) standing.push(event);
      continue;
    }
    const series = (event.kind === 'FIRING' || event.kind === 'BREACHED') && standingNow.get(seriesOf(event));
    if (series)
      standing.push({
        ...event,
        period: series.period,
        value: series.value,
        displayValue: displayValue(series.unit, series.value),
      });
  }
  return standing;
}

/** When a group's reminder falls due after one of its messages is sent (or given up), if its route repeats. */
function repeatAtOf(message: Notification, at: Date): Date | null {
  return message.kind === 'TEST' || message.repeatSeconds === null
    ? null
    : new Date(at.getTime() + message.repeatSeconds * 1000);
}

/** The webhook's JSON, in the Standard Webhooks shape: a type, a timestamp and the data. */
export function webhookBody(message: NotificationMessage, at: Date) {
  return message.kind === 'TEST'
    ? { type: 'notification.test', timestamp: at.toISOString(), data: { receiver: message.receiver } }
    : {
        type: 'notification.events',
        timestamp: at.toISOString(),
        data: { receiver: message.receiver, group: message.group, reminder: message.reminder, events: message.events },
      };
}
