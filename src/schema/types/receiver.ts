import type { NotificationState } from '../../db/generated/prisma/client.js';
import type { InputProblem } from '../../domain/errors.js';
import { groupLabelsOf } from '../../domain/notification.js';
import type { ReceiverTest } from '../../services/receivers.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { rowIdOf } from '../global-ids.js';
import { changePayload, InputErrorRef } from './input-error.js';

const ReceiverKindEnum = builder.enumType('ReceiverKind', {
  description: 'How a receiver is sent to.',
  values: {
    WEBHOOK: {
      description:
        'An HTTPS POST of JSON signed as the Standard Webhooks specification says (webhook-id, webhook-timestamp, webhook-signature), with the secret shown once when the receiver is made.',
    },
    TEAMS: { description: 'A Microsoft Teams Workflows webhook URL, sent an Adaptive Card.' },
    EMAIL: { description: "Email to the addresses given, through the server's SMTP settings." },
  } as const,
});

const NotificationStateEnum = builder.enumType('NotificationState', {
  description: 'Where a notification stands.',
  values: {
    PENDING: { description: 'Waiting for its group to settle, for its turn, or for its next attempt.' },
    SENT: { description: 'The receiver took it (a 2xx answer, or the SMTP server accepted it).' },
    FAILED: {
      description:
        'The receiver refused it (a 4xx other than 408 and 429) or it was still failing at its maximum age; `redeliver` sends it again.',
    },
  } as const,
});

const NotificationKindEnum = builder.enumType('NotificationKind', {
  description: 'What a notification carries.',
  values: {
    EVENTS: { description: 'Events routed to the receiver, grouped.' },
    TEST: { description: "testReceiver's message." },
    REPEAT: {
      description:
        "A reminder, after its route's repeat interval, of what still stands in a group: watches still firing and not acknowledged, targets still missed, with their latest values.",
    },
  } as const,
});

/** A URL as it may be shown: without its query, which may hold a credential (a Teams Workflows URL's signature). */
const shownUrl = (url: string | null) => {
  if (url === null) return null;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
};

export const ReceiverRef = builder.prismaNode('Receiver', {
  description:
    "Where a key's notifications go: a webhook, a Teams channel or email addresses. Owned by the key that made it; admins see every receiver. Its secret is never returned after it is made.",
  id: { field: 'id' },
  nullable: true,
  authScopes: { subscribe: true },
  // Another key's receiver is as if it did not exist.
  findUnique: (id, context) => ({ id: Number(id), ...context.services.receivers.visible }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name, unique among its owner’s receivers.' }),
    kind: t.expose('kind', { type: ReceiverKindEnum, description: 'How it is sent to.' }),
    owner: t.exposeString('owner', {
      description: 'The key ("key:<prefix>") or identity ("jwt:<subject>") that owns it.',
    }),
    url: t.string({
      nullable: true,
      description: 'WEBHOOK and TEAMS: where it is sent, its query (which may hold a credential) shown as "?…".',
      resolve: (receiver) => shownUrl(receiver.url),
    }),
    emailTo: t.exposeStringList('emailTo', { description: 'EMAIL: the addresses each message goes to.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was made.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
    lastDelivery: t.field({
      type: NotificationRef,
      nullable: true,
      description:
        'Its latest message (events, a reminder or a test) and what became of it: sent, still trying, or failed; null before its first.',
      select: { notifications: { orderBy: { id: 'desc' }, take: 1 } },
      resolve: (receiver) => receiver.notifications[0] ?? null,
    }),
  }),
});

const NotificationAttemptRef = builder.prismaObject('NotificationAttempt', {
  description: 'One try at sending a notification.',
  fields: (t) => ({
    attempt: t.exposeInt('attempt', { description: '1 for the first try.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it began.' }),
    status: t.exposeInt('status', {
      nullable: true,
      description: "The receiver's HTTP status; null without an answer.",
    }),
    error: t.exposeString('error', {
      nullable: true,
      description:
        'What went wrong (no answer by the deadline, a reset connection, a refusing status); null when sent.',
    }),
    durationMs: t.exposeInt('durationMs', { description: 'How long it took, in milliseconds.' }),
  }),
});

export const NotificationRef = builder.prismaNode('Notification', {
  description:
    'One message to one receiver: a group of events (or a test), sent at least once. Its `messageId` is the webhook-id, the same on every attempt, so that a receiver can drop a duplicate.',
  id: { field: 'id' },
  nullable: true,
  authScopes: { subscribe: true },
  findUnique: (id, context) => ({ id: BigInt(id), ...context.services.receivers.deliveries({}).where }),
  fields: (t) => ({
    messageId: t.exposeString('messageId', { description: 'The webhook-id it is sent with, on every attempt.' }),
    receiver: t.relation('receiver', { description: 'Where it goes.' }),
    kind: t.expose('kind', { type: NotificationKindEnum, description: 'What it carries.' }),
    state: t.expose('state', { type: NotificationStateEnum, description: 'Where it stands.' }),
    events: t.expose('events', {
      type: 'JSON',
      description:
        'The events it lists, each with its log ("watch-events", "crossings" or "publication-news") and cursor, so that a receiver can resume from the API.',
    }),
    group: t.field({
      type: 'JSON',
      description: 'The labels its group is keyed by ({ "watch": "12" }).',
      resolve: (notification) => groupLabelsOf(notification.groupKey),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was made (its first event routed).' }),
    dueAt: t.expose('dueAt', {
      type: 'DateTime',
      description: 'Not sent before: the end of its group’s wait, or when its next attempt is due.',
    }),
    attempts: t.exposeInt('attempts', { description: 'How many tries so far.' }),
    lastStatus: t.exposeInt('lastStatus', {
      nullable: true,
      description: "The last try's HTTP status, if it had one.",
    }),
    lastError: t.exposeString('lastError', { nullable: true, description: 'Why the last try did not deliver it.' }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true, description: 'When the receiver took it.' }),
    latencyMs: t.int({
      nullable: true,
      description: 'From the commit of its first event to its delivery, in milliseconds; null until sent.',
      resolve: (notification) =>
        notification.sentAt ? notification.sentAt.getTime() - notification.firstEventAt.getTime() : null,
    }),
    attemptLog: t.relation('attemptLog', {
      description: 'Every try, first first.',
      query: { orderBy: { attempt: 'asc' } },
    }),
  }),
});
void NotificationAttemptRef;

const NotificationConnection = builder.connectionObject(
  { type: NotificationRef, name: 'NotificationConnection', description: 'A page of notifications, newest first.' },
  { name: 'NotificationEdge', description: 'One notification and its cursor.' },
);

const CreateReceiverInput = builder.inputType('CreateReceiverInput', {
  description: 'A receiver: a WEBHOOK or TEAMS receiver takes `url`; an EMAIL receiver takes `emailTo`.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'Its name (at most 100 characters), unique among the key’s receivers.',
    }),
    kind: t.field({ type: ReceiverKindEnum, required: true, description: 'How it is sent to.' }),
    url: t.string({
      required: false,
      description:
        'WEBHOOK and TEAMS: an https:// URL whose host is not a loopback, private or link-local address (unless the server allows that host: NOTIFY_ALLOW_PRIVATE_TARGETS).',
    }),
    emailTo: t.stringList({ required: false, description: 'EMAIL: the addresses (at most 20).' }),
  }),
});

const UpdateReceiverInput = builder.inputType('UpdateReceiverInput', {
  description: 'Changes to a receiver; a field left out stays as it is. Its kind cannot change.',
  fields: (t) => ({
    name: t.string({ required: false, description: 'A new name.' }),
    url: t.string({ required: false, description: 'WEBHOOK and TEAMS: a new URL.' }),
    emailTo: t.stringList({ required: false, description: 'EMAIL: the new addresses.' }),
  }),
});

const ReceiverPayload = builder
  .objectRef<{ receiver: unknown; secret: string | null; errors: InputProblem[] }>('ReceiverPayload')
  .implement({
    description: 'What a receiver change did. A non-empty `errors` means nothing changed.',
    fields: (t) => ({
      receiver: t.field({
        type: ReceiverRef,
        nullable: true,
        description: 'The receiver as it now is (as it was, for a deletion); null when refused.',
        resolve: (payload) => payload.receiver as never,
      }),
      secret: t.exposeString('secret', {
        nullable: true,
        description:
          'createReceiver of a WEBHOOK only: its signing secret ("whsec_…"), for the standardwebhooks verifier. Shown this once: keep it; nothing returns it again.',
      }),
      errors: t.field({
        type: [InputErrorRef],
        description:
          'Every problem found (UNKNOWN_RECEIVER, RECEIVER_OF_ANOTHER_KEY, INVALID_NAME, INVALID_URL, INVALID_EMAIL_TO, EMAIL_NOT_CONFIGURED, DUPLICATE_NAME, TOO_MANY_RECEIVERS); empty when the change was made.',
        resolve: (payload) => payload.errors,
      }),
    }),
  });

const ReceiverTestRef = builder.objectRef<ReceiverTest>('ReceiverTest').implement({
  description: 'What happened to a test message, sent at once.',
  fields: (t) => ({
    delivered: t.exposeBoolean('delivered', { description: 'Whether the receiver took it.' }),
    status: t.exposeInt('status', { nullable: true, description: "The receiver's HTTP status, if it answered." }),
    error: t.exposeString('error', { nullable: true, description: 'Why it was not delivered.' }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the send took, in milliseconds.' }),
    notification: t.field({
      type: NotificationRef,
      nullable: true,
      description: 'The test as kept in the history.',
      resolve: (test) => test.notification,
    }),
  }),
});

const TestReceiverPayload = builder
  .objectRef<{ test: ReceiverTest | null; errors: InputProblem[] }>('TestReceiverPayload')
  .implement({
    description: 'What testReceiver did.',
    fields: (t) => ({
      test: t.field({
        type: ReceiverTestRef,
        nullable: true,
        description: 'The outcome; null when refused.',
        resolve: (p) => p.test,
      }),
      errors: t.field({ type: [InputErrorRef], description: 'Why it was refused.', resolve: (p) => p.errors }),
    }),
  });

const RedeliverPayload = changePayload<{ notification: unknown; errors: InputProblem[] }>(
  'RedeliverPayload',
  'notification',
  'notification',
  NotificationRef,
);

const receiverId = (id: { typename: string; id: string }) => rowIdOf(id, ReceiverRef.name);
const notificationId = (id: { typename: string; id: string }) =>
  id.typename === NotificationRef.name && /^\d{1,18}$/.test(id.id) ? BigInt(id.id) : null;

/** The notifications a deliveries query asks for, among those the caller may see. */
const deliveriesWhere = (
  args: { receiverId?: { typename: string; id: string } | null; states?: NotificationState[] | null },
  context: GraphQLContext,
) =>
  context.services.receivers.deliveries({
    // An ID of another type matches nothing.
    receiverId: args.receiverId ? (receiverId(args.receiverId) ?? -1) : null,
    states: args.states ?? null,
  }).where;

builder.queryFields((t) => ({
  receivers: t.prismaField({
    type: [ReceiverRef],
    description:
      "The caller's receivers (an admin's: every receiver), oldest first. Needs an ops, partner or admin key.",
    authScopes: { subscribe: true },
    resolve: (query, _root, _args, context) =>
      context.db.prisma.receiver.findMany({
        ...query,
        where: context.services.receivers.visible,
        orderBy: { id: 'asc' },
      }),
  }),
  notificationDeliveries: t.prismaConnection(
    {
      type: 'Notification',
      description:
        "What was sent to the caller's receivers (an admin's: every receiver), newest first: each notification's state, attempts, last status or error and latency.",
      authScopes: { subscribe: true },
      cursor: 'id',
      args: {
        receiverId: t.arg.globalID({ required: false, description: 'Only this receiver (its global ID).' }),
        states: t.arg({ type: [NotificationStateEnum], required: false, description: 'Only these states.' }),
      },
      totalCount: (_parent, args, context) =>
        context.db.prisma.notification.count({ where: deliveriesWhere(args, context) }),
      resolve: (query, _parent, args, context) =>
        context.db.prisma.notification.findMany({
          ...query,
          where: deliveriesWhere(args, context),
          orderBy: { id: 'desc' },
        }),
    },
    NotificationConnection,
  ),
}));

builder.mutationFields((t) => ({
  createReceiver: t.field({
    type: ReceiverPayload,
    description:
      "Makes a receiver owned by the caller's key (ops, partner or admin; audited). A WEBHOOK's signing secret is in the payload, this once. Refused, with nothing stored: a URL that is not https:// or reaches a loopback, private or link-local address, an email receiver on a server without SMTP settings, a name the key already uses, more than 20 receivers.",
    // Ops keys make receivers too, as they make watches.
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { input: t.arg({ type: CreateReceiverInput, required: true, description: 'The receiver.' }) },
    resolve: (_root, { input }, context) =>
      context.services.receivers.create({ name: input.name, kind: input.kind, url: input.url, emailTo: input.emailTo }),
  }),
  updateReceiver: t.field({
    type: ReceiverPayload,
    description: 'Changes a receiver (its owner or an admin; audited), checked as when made.',
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: {
      id: t.arg.globalID({ required: true, description: 'The receiver (its global ID).' }),
      input: t.arg({ type: UpdateReceiverInput, required: true, description: 'What to change.' }),
    },
    resolve: (_root, { id, input }, context) =>
      context.services.receivers.update(receiverId(id), {
        ...(input.name != null ? { name: input.name } : {}),
        ...(input.url != null ? { url: input.url } : {}),
        ...(input.emailTo != null ? { emailTo: input.emailTo } : {}),
      }),
  }),
  deleteReceiver: t.field({
    type: ReceiverPayload,
    description: 'Deletes a receiver (its owner or an admin; audited), with its notifications and their history.',
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { id: t.arg.globalID({ required: true, description: 'The receiver (its global ID).' }) },
    resolve: (_root, { id }, context) => context.services.receivers.delete(receiverId(id)),
  }),
  testReceiver: t.field({
    type: TestReceiverPayload,
    description:
      'Sends a receiver a test message now, once, and answers what happened (its owner or an admin; audited; kept in the history).',
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { id: t.arg.globalID({ required: true, description: 'The receiver (its global ID).' }) },
    resolve: (_root, { id }, context) => context.services.receivers.test(receiverId(id)),
  }),
  redeliver: t.field({
    type: RedeliverPayload,
    description:
      'Sends a sent or failed notification again, with the same message ID (so a receiver can drop a duplicate), its attempts kept (its owner or an admin; audited).',
    authScopes: { subscribe: true },
    skipTypeScopes: true,
    args: { id: t.arg.globalID({ required: true, description: 'The notification (its global ID).' }) },
    resolve: (_root, { id }, context) => context.services.receivers.redeliver(notificationId(id)),
  }),
}));
