/**
 * The query shapes' load generator, in a process of its own (forked by queries.ts) so that it does
 * not share a core's event loop with any server: autocannon, one run per message
 * { url, body, connections, seconds }, answered with { requestsPerSecond, p50Ms, p99Ms, requests, failures }.
 */
import autocannon from 'autocannon';

export interface LoadCommand {
  url: string;
  body: string;
  connections: number;
  seconds: number;
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
    duration: command.seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
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
