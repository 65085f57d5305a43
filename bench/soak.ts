/**
 * The soak (off by default: `--soak`, `--soak-minutes <n>`, default 10): one server on PostgreSQL with the 13 months
 * loaded, for the given minutes under a mix of what its users do at once: queries at 10
 * connections (the ICB board and one organisation's history, by turns, from the autocannon
 * process), 100 graphql-ws subscribers on crossings (their own process), and a write every 5
 * seconds that revises trusts' values (so crossings flow and cached answers are invalidated). The
 * server's resident memory and its live heap (after a full collection, asked through its
 * inspector) are sampled after each 30-second round; the aim is under 10% growth from the first
 * round (once warm) to the last.
 */
import { fork } from 'node:child_process';
import { createApiKey } from '../src/services/api-keys.js';
import { importFiles } from '../src/services/import.js';
import { startServer } from '../test/support/cli.js';
import type { LoadCommand, LoadResult } from './http-load.js';
import type { SubscriberCommand, SubscriberMessage } from './fanout-subscribers.js';
import { benchServerEnv, freshDatabase, monthlyFiles, residentMiB, round } from './support.js';
import { WebSocket } from 'ws';

/** A DevTools protocol session with the server process (started with --inspect), from the address it printed. */
async function connectInspector(serverOutput: string) {
  const address = /Debugger listening on (ws:\/\/\S+)/.exec(serverOutput)?.[1];
  if (!address) throw new Error(`the server printed no inspector address:\n${serverOutput.slice(0, 500)}`);
  const socket = new WebSocket(address);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let lastId = 0;
  const call = <T>(method: string) =>
    new Promise<T>((resolve, reject) => {
      const id = (lastId += 1);
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: T; error?: { message: string } };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result as T);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  return {
    async liveHeapMiB(): Promise<number> {
      await call('HeapProfiler.collectGarbage');
      const { usedSize } = await call<{ usedSize: number }>('Runtime.getHeapUsage');
      return round(usedSize / 1024 / 1024, 1);
    },
    close: () => socket.close(),
  };
}

export interface SoakResult {
  minutes: number;
  /** Resident memory after each round, MiB. */
  samplesMiB: number[];
  growthPercent: number;
  /**
   * The JavaScript heap in use right after a full garbage collection, MiB, after each round: what
   * the server still holds on to. Flat while RSS grows means the heap and allocator keep memory
   * they have used, not a leak.
   */
  liveHeapMiB: number[];
  liveHeapGrowthPercent: number;
  requests: number;
  /** Failed queries and writes: a soak with any is not a result. */
  failures: number;
  writes: number;
  deliveries: number;
}

const BOARD =
  '{ organisations(filter: { types: [ICB] }, first: 100) { edges { node { odsCode region { name } latest(metricCode: "AE_4HR") { value } standing(metricCode: "AE_4HR") { state } measurements(metricCode: "AE_4HR", from: "2024-06", to: "2025-06") { edges { node { period value } } } } } } }';
const HISTORY =
  '{ organisation(odsCode: "QKK") { seriesHistory(metricCode: "AE_4HR") { periods { period value state } } } }';
const RECORD =
  'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { inserted revised errors { code } } }';

/** `roundSeconds`: how long each round of load runs before memory is sampled (30; a smoke run uses less). */
export async function soak({
  adminUrl,
  minutes,
  roundSeconds = 30,
}: {
  adminUrl: string;
  minutes: number;
  roundSeconds?: number;
}): Promise<SoakResult> {
  const database = await freshDatabase('postgres', adminUrl);
  const load = fork(new URL('./http-load.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const subscribers = fork(new URL('./fanout-subscribers.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(child: typeof load, message: unknown, accept: (answer: T) => boolean = () => true) =>
    new Promise<T>((resolve) => {
      const onMessage = (answer: T) => {
        if (!accept(answer)) return;
        child.off('message', onMessage);
        resolve(answer);
      };
      child.on('message', onMessage);
      child.send(message as never);
    });
  // The inspector, on loopback, is how the soak asks the server for a full collection and its live heap.
  const server = await startServer(benchServerEnv(database.url!), ['--no-fixtures'], 90_000, ['--inspect=127.0.0.1:0']);
  const inspector = await connectInspector(server.logs());
  let writing: NodeJS.Timeout | undefined;
  try {
    const report = await importFiles(database.db, 'nhse-ae-monthly', monthlyFiles(), { now: new Date() });
    if (report.errors.length > 0) throw new Error(report.errors[0]!.message);
    const { key } = await createApiKey(database.db, { role: 'ADMIN', organisations: [], label: 'soak' }, new Date());
    const trusts = (
      await database.db.prisma.organisation.findMany({
        where: { type: 'TRUST', icbId: { not: null } },
        select: { odsCode: true },
        take: 40,
      })
    ).map(({ odsCode }) => odsCode);
    await ask<SubscriberMessage>(
      subscribers,
      {
        type: 'start',
        urls: [server.url],
        key,
        filters: [{}],
        assignment: Array.from({ length: 100 }, () => 0),
        after: '0',
      } satisfies SubscriberCommand,
      (answer) => answer.type === 'ready',
    );

    let writes = 0;
    let writeFailures = 0;
    const pendingWrites = new Set<Promise<void>>();
    writing = setInterval(() => {
      writes += 1;
      // Alternating well above and well below the target, so that ICB roll-ups cross it.
      const share = writes % 2 === 0 ? 9_500 : 5_000;
      const measurements = trusts.map((odsCode) => ({
        metricCode: 'AE_4HR',
        odsCode,
        period: '2025-06',
        numerator: share,
        denominator: 10_000,
      }));
      const written = fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: RECORD, variables: { i: { source: `soak write ${writes}`, measurements } } }),
      })
        .then(async (response) => {
          const body = (await response.json()) as { data?: { recordMeasurements?: { errors: unknown[] } } };
          if (!response.ok || body.data?.recordMeasurements?.errors.length !== 0) writeFailures += 1;
        })
        .catch(() => {
          writeFailures += 1;
        })
        .finally(() => pendingWrites.delete(written));
      pendingWrites.add(written);
    }, 5_000);

    const samplesMiB: number[] = [];
    const liveHeapMiB: number[] = [];
    let requests = 0;
    let failures = 0;
    const rounds = Math.max(2, Math.round((minutes * 60) / roundSeconds));
    for (let round = 0; round < rounds; round += 1) {
      const command: LoadCommand = {
        url: server.url,
        body: JSON.stringify({ query: round % 2 === 0 ? BOARD : HISTORY }),
        connections: 10,
        load: { seconds: roundSeconds },
      };
      const result = await ask<LoadResult>(load, command);
      requests += result.requests;
      failures += result.failures;
      samplesMiB.push(residentMiB(server.pid));
      liveHeapMiB.push(await inspector.liveHeapMiB());
    }
    clearInterval(writing);
    await Promise.all(pendingWrites);
    const delivered = await ask<SubscriberMessage>(
      subscribers,
      { type: 'report' } satisfies SubscriberCommand,
      (answer) => answer.type === 'report',
    );
    const deliveries = delivered.type === 'report' ? delivered.received.reduce((sum, count) => sum + count, 0) : 0;
    // The first round warms caches and JIT; growth is measured from its end.
    const growth = (samples: number[]) => round(((samples.at(-1)! - samples[0]!) / samples[0]!) * 100, 2);
    return {
      minutes,
      samplesMiB,
      growthPercent: growth(samplesMiB),
      liveHeapMiB,
      liveHeapGrowthPercent: growth(liveHeapMiB),
      requests,
      failures: failures + writeFailures,
      writes,
      deliveries,
    };
  } finally {
    clearInterval(writing);
    inspector.close();
    load.kill();
    subscribers.kill();
    await server.stop();
    await database.drop();
  }
}
