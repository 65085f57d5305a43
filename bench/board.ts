/**
 * The ICB board under load: the dashboard query of all 42 ICBs (region, latest AE_4HR, target
 * standing, 13 months of values) against our server (without and with its response cache), against PostGraphile v4 over the same
 * PostgreSQL database serving the same data through its generated schema, and against a bare
 * node:http server answering with our response's bytes from memory (the machine's ceiling). Each
 * server and the load generator (autocannon) run in processes of their own, on loopback, one
 * target at a time, at 1, 10 and 50 connections.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { applyMigrations } from '../src/db/migrations.js';
import { importFiles } from '../src/services/import.js';
import { seedReferenceData } from '../src/services/seed.js';
import { DEFAULT_RESPONSE_CACHE_ENTRIES } from '../src/server/response-cache.js';
import { startServer, type RunningServer } from '../test/support/cli.js';
import type { LoadCommand, LoadResult } from './board-load.js';
import { benchServerEnv, freshDatabase, monthlyFiles, residentMiB, round } from './support.js';

export interface BoardResult {
  /** 'ours, cached': with the response cache (the default); 'ours': without it; on PostgreSQL unless it says PGlite. */
  server: 'ours' | 'ours, cached' | 'ours (PGlite)' | 'ours, cached (PGlite)' | 'postgraphile' | 'ceiling';
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failures: number;
  /** The server's resident memory after the runs. */
  serverMiB: number;
  responseBytes: number;
}

const OUR_QUERY = `query IcbBoard($metricCode: String!, $from: String, $to: String) {
  organisations(filter: { types: [ICB] }, first: 100) {
    totalCount
    edges { node {
      id odsCode name
      region { odsCode name }
      latest(metricCode: $metricCode) { period value numerator denominator derived }
      standing(metricCode: $metricCode) { state period value threshold distanceToThreshold target { value comparator inForceFrom inForceTo } }
      measurements(metricCode: $metricCode, from: $from, to: $to, first: 24) { totalCount edges { node { period value } } }
    } }
  }
}`;

/**
 * The same data through PostGraphile's generated schema: each ICB with its region and its latest
 * 13 months (the newest is the latest value), and the metric's targets with whom they apply to,
 * from which a client works out the standing (PostGraphile has no notion of it).
 */
const PEER_QUERY = `query IcbBoard($metricId: Int!, $metricCode: String!) {
  allOrganisations(condition: { type: ICB }, orderBy: ODS_CODE_ASC) {
    totalCount
    nodes {
      id odsCode name
      organisationByRegionId { odsCode name }
      measurementsByOrganisationId(condition: { metricId: $metricId }, orderBy: PERIOD_DESC, first: 13) {
        totalCount
        nodes { period value numerator denominator derived }
      }
    }
  }
  allMetrics(condition: { code: $metricCode }) {
    nodes { targetsByMetricId { nodes { value comparator inForceFrom inForceTo targetScopesByTargetId { nodes { organisationType organisationId } } } } }
  }
}`;

function forkReady(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(new URL('./board-peers.ts', import.meta.url), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { type: string; url: string }) => resolve({ child, url: message.url }));
    child.once('exit', (code) => reject(new Error(`board-peers ${args[0]} exited (${code})`)));
  });
}

async function answer(url: string, body: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(`${url} did not answer the board query: ${text.slice(0, 500)}`);
  return text;
}

interface BoardTarget {
  server: BoardResult['server'];
  url: string;
  body: string;
  pid: number;
  bytes: number;
}

/** The load generator's process: `measure` runs a warm-up, then 1, 10 and 50 connections against a target. */
function loadGenerator(smoke: boolean) {
  const load = fork(new URL('./board-load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<never>((_resolve, reject) => load.once('exit', (code) => reject(new Error(`the load generator exited (${code})`))));
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
    async measure(target: BoardTarget): Promise<BoardResult[]> {
      // A short warm-up, so that caches and JIT are as in steady state.
      await run({ url: target.url, body: target.body, connections: 10, seconds: smoke ? 1 : 3 });
      const results: BoardResult[] = [];
      for (const connections of [1, 10, 50]) {
        const result = await run({ url: target.url, body: target.body, connections, seconds: smoke ? 2 : 10 });
        results.push({ server: target.server, connections, ...result, serverMiB: residentMiB(target.pid), responseBytes: target.bytes });
      }
      return results;
    },
    stop: () => load.kill(),
  };
}

export async function icbBoard({ adminUrl, smoke }: { adminUrl: string; smoke: boolean }): Promise<BoardResult[]> {
  const database = await freshDatabase('postgres', adminUrl);
  const processes: { stop(): unknown }[] = [];
  const load = loadGenerator(smoke);
  try {
    const report = await importFiles(database.db, 'nhse-ae-monthly', monthlyFiles(), { now: new Date() });
    if (report.errors.length > 0) throw new Error(report.errors[0]!.message);
    const metric = await database.db.prisma.metric.findUniqueOrThrow({ where: { code: 'AE_4HR' }, select: { id: true } });

    const serverEnv = benchServerEnv(database.url!);
    const ours: RunningServer = await startServer({ ...serverEnv, RESPONSE_CACHE_ENTRIES: '0' }, ['--no-fixtures']);
    processes.push(ours);
    const cached: RunningServer = await startServer(serverEnv, ['--no-fixtures']);
    processes.push(cached);
    const peer = await forkReady(['postgraphile', database.url!]);
    processes.push({ stop: () => peer.child.kill() });

    const ourBody = JSON.stringify({ query: OUR_QUERY, variables: { metricCode: 'AE_4HR', from: '2024-06', to: '2025-06' } });
    const peerBody = JSON.stringify({ query: PEER_QUERY, variables: { metricId: metric.id, metricCode: 'AE_4HR' } });
    const ourAnswer = await answer(ours.url, ourBody);
    const peerAnswer = await answer(peer.url, peerBody);
    checkSameBoard(ourAnswer, peerAnswer);
    const responseFile = path.join(mkdtempSync(path.join(tmpdir(), 'nmg-board-')), 'response.json');
    writeFileSync(responseFile, ourAnswer);
    const ceiling = await forkReady(['ceiling', responseFile]);
    processes.push({ stop: () => ceiling.child.kill() });

    const targets: BoardTarget[] = [
      { server: 'ours' as const, url: ours.url, body: ourBody, pid: ours.pid, bytes: ourAnswer.length },
      { server: 'ours, cached' as const, url: cached.url, body: ourBody, pid: cached.pid, bytes: ourAnswer.length },
      { server: 'postgraphile' as const, url: peer.url, body: peerBody, pid: peer.child.pid!, bytes: peerAnswer.length },
      { server: 'ceiling' as const, url: ceiling.url, body: ourBody, pid: ceiling.child.pid!, bytes: ourAnswer.length },
    ];
    const results: BoardResult[] = [];
    for (const target of targets) results.push(...(await load.measure(target)));
    return results;
  } finally {
    load.stop();
    for (const process of processes) await process.stop();
    await database.drop();
  }
}

/**
 * The same board on the embedded database: our server alone (PostGraphile needs a PostgreSQL
 * server), without and then with its cache, one at a time (an embedded database has one owner).
 */
export async function icbBoardOnPGlite({ smoke }: { smoke: boolean }): Promise<BoardResult[]> {
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
  const body = JSON.stringify({ query: OUR_QUERY, variables: { metricCode: 'AE_4HR', from: '2024-06', to: '2025-06' } });
  const results: BoardResult[] = [];
  try {
    for (const [server, cacheEntries] of [['ours (PGlite)', '0'], ['ours, cached (PGlite)', String(DEFAULT_RESPONSE_CACHE_ENTRIES)]] as const) {
      const running = await startServer({ ...benchServerEnv(`pglite:${dataDir}`), RESPONSE_CACHE_ENTRIES: cacheEntries }, ['--no-fixtures']);
      try {
        const bytes = (await answer(running.url, body)).length;
        results.push(...(await load.measure({ server, url: running.url, body, pid: running.pid, bytes })));
      } finally {
        await running.stop();
      }
    }
    return results;
  } finally {
    load.stop();
  }
}

/** Both servers must answer with the same board: 42 ICBs, each with 13 months, the same latest values. */
function checkSameBoard(ourAnswer: string, peerAnswer: string): void {
  const ours = JSON.parse(ourAnswer).data.organisations.edges.map(({ node }: any) => [node.odsCode, node.latest?.value, node.measurements.edges.length]);
  const peers = JSON.parse(peerAnswer).data.allOrganisations.nodes.map((node: any) => [node.odsCode, node.measurementsByOrganisationId.nodes[0]?.value, node.measurementsByOrganisationId.nodes.length]);
  const key = (rows: unknown[][]) => JSON.stringify([...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  if (ours.length !== 42 || key(ours) !== key(peers)) throw new Error(`the two servers answer different boards:\n${key(ours).slice(0, 300)}\n${key(peers).slice(0, 300)}`);
}

/** Ours ÷ PostGraphile at each number of connections: throughput (higher is better) and p99 (lower is better). */
export function boardRatios(results: readonly BoardResult[]) {
  return [1, 10, 50].map((connections) => {
    const find = (server: BoardResult['server']) => results.find((result) => result.server === server && result.connections === connections);
    const peer = find('postgraphile');
    const ceiling = find('ceiling');
    const versus = (ours: BoardResult | undefined) => ({
      throughputRatio: ours && peer ? round(ours.requestsPerSecond / peer.requestsPerSecond, 2) : Number.NaN,
      p99Ratio: ours && peer ? round(ours.p99Ms / Math.max(peer.p99Ms, 0.001), 2) : Number.NaN,
      ofCeiling: ours && ceiling ? round(ours.requestsPerSecond / ceiling.requestsPerSecond, 3) : Number.NaN,
    });
    return { connections, uncached: versus(find('ours')), cached: versus(find('ours, cached')) };
  });
}
