/**
 * The query shapes frontends send (shapes.ts) under load: ours without its response cache, ours with
 * it, PostGraphile 5 over the same PostgreSQL database (peer.ts: fetched by the bench, on Node 22),
 * and a bare node:http server answering our response's bytes from memory (the machine's ceiling).
 * Before a shape is measured, ours and the peer's answers must agree row for row. Each server and the
 * load generator (autocannon) run in processes of their own, on loopback, one target at a time, at
 * 1, 10 and 50 connections. The ICB board also runs on PGlite (ours alone: the peer needs a server).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { applyMigrations } from '../src/db/migrations.js';
import { importFiles } from '../src/services/import.js';
import { seedReferenceData } from '../src/services/seed.js';
import { DEFAULT_RESPONSE_CACHE_ENTRIES } from '../src/server/response-cache.js';
import { startServer, type RunningServer } from '../test/support/cli.js';
import type { LoadCommand, LoadResult } from './http-load.js';
import { installPeer, PEER_VERSIONS, startPeer } from './peer.js';
import { ICB_BOARD, queryShapes, type Request, type Shape } from './shapes.js';
import { benchServerEnv, forkUntilReady, freshDatabase, monthlyFiles, residentMiB, round } from './support.js';

export const PEER = `PostGraphile ${PEER_VERSIONS.postgraphile}`;

export interface QueryResult {
  shape: string;
  /** 'ours, cached': with the response cache (the default); 'ours': without it; on PostgreSQL unless it says PGlite. */
  server:
    'ours' | 'ours, 2 workers' | 'ours, cached' | 'ours (PGlite)' | 'ours, cached (PGlite)' | typeof PEER | 'ceiling';
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failures: number;
  /** The server's resident memory after the runs (with its workers'). */
  serverMiB: number;
  responseBytes: number;
}

export interface QueryRun {
  results: QueryResult[];
  /** Why the peer was not measured, when it was not. */
  peerUnavailable: string | null;
}

/** A server's answer to a request, as text; a GraphQL error or a failed request ends the run. */
async function answer(url: string, request: Request): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(`${url} did not answer: ${text.slice(0, 500)}`);
  return text;
}
const data = async (url: string, request: Request) => JSON.parse(await answer(url, request)).data;

interface Target {
  shape: string;
  server: QueryResult['server'];
  url: string;
  body: string;
  pid: number;
  bytes: number;
}

/** The load generator's process: `measure` runs a warm-up, then each number of connections against a target. */
function loadGenerator(smoke: boolean) {
  const load = fork(new URL('./http-load.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_resolve, reject) =>
    load.once('exit', (code) => reject(new Error(`the load generator exited (${code})`))),
  );
  exited.catch(() => {});
  const run = (command: LoadCommand) =>
    Promise.race([
      new Promise<LoadResult>((resolve) => {
        load.once('message', (result: LoadResult) => resolve(result));
        load.send(command);
      }),
      exited,
    ]);
  return {
    async measure(target: Target): Promise<QueryResult[]> {
      // A short warm-up, so that caches and JIT are as in steady state (a smoke run measures nothing to keep).
      if (!smoke) await run({ url: target.url, body: target.body, connections: 10, load: { seconds: 3 } });
      const results: QueryResult[] = [];
      for (const connections of smoke ? [10] : [1, 10, 50]) {
        const load = smoke ? { requests: 2 * connections } : { seconds: 8 };
        const result = await run({ url: target.url, body: target.body, connections, load });
        results.push({
          shape: target.shape,
          server: target.server,
          connections,
          ...result,
          serverMiB: residentMiB(target.pid),
          responseBytes: target.bytes,
        });
      }
      return results;
    },
    stop: () => load.kill(),
  };
}

/** Throws unless both answers reduce to the same rows. */
function checkAgree(shape: Shape, ours: unknown, peer: unknown): void {
  const [ourRows, peerRows] = [shape.ourRows(ours), shape.peerRows(peer)];
  if (ourRows.length === 0 || !isDeepStrictEqual(ourRows, peerRows)) {
    throw new Error(
      `${shape.name}: ours and ${PEER} answer differently:\n${JSON.stringify(ourRows).slice(0, 400)}\n${JSON.stringify(peerRows).slice(0, 400)}`,
    );
  }
}

/** With `redisUrl`, ours uncached also runs as two processes on one port (serve --workers 2). */
export async function queriesUnderLoad({
  adminUrl,
  redisUrl,
  smoke,
}: {
  adminUrl: string;
  redisUrl: string | null;
  smoke: boolean;
}): Promise<QueryRun> {
  const database = await freshDatabase('postgres', adminUrl);
  const processes: { stop(): unknown }[] = [];
  const load = loadGenerator(smoke);
  try {
    const report = await importFiles(database.db, 'nhse-ae-monthly', monthlyFiles(), { now: new Date() });
    if (report.errors.length > 0) throw new Error(report.errors[0]!.message);

    const serverEnv = benchServerEnv(database.url!);
    const ours: RunningServer = await startServer({ ...serverEnv, RESPONSE_CACHE_ENTRIES: '0' }, ['--no-fixtures']);
    processes.push(ours);
    const cached: RunningServer = await startServer(serverEnv, ['--no-fixtures']);
    processes.push(cached);
    const twoWorkers = redisUrl
      ? await startServer(
          {
            ...serverEnv,
            RESPONSE_CACHE_ENTRIES: '0',
            REDIS_URL: redisUrl,
            REDIS_CHANNEL: `nmg-bench-${process.pid}-${Date.now()}`,
          },
          ['--no-fixtures', '--workers', '2'],
        )
      : null;
    if (twoWorkers) processes.push(twoWorkers);
    const install = await installPeer();
    const peer = 'unavailable' in install ? null : await startPeer(install, database.url!);
    if (peer) processes.push({ stop: () => peer.child.kill() });
    const peerUnavailable = 'unavailable' in install ? install.unavailable : null;
    if (peerUnavailable) console.log(`${PEER} is not measured: ${peerUnavailable}`);

    const shapes = await queryShapes(database.db, {
      ours: (request) => data(ours.url, request),
      peer: peer ? (request) => data(peer.url, request) : null,
    });
    const results: QueryResult[] = [];
    const folder = mkdtempSync(path.join(tmpdir(), 'nmg-queries-'));
    for (const [index, shape] of shapes.entries()) {
      const ourBody = JSON.stringify(shape.ours);
      const ourAnswer = await answer(ours.url, shape.ours);
      const targets: Target[] = [
        { shape: shape.name, server: 'ours', url: ours.url, body: ourBody, pid: ours.pid, bytes: ourAnswer.length },
        {
          shape: shape.name,
          server: 'ours, cached',
          url: cached.url,
          body: ourBody,
          pid: cached.pid,
          bytes: ourAnswer.length,
        },
        ...(twoWorkers
          ? [
              {
                shape: shape.name,
                server: 'ours, 2 workers' as const,
                url: twoWorkers.url,
                body: ourBody,
                pid: twoWorkers.pid,
                bytes: ourAnswer.length,
              },
            ]
          : []),
      ];
      if (peer) {
        const peerAnswer = await answer(peer.url, shape.peer);
        checkAgree(shape, JSON.parse(ourAnswer).data, JSON.parse(peerAnswer).data);
        targets.push({
          shape: shape.name,
          server: PEER,
          url: peer.url,
          body: JSON.stringify(shape.peer),
          pid: peer.child.pid!,
          bytes: peerAnswer.length,
        });
      }
      const responseFile = path.join(folder, `${index}.json`);
      writeFileSync(responseFile, ourAnswer);
      const ceiling = await forkUntilReady(
        new URL('./http-ceiling.ts', import.meta.url),
        [responseFile],
        'the ceiling server',
      );
      try {
        targets.push({
          shape: shape.name,
          server: 'ceiling',
          url: ceiling.url,
          body: ourBody,
          pid: ceiling.child.pid!,
          bytes: ourAnswer.length,
        });
        for (const target of targets) results.push(...(await load.measure(target)));
      } finally {
        ceiling.child.kill();
      }
    }
    return { results, peerUnavailable };
  } finally {
    load.stop();
    for (const process of processes) await process.stop();
    await database.drop();
  }
}

/**
 * The ICB board on the embedded database: our server alone (the peer needs a PostgreSQL server),
 * without and then with its cache, one at a time (an embedded database has one owner).
 */
export async function icbBoardOnPGlite({ smoke }: { smoke: boolean }): Promise<QueryResult[]> {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'nmg-board-pglite-')), 'data');
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await applyMigrations(db);
    await seedReferenceData(db);
    const report = await importFiles(db, 'nhse-ae-monthly', monthlyFiles(), { now: new Date() });
    if (report.errors.length > 0) throw new Error(report.errors[0]!.message);
  } finally {
    await db.close();
  }
  const load = loadGenerator(smoke);
  const results: QueryResult[] = [];
  try {
    for (const [server, cacheEntries] of [
      ['ours (PGlite)', '0'],
      ['ours, cached (PGlite)', String(DEFAULT_RESPONSE_CACHE_ENTRIES)],
    ] as const) {
      const running = await startServer(
        { ...benchServerEnv(`pglite:${dataDir}`), RESPONSE_CACHE_ENTRIES: cacheEntries },
        ['--no-fixtures'],
      );
      try {
        const bytes = (await answer(running.url, ICB_BOARD.ours)).length;
        results.push(
          ...(await load.measure({
            shape: ICB_BOARD.name,
            server,
            url: running.url,
            body: JSON.stringify(ICB_BOARD.ours),
            pid: running.pid,
            bytes,
          })),
        );
      } finally {
        await running.stop();
      }
    }
    return results;
  } finally {
    load.stop();
  }
}

/** Ours ÷ the peer for each shape and number of connections: throughput (higher is better) and p99 (lower is better). */
export function queryRatios(results: readonly QueryResult[]) {
  const pairs = [
    ...new Set(
      results
        .filter((result) => result.server === 'ours')
        .map((result) => `${result.shape}\u0000${result.connections}`),
    ),
  ];
  return pairs.map((pair) => {
    const [shape, connectionsText] = pair.split('\u0000') as [string, string];
    const connections = Number(connectionsText);
    const find = (server: QueryResult['server']) =>
      results.find(
        (result) => result.shape === shape && result.server === server && result.connections === connections,
      );
    const peer = find(PEER);
    const ceiling = find('ceiling');
    const versus = (ours: QueryResult | undefined) => ({
      throughputRatio: ours && peer ? round(ours.requestsPerSecond / peer.requestsPerSecond, 2) : Number.NaN,
      p99Ratio: ours && peer ? round(ours.p99Ms / Math.max(peer.p99Ms, 0.001), 2) : Number.NaN,
      ofCeiling: ours && ceiling ? round(ours.requestsPerSecond / ceiling.requestsPerSecond, 3) : Number.NaN,
    });
    return {
      shape,
      connections,
      uncached: versus(find('ours')),
      twoWorkers: versus(find('ours, 2 workers')),
      cached: versus(find('ours, cached')),
    };
  });
}
