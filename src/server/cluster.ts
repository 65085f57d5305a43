import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../config/logger.js';

/**
 * Several server processes on one port (Node's cluster: the primary accepts connections and hands
 * them to the workers in turn). Each worker is a whole server with its own database pool and event
 * bus; crossings written through one reach the others' subscribers through Redis, and the crossing
 * log and its resume are the database's, so nothing changes for a client whichever worker it meets.
 */

/** What the primary tells its workers: the publications still missing, for /health (it shrinks as downloads arrive). */
export interface WorkerBriefing {
  type: 'nmg-briefing';
  missingSources: string[];
}

const BRIEFING_WANTED = 'nmg-briefing-wanted';
const isBriefing = (message: unknown): message is WorkerBriefing =>
  (message as { type?: unknown } | null)?.type === 'nmg-briefing';

export interface WorkerPool {
  /** Where the workers listen, as a single server's start() says it. */
  url: string;
  /** Tells every worker what is missing now. */
  brief(missingSources: readonly string[]): void;
  /** Stops every worker (SIGTERM, then SIGKILL after the deadline) and resolves when all have exited. */
  stop(): Promise<void>;
}

const START_DEADLINE_MS = 120_000;
const STOP_DEADLINE_MS = 30_000;
const RESTART_DELAY_MS = 1_000;

/** Forks `count` workers running this same command, and resolves once every one is listening. */
export function startWorkers(
  count: number,
  host: string,
  missingSources: readonly string[],
  logger: Logger,
): Promise<WorkerPool> {
  let stopping = false;
  let briefing: WorkerBriefing = { type: 'nmg-briefing', missingSources: [...missingSources] };
  const workers = new Set<Worker>();
  const fork = () => {
    const worker = cluster.fork();
    workers.add(worker);
    // Asked for by the worker once it listens: a message sent before then would be lost.
    worker.on('message', (message: { type?: unknown } | null) => {
      if (message?.type === BRIEFING_WANTED) worker.send(briefing);
    });
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      // A worker that dies is replaced; its clients reconnect to another meanwhile and resume by cursor.
      logger.error('worker exited: starting another', { worker: worker.id, code, signal });
      setTimeout(() => !stopping && fork(), RESTART_DELAY_MS).unref();
    });
  };
  const pool: Omit<WorkerPool, 'url'> = {
    brief(missing) {
      briefing = { type: 'nmg-briefing', missingSources: [...missing] };
      for (const worker of workers) if (worker.isConnected()) worker.send(briefing);
    },
    async stop() {
      stopping = true;
      await Promise.all(
        [...workers].map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              const deadline = setTimeout(() => worker.process.kill('SIGKILL'), STOP_DEADLINE_MS);
              worker.once('exit', () => {
                clearTimeout(deadline);
                resolve();
              });
              worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
  return new Promise((resolve, reject) => {
    const listening = new Set<number>();
    const deadline = setTimeout(() => {
      cluster.off('listening', onListening);
      void pool
        .stop()
        .then(() =>
          reject(new Error(`the ${count} workers were not all listening within ${START_DEADLINE_MS / 1000} s`)),
        );
    }, START_DEADLINE_MS);
    const onListening = (worker: Worker, address: { port: number }) => {
      listening.add(worker.id);
      if (listening.size < count) return;
      clearTimeout(deadline);
      cluster.off('listening', onListening);
      resolve({ ...pool, url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/graphql` });
    };
    cluster.on('listening', onListening);
    for (let index = 0; index < count; index += 1) fork();
  });
}

/** In a worker: the primary's first briefing (what is missing), and later ones applied to the same list. */
export function awaitBriefing(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const missing: string[] = [];
    const deadline = setTimeout(
      () => reject(new Error(`no word from the primary process within ${START_DEADLINE_MS / 1000} s`)),
      START_DEADLINE_MS,
    );
    process.on('message', (message) => {
      if (!isBriefing(message)) return;
      missing.splice(0, missing.length, ...message.missingSources);
      clearTimeout(deadline);
      resolve(missing);
    });
    process.send!({ type: BRIEFING_WANTED });
  });
}

export const isWorker = () => cluster.isWorker;

/** In a worker that has stopped serving: the channel to the primary would otherwise keep the process alive. */
export function leaveCluster(): void {
  if (process.connected) process.disconnect();
}
