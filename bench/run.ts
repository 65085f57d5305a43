/**
 * `npm run bench`: every benchmark, a table per scenario, and bench/results/<date>.json
 * (<date>-<part>.json for a run of one part).
 *   ingest  rows per second on PGlite and PostgreSQL against the plain-INSERT ceiling (ingest.ts)
 *   queries the query shapes frontends send (the ICB board, a trust ranking, the 2023 mandate's tree,
 *           an organisation's detail, a page of the crossing log by region, 50 node refetches) under
 *           load at 1, 10 and 50 connections: ours without and with the response cache, PostGraphile 5
 *           over the same database (fetched by the bench, on Node 22), each answer checked equal, and
 *           a bare node:http server's ceiling (queries.ts, shapes.ts, peer.ts); the board also on PGlite
 *   watches what 1,000 watches add to a write, in µs per row written (watches.ts)
 *   notifications  signed webhook messages sent per second to receivers on loopback, and the latency
 *           from an event's commit to its receipt, at the deployed poll interval (notifications.ts)
 *   fanout  graphql-ws subscribers on one server process and on two (serve --workers 2, Redis): commit-to-receipt
 *           latency, events lost, server memory (fanout.ts), against the sockets' own ceiling: a
 *           bare ws server sending the same subscribers as many frames (fanout-ceiling.ts)
 * Options: --smoke (small and quick, to keep the bench from rotting; writes no results file),
 * --only <ingest|queries|watches|notifications|fanout|soak|startup>, --subscribers <n,n> (default 1000,10000), --postgres <admin url> (default
 * postgresql://postgres@127.0.0.1:5432/postgres; scratch databases are made beside it),
 * --no-postgres (ingest on PGlite only; no fan-out), --redis <url> (default redis://127.0.0.1:6379),
 * --no-redis (no two-instance fan-out), --cpu-prof <dir> (the fan-out servers write CPU profiles there),
 * --soak (also run the memory soak, soak.ts; --soak-minutes <n>, default 10; a smoke run soaks for 10 seconds).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { icbBoardOnPGlite, PEER, queriesUnderLoad, queryRatios, type QueryResult } from './queries.js';
import { fanOut, type FanOutResult } from './fanout.js';
import { ingest, type IngestResult } from './ingest.js';
import { soak, type SoakResult } from './soak.js';
import { startup, type StartupResult } from './startup.js';
import { watchCost, type WatchCostResult } from './watches.js';
import { notificationThroughput, type NotificationBenchResult } from './notifications.js';
import { printTable, round } from './support.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean' },
    only: { type: 'string' },
    subscribers: { type: 'string' },
    postgres: { type: 'string' },
    'no-postgres': { type: 'boolean' },
    redis: { type: 'string' },
    'no-redis': { type: 'boolean' },
    'cpu-prof': { type: 'string' },
    soak: { type: 'boolean' },
    'soak-minutes': { type: 'string' },
  },
});
const smoke = values.smoke === true;
const adminUrl = values.postgres ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const usePostgres = !values['no-postgres'];
const redisUrl = values['no-redis'] ? null : (values.redis ?? 'redis://127.0.0.1:6379');
const subscriberCounts = (values.subscribers ?? (smoke ? '100' : '1000,10000')).split(',').map(Number);
const runs = (part: string) => values.only === undefined || values.only === part;

const startupResults: StartupResult[] = [];
if (runs('startup')) {
  startupResults.push(...(await startup({ smoke })));
  printTable(
    `Start-up on an existing embedded database ${smoke ? '(smoke: without data)' : 'with the real data'}: from spawning \`serve\` to the first healthy /health, and the resident memory then`,
    ['how', 'runs', 'median s', 'min s', 'max s', 'RSS MiB (median)'],
    startupResults.map((r) => [r.way, r.runs, r.medianSeconds, r.minSeconds, r.maxSeconds, r.medianMiB]),
  );
}

const ingestResults: IngestResult[] = [];
if (runs('ingest')) {
  ingestResults.push(...(await ingest('pglite', { adminUrl, smoke })));
  if (usePostgres) ingestResults.push(...(await ingest('postgres', { adminUrl, smoke })));
  printTable(
    'Ingest',
    ['scenario', 'backend', 'rows', 'seconds', 'rows/s', 'note'],
    ingestResults.map((r) => [r.scenario, r.backend, r.rows, r.seconds, r.rowsPerSecond, r.note ?? '']),
  );
  for (const backend of ['pglite', 'postgres']) {
    const find = (role: IngestResult['role']) => ingestResults.find((r) => r.backend === backend && r.role === role);
    const [through, ceiling, table] = [find('mutation'), find('bare ceiling'), find('table ceiling')];
    if (through && ceiling && table) {
      console.log(
        `${backend}: mutation at ${round(through.rowsPerSecond / ceiling.rowsPerSecond, 3)}× the plain-INSERT ceiling (aim: 0.5×), ` +
          `${round(through.rowsPerSecond / table.rowsPerSecond, 3)}× a plain INSERT into the Measurement table; that INSERT alone is ${round(table.rowsPerSecond / ceiling.rowsPerSecond, 3)}× the ceiling`,
      );
    }
  }
}

const queryResults: QueryResult[] = [];
let peerUnavailable: string | null = null;
if (runs('queries')) {
  if (usePostgres) {
    const run = await queriesUnderLoad({ adminUrl, redisUrl, smoke });
    queryResults.push(...run.results);
    peerUnavailable = run.peerUnavailable;
  }
  queryResults.push(...(await icbBoardOnPGlite({ smoke })));
  printTable(
    `Query shapes under load (PostgreSQL unless marked PGlite; each answer checked equal to ${PEER}'s; autocannon in its own process)`,
    [
      'shape',
      'server',
      'connections',
      'req/s',
      'p50 ms',
      'p99 ms',
      'requests',
      'failures',
      'response bytes',
      'server MiB after',
    ],
    queryResults.map((r) => [
      r.shape,
      r.server,
      r.connections,
      round(r.requestsPerSecond, 1),
      r.p50Ms,
      r.p99Ms,
      r.requests,
      r.failures,
      r.responseBytes,
      r.serverMiB,
    ]),
  );
  if (peerUnavailable) console.log(`${PEER} was not measured: ${peerUnavailable}`);
  const ratio = (value: number) => (Number.isNaN(value) ? 'n/a' : value);
  printTable(
    `Ours ÷ ${PEER} (aims: without a cache throughput ≥ 1× with p99 ≤ 1×; with the cache ≥ 10×) and ours ÷ ceiling`,
    [
      'shape',
      'connections',
      'throughput ×',
      'p99 ×',
      'of ceiling',
      '2 workers: throughput ×',
      '2 workers: p99 ×',
      'cached: throughput ×',
      'cached: p99 ×',
      'cached: of ceiling',
    ],
    queryRatios(queryResults).map((r) => [
      r.shape,
      r.connections,
      ratio(r.uncached.throughputRatio),
      ratio(r.uncached.p99Ratio),
      ratio(r.uncached.ofCeiling),
      ratio(r.twoWorkers.throughputRatio),
      ratio(r.twoWorkers.p99Ratio),
      ratio(r.cached.throughputRatio),
      ratio(r.cached.p99Ratio),
      ratio(r.cached.ofCeiling),
    ]),
  );
}

const watchResults: WatchCostResult[] = [];
if (runs('watches')) {
  watchResults.push(...(await watchCost('pglite', { adminUrl, smoke })));
  if (usePostgres) watchResults.push(...(await watchCost('postgres', { adminUrl, smoke })));
  printTable(
    'Watches: one month of A&E values revised (every trust, with its roll-ups), without watches and with them present',
    ['backend', 'watches', 'rows written', 'seconds', 'µs per row', 'watch events'],
    watchResults.map((r) => [r.backend, r.watches, r.rowsWritten, r.seconds, r.microsecondsPerRow, r.watchEvents]),
  );
  for (const backend of ['pglite', 'postgres']) {
    const [without, withWatches] = [
      watchResults.find((r) => r.backend === backend && r.watches === 0),
      watchResults.find((r) => r.backend === backend && r.watches > 0),
    ];
    if (without && withWatches)
      console.log(
        `${backend}: ${withWatches.watches} watches add ${withWatches.microsecondsPerRow - without.microsecondsPerRow} µs per row written (${round(withWatches.seconds / without.seconds, 2)}× the write)`,
      );
  }
}

const notificationResults: NotificationBenchResult[] = [];
if (runs('notifications')) {
  notificationResults.push(await notificationThroughput('pglite', { adminUrl, smoke }));
  if (usePostgres) notificationResults.push(await notificationThroughput('postgres', { adminUrl, smoke }));
  printTable(
    'Notifications: signed webhook messages to receivers on loopback (each claimed, signed, POSTed and recorded), and one event at a time from commit to receipt, routed with no group wait',
    [
      'backend',
      'receivers',
      'messages',
      'seconds',
      'messages/s',
      'latency samples',
      'p50 ms',
      'p95 ms',
      'max ms',
      'poll ms',
    ],
    notificationResults.map((r) => [
      r.backend,
      r.receivers,
      r.messages,
      r.seconds,
      r.messagesPerSecond,
      r.latencySamples,
      r.latencyP50Ms,
      r.latencyP95Ms,
      r.latencyMaxMs,
      r.pollMs,
    ]),
  );
}

const fanOutResults: FanOutResult[] = [];
if (runs('fanout') && usePostgres) {
  for (const subscribers of subscriberCounts) {
    fanOutResults.push(
      await fanOut({ adminUrl, redisUrl, subscribers, instances: 1, cpuProfileDir: values['cpu-prof'] }),
    );
    // The ceiling does not depend on the server's processes: measured once per number of subscribers.
    if (redisUrl)
      fanOutResults.push(
        await fanOut({
          adminUrl,
          redisUrl,
          subscribers,
          instances: 2,
          cpuProfileDir: values['cpu-prof'],
          withCeiling: false,
        }),
      );
  }
  printTable(
    'Fan-out (PostgreSQL; one month imported through the API; latency from commit to receipt; the ceiling: a bare ws server sending each socket as many frames, send to receipt; aims: 10,000 subscribers, p99 within 1.5× the ceiling, none lost)',
    [
      'processes',
      'subscribers',
      'crossings',
      'deliveries',
      'lost',
      'dupes',
      'p50 ms',
      'p99 ms',
      'max ms',
      'ceiling p50/p99 ms',
      'p50 ÷ ceiling',
      'p99 ÷ ceiling',
      'connect s',
      'server MiB idle→subscribed→after',
    ],
    fanOutResults.map((r) => [
      r.instances === 1 ? '1' : '2 workers + Redis',
      r.subscribers,
      r.crossings,
      `${r.delivered}/${r.expected}`,
      r.lost,
      r.duplicates,
      r.p50Ms,
      r.p99Ms,
      r.maxMs,
      r.ceiling ? `${r.ceiling.p50Ms}/${r.ceiling.p99Ms}` : '',
      r.ceiling ? round(r.p50Ms / r.ceiling.p50Ms, 2) : '',
      r.ceiling ? round(r.p99Ms / r.ceiling.p99Ms, 2) : '',
      r.connectSeconds,
      r.serverMiB,
    ]),
  );
  for (const result of fanOutResults)
    if (result.errors.length > 0)
      console.log(
        `errors (${result.instances} instance(s), ${result.subscribers} subscribers): ${result.errors.join('; ')}`,
      );
}

let soakResult: SoakResult | null = null;
if ((values.soak || values.only === 'soak' || (smoke && runs('soak'))) && usePostgres) {
  // A smoke run soaks for two rounds of 5 seconds: enough to keep the scenario from rotting.
  soakResult = await soak(
    smoke ? { adminUrl, minutes: 1 / 6, roundSeconds: 5 } : { adminUrl, minutes: Number(values['soak-minutes'] ?? 10) },
  );
  printTable(
    `Soak (${round(soakResult.minutes, 2)} min of queries at 10 connections, 100 subscribers and a write every 5 s; aim: memory growth under 10%)`,
    [
      'requests',
      'failures',
      'writes',
      'deliveries',
      'server RSS MiB per round',
      'RSS growth %',
      'live heap MiB after a full GC, per round',
      'live heap growth %',
    ],
    [
      [
        soakResult.requests,
        soakResult.failures,
        soakResult.writes,
        soakResult.deliveries,
        soakResult.samplesMiB.join(' '),
        soakResult.growthPercent,
        soakResult.liveHeapMiB.join(' '),
        soakResult.liveHeapGrowthPercent,
      ],
    ],
  );
}

if (!smoke) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  // One file per day and part, so that a run of one part (--only) keeps the others' figures.
  const file = new URL(
    `./results/${new Date().toISOString().slice(0, 10)}${values.only ? `-${values.only}` : ''}.json`,
    import.meta.url,
  );
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(
    file,
    `${JSON.stringify({ machine, startup: startupResults, ingest: ingestResults, queries: queryResults, queryRatios: queryRatios(queryResults), peerUnavailable, watches: watchResults, notifications: notificationResults, fanOut: fanOutResults, soak: soakResult }, null, 2)}\n`,
  );
  console.log(`written ${file.pathname}`);
}
// Fail loudly when the fan-out lost or duplicated events, or a query run saw failed requests, so that a smoke run in CI catches it.
if (
  fanOutResults.some((result) => result.lost > 0 || result.duplicates > 0 || (result.ceiling?.lost ?? 0) > 0) ||
  queryResults.some((result) => result.failures > 0) ||
  (soakResult?.failures ?? 0) > 0
)
  process.exitCode = 1;
