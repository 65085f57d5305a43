/**
 * The query shapes' load generator, in a process of its own (forked by queries.ts) so that it does
 * not share a core's event loop with any server: autocannon, one run per message
 * { url, body, connections, seconds or requests }, answered with { requestsPerSecond, p50Ms, p99Ms, requests, failures }.
 */
import autocannon from 'autocannon';

export interface LoadCommand {
  url: string;
  body: string;
  connections: number;
  /** How long to hold the load, or (a smoke run, which keeps no figures) how many requests to send. */
  load: { seconds: number } | { requests: number };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Errors, timeouts and answers other than 2xx: a run with any is not a result. */
  failures: number;
}

async function measure(command: LoadCommand): Promise<LoadResult> {
  const result = await autocannon({
    url: command.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: command.body,
    connections: command.connections,
    // autocannon samples once a second by default and ends a counted run only at its next sample.
    ...('seconds' in command.load
      ? { duration: command.load.seconds }
      : { amount: command.load.requests, sampleInt: 100 }),
  });
  return {
    requestsPerSecond: 'seconds' in command.load ? result.requests.average : result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

// A load generator that cannot run says so and ends: the bench sees its process exit.
process.on('message', (command: LoadCommand) => {
  measure(command).then(
    (answer) => process.send!(answer),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
