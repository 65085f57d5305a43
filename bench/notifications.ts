/**
 * Notifications: how many signed webhook messages the notifier sends a second to receivers on
 * loopback (a queue of due messages drained by one notifier, each claimed, signed, POSTed and
 * recorded), and the latency from an event's commit to its receipt at the webhook, routed by a key's
 * policy with no group wait, at the notifier's deployed poll interval.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Prisma } from '../src/db/generated/prisma/client.js';
import { routeWith, type RoutingPolicy } from '../src/domain/routing.js';
import { createLogger } from '../src/server/logger.js';
import { importFiles } from '../src/services/import.js';
import {
  createNotifier,
  CROSSING_INCLUDE,
  DEFAULT_NOTIFIER_SETTINGS,
  notifiedCrossing,
} from '../src/services/notifier.js';
import { freshDatabase, monthlyFiles, percentile, round, time, type Backend } from './support.js';

export interface NotificationBenchResult {
  backend: Backend;
  receivers: number;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  latencySamples: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyMaxMs: number;
  pollMs: number;
}

const OWNER = 'key:bench';

/** A webhook endpoint that notes when each message arrives, by its webhook-id, and the cursors it lists. */
async function startHook() {
  const arrivals = new Map<string, { at: number; cursors: string[] }>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { events?: { cursor: string }[] } };
      arrivals.set(String(request.headers['webhook-id']), {
        at,
        cursors: (body.data.events ?? []).map((event) => event.cursor),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function notificationThroughput(
  backend: Backend,
  { adminUrl, smoke }: { adminUrl: string; smoke: boolean },
): Promise<NotificationBenchResult> {
  const { db, drop } = await freshDatabase(backend, adminUrl);
  const hook = await startHook();
  const settings = { ...DEFAULT_NOTIFIER_SETTINGS, allowed: new Set(['127.0.0.1']) };
  const notifier = createNotifier({ db, logger: createLogger('silent'), settings });
  try {
    const report = await importFiles(db, 'nhse-ae-monthly', monthlyFiles().slice(0, 1), { now: new Date() });
    if (report.errors.length > 0) throw new Error(report.errors[0]!.message);
    const receiverCount = smoke ? 2 : 10;
    const receivers: { id: number }[] = [];
    for (let index = 0; index < receiverCount; index += 1)
      receivers.push(
        await db.prisma.receiver.create({
          data: {
            owner: OWNER,
            name: `hook ${index}`,
            kind: 'WEBHOOK',
            url: hook.url,
            secret: `whsec_${randomBytes(24).toString('base64')}`,
            updatedAt: new Date(),
          },
        }),
      );

    // Throughput: a queue of due messages, each listing a month's events as a group would.
    const crossings = await db.prisma.crossing.findMany({ take: 10, include: CROSSING_INCLUDE });
    const events = crossings.map(notifiedCrossing);
    const messageCount = smoke ? 40 : 1_000;
    const now = new Date();
    await db.prisma.notification.createMany({
      data: Array.from({ length: messageCount }, (_, index) => ({
        messageId: `msg_bench_${index}`,
        receiverId: receivers[index % receiverCount]!.id,
        owner: OWNER,
        kind: 'EVENTS' as const,
        // Each message a group of its own, so that none waits for another.
        groupKey: JSON.stringify(['0', ['bench', String(index)]]),
        events: events as unknown as Prisma.InputJsonValue,
        createdAt: now,
        triesSince: now,
        firstEventAt: now,
        dueAt: now,
      })),
    });
    const [, seconds] = await time(async () => {
      while ((await notifier.sendDue()) > 0);
    });
    const sent = await db.prisma.notification.count({ where: { state: 'SENT' } });
    if (sent !== messageCount || hook.arrivals.size !== messageCount)
      throw new Error(`sent ${sent} and received ${hook.arrivals.size} of ${messageCount} messages`);

    // Latency: one crossing committed at a time, routed by the key's policy (no group wait, no
    // interval) and sent by the running notifier, polling as deployed.
    const policy: RoutingPolicy = {
      route: routeWith({
        groupWaitMs: 0,
        groupIntervalMs: 0,
        routes: [routeWith({ receivers: ['hook 0'], matchers: [{ label: 'kind', op: '=', value: 'crossing' }] })],
      }),
      inhibitRules: [],
      timeIntervals: [],
    };
    await db.prisma.routingPolicy.create({
      data: { owner: OWNER, policy: policy as unknown as Prisma.InputJsonValue, updatedAt: new Date() },
    });
    await notifier.routeOnce();
    notifier.start();
    const latencies: number[] = [];
    const template = crossings[0]!;
    for (let sample = 0; sample < (smoke ? 3 : 20); sample += 1) {
      const { sequence } = await db.prisma.crossing.create({
        data: {
          organisationId: template.organisationId,
          targetId: template.targetId,
          metricId: template.metricId,
          milestoneId: template.milestoneId,
          period: template.period,
          value: template.value,
          threshold: template.threshold,
          direction: template.direction,
          previousState: template.previousState,
          occurredAt: new Date(),
        },
      });
      const committed = performance.now();
      const cursor = sequence.toString();
      const deadline = Date.now() + 30_000;
      let arrived: number | undefined;
      while (arrived === undefined && Date.now() < deadline) {
        arrived = [...hook.arrivals.values()].find((arrival) => arrival.cursors.includes(cursor))?.at;
        if (arrived === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (arrived === undefined) throw new Error(`crossing ${cursor} never arrived`);
      latencies.push(arrived - committed);
    }
    latencies.sort((a, b) => a - b);
    return {
      backend,
      receivers: receiverCount,
      messages: messageCount,
      seconds: round(seconds, 2),
      messagesPerSecond: Math.round(messageCount / seconds),
      latencySamples: latencies.length,
      latencyP50Ms: Math.round(percentile(latencies, 0.5)),
      latencyP95Ms: Math.round(percentile(latencies, 0.95)),
      latencyMaxMs: Math.round(latencies.at(-1)!),
      pollMs: settings.pollMs,
    };
  } finally {
    await notifier.stop();
    await hook.close();
    await drop();
  }
}
