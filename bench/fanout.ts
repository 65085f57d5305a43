/**
 * Fan-out: N graphql-ws subscribers (a mix of filters) on one server process, or on two that share
 * one port, PostgreSQL and Redis (serve --workers 2); one import of a month that causes crossings; the
 * latency from each crossing's commit to each subscriber's receipt (p50, p99, max), the events
 * lost (every subscriber must receive every crossing its filter matches) and the servers' memory.
 * Servers run as `serve` processes and subscribers in a process of their own, all on loopback.
 */
import { fork } from 'node:child_process';
import { importThroughApi } from '../src/cli/import-command.js';
import { createApiKey } from '../src/services/api-keys.js';
import { importFiles } from '../src/services/import.js';
import { startServer, type RunningServer } from '../test/support/cli.js';
import type { CeilingCommand, CeilingMessage } from './fanout-ceiling.js';
import type { SubscriberCommand, SubscriberMessage } from './fanout-subscribers.js';
import { benchServerEnv, freshDatabase, monthlyFiles, percentile, residentMiB, round } from './support.js';

export interface FanOutResult {
  instances: number;
  subscribers: number;
  crossings: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  connectSeconds: number;
  /** The server with its workers: idle, with the subscribers connected, after the fan-out. */
  serverMiB: string;
  errors: string[];
  /** The same subscribers served by a bare `ws` server sending as many frames: send-to-receipt. */
  ceiling: { p50Ms: number; p99Ms: number; lost: number } | null;
}

type Filter = Record<string, unknown>;

async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function codesOfType(url: string, type: string): Promise<string[]> {
  const data = await graphql<{ organisations: { edges: { node: { odsCode: string } }[] } }>(
    url,
    'query($types: [OrganisationType!]) { organisations(filter: { types: $types, includeClosed: false }, first: 100) { edges { node { odsCode } } } }',
    { types: [type] },
  );
  return data.organisations.edges.map((edge) => edge.node.odsCode);
}

/** Crossings after a cursor that a filter matches, counted through the API (the subscribers' own definition). */
async function matchingCrossings(url: string, filter: Filter, after: string): Promise<number> {
  let count = 0;
  let cursor = after;
  for (;;) {
    const data = await graphql<{ crossings: { edges: { cursor: string }[] } }>(
      url,
      'query($filter: CrossingFilter, $after: String) { crossings(filter: $filter, after: $after, first: 100) { edges { cursor } } }',
      { filter, after: cursor },
    );
    count += data.crossings.edges.length;
    if (data.crossings.edges.length < 100) return count;
    cursor = data.crossings.edges.at(-1)!.cursor;
  }
}

/**
 * What operations rooms watch, in proportion: all ICBs (the default), one region's ICBs and
 * trusts, one ICB, and every trust breach.
 */
function filterMix(
  regions: string[],
  icbs: string[],
  subscribers: number,
): { filters: Filter[]; assignment: number[] } {
  const filters: Filter[] = [
    {},
    { organisationTypes: ['TRUST'], directions: ['BREACHED'] },
    ...regions.map((region) => ({ regionOdsCodes: [region], organisationTypes: ['ICB', 'TRUST'] })),
    ...icbs.map((icb) => ({ odsCodes: [icb] })),
  ];
  const assignment = Array.from({ length: subscribers }, (_, index) => {
    const bucket = index % 10;
    if (bucket < 3) return 0;
    if (bucket < 6) return 2 + (index % regions.length);
    if (bucket < 8) return 2 + regions.length + (index % icbs.length);
    return 1;
  });
  return { filters, assignment };
}

/** A helper process (subscribers, the ceiling's server) and how to ask it something and await its answer. */
function forkHelper<Command, Message extends { type: string }>(module: string) {
  const child = fork(new URL(module, import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T extends Message['type']>(command: Command, answer: T) =>
    new Promise<Extract<Message, { type: T }>>((resolve, reject) => {
      const onMessage = (message: Message) => {
        if (message.type !== answer) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<Message, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`${module} exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(command as never);
    });
  return { ask, stop: () => child.exitCode === null && child.kill() };
}

/** Waits for every delivery the subscribers expect, or until nothing more arrives for 10 seconds; then their report. */
async function deliveries(
  ask: ReturnType<typeof forkHelper<SubscriberCommand, SubscriberMessage>>['ask'],
  expected: number,
) {
  let last = -1;
  let quietSince = Date.now();
  for (;;) {
    const { received } = await ask({ type: 'progress' }, 'progress');
    if (received >= expected) break;
    if (received !== last) {
      last = received;
      quietSince = Date.now();
    } else if (Date.now() - quietSince > 10_000) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return ask({ type: 'report' }, 'report');
}

/**
 * The same subscribers (filters and all) on a bare `ws` server that sends each as many frames as
 * ours delivered to it: send-to-receipt p50 and p99, the sockets' own ceiling.
 */
async function ceiling(
  filters: Filter[],
  assignment: number[],
  perFilter: number[],
): Promise<{ p50Ms: number; p99Ms: number; lost: number }> {
  const server = forkHelper<CeilingCommand, CeilingMessage>('./fanout-ceiling.ts');
  const subscribers = forkHelper<SubscriberCommand, SubscriberMessage>('./fanout-subscribers.ts');
  try {
    const { url } = await server.ask({ type: 'listen' }, 'listening');
    await subscribers.ask({ type: 'start', urls: [url], key: 'none', filters, assignment, after: '0' }, 'ready');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await server.ask(
      {
        type: 'broadcast',
        framesPerFilter: Object.fromEntries(
          filters.map((filter, index) => [JSON.stringify(filter), perFilter[index]!]),
        ),
      },
      'sent',
    );
    const expected = assignment.reduce((sum, filterIndex) => sum + perFilter[filterIndex]!, 0);
    const report = await deliveries(subscribers.ask, expected);
    const latencies = report.latenciesMs.sort((a, b) => a - b);
    return {
      p50Ms: round(percentile(latencies, 0.5), 1),
      p99Ms: round(percentile(latencies, 0.99), 1),
      lost: expected - report.received.reduce((sum, count) => sum + count, 0),
    };
  } finally {
    subscribers.stop();
    server.stop();
  }
}

export async function fanOut({
  adminUrl,
  redisUrl,
  subscribers: subscriberCount,
  instances,
  cpuProfileDir,
  withCeiling = true,
}: {
  adminUrl: string;
  redisUrl: string | null;
  subscribers: number;
  instances: 1 | 2;
  /** Where the servers write a CPU profile each (node --cpu-prof), if anywhere. */
  cpuProfileDir?: string | undefined;
  /** Also measure the same deliveries from a bare `ws` server (see ceiling). */
  withCeiling?: boolean;
}): Promise<FanOutResult> {
  const database = await freshDatabase('postgres', adminUrl);
  let server: RunningServer | null = null;
  const files = monthlyFiles();
  const subscribers = forkHelper<SubscriberCommand, SubscriberMessage>('./fanout-subscribers.ts');
  const ask = subscribers.ask;
  try {
    // Every month but the last is already in; importing the last is what causes the crossings.
    for (const file of files.slice(0, -1)) {
      const report = await importFiles(database.db, 'nhse-ae-monthly', [file], { now: new Date() });
      if (report.errors.length > 0) throw new Error(report.errors[0]!.message);
    }
    const { key } = await createApiKey(
      database.db,
      { role: 'OPS', organisations: [], label: 'bench subscribers' },
      new Date(),
    );
    const { key: writerKey } = await createApiKey(
      database.db,
      { role: 'ADMIN', organisations: [], label: 'bench import' },
      new Date(),
    );
    const startCursor = String(
      (await database.db.prisma.crossing.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n,
    );
    const channel = `nmg-bench-${process.pid}-${Date.now()}`;
    // Two processes are `serve --workers 2`: one port, the primary handing connections to each in turn.
    server = await startServer(
      { ...benchServerEnv(database.url!), REDIS_URL: instances > 1 ? redisUrl! : '', REDIS_CHANNEL: channel },
      ['--no-fixtures', '--workers', String(instances)],
      90_000,
      cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [],
    );
    const { url, pid } = server;
    const idle = residentMiB(pid);
    const { filters, assignment } = filterMix(
      await codesOfType(url, 'REGION'),
      await codesOfType(url, 'ICB'),
      subscriberCount,
    );

    const ready = await ask({ type: 'start', urls: [url], key, filters, assignment, after: startCursor }, 'ready');
    // Subscriptions resume from the cursor, so one that starts late loses nothing (it shows as latency).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const subscribed = residentMiB(pid);

    const report = await importThroughApi(url, writerKey, 'nhse-ae-monthly', files.slice(-1), () => {});
    if (report.errors.length > 0) throw new Error(report.errors[0]!.message);
    const perFilter = await Promise.all(filters.map((filter) => matchingCrossings(url, filter, startCursor)));
    const expectedEach = assignment.map((filterIndex) => perFilter[filterIndex]!);
    const expected = expectedEach.reduce((sum, count) => sum + count, 0);

    const final = await deliveries(ask, expected);
    const after = residentMiB(pid);
    const latencies = final.latenciesMs.sort((a, b) => a - b);
    const bare = withCeiling ? await ceiling(filters, assignment, perFilter) : null;
    return {
      instances,
      subscribers: subscriberCount,
      crossings: report.crossings,
      expected,
      delivered: final.received.reduce((sum, count) => sum + count, 0),
      lost: expectedEach.reduce((sum, count, index) => sum + Math.max(0, count - (final.received[index] ?? 0)), 0),
      duplicates: final.duplicates,
      p50Ms: round(percentile(latencies, 0.5), 1),
      p99Ms: round(percentile(latencies, 0.99), 1),
      maxMs: round(latencies.at(-1) ?? Number.NaN, 1),
      connectSeconds: round(ready.seconds, 1),
      serverMiB: `${idle}→${subscribed}→${after}`,
      errors: final.errors,
      ceiling: bare,
    };
  } finally {
    subscribers.stop();
    await server?.stop();
    await database.drop();
  }
}
