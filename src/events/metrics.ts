import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Operation names are the client's to choose: beyond this many distinct ones, the rest count as "other". */
const MAX_OPERATION_NAMES = 200;

/**
 * What the process counts, in Prometheus' terms (GET /metrics): one registry per server (never
 * prom-client's global one), made at the composition root and handed to what it counts.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'nmg_process_' });
  const requests = new Counter({
    name: 'nmg_requests_total',
    help: 'HTTP requests, by GraphQL operation name and outcome (ok, client_error, server_error).',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'nmg_request_duration_seconds',
    help: 'Time to answer an HTTP request, by GraphQL operation name and outcome.',
    labelNames: ['operation', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'nmg_graphql_errors_total',
    help: 'GraphQL errors answered, by code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const connections = new Gauge({
    name: 'nmg_open_streams',
    help: 'Open WebSocket connections and SSE streams.',
    labelNames: ['transport'],
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: 'nmg_active_subscriptions',
    help: 'Subscriptions running (over WebSocket and SSE).',
    registers: [registry],
  });
  const published = new Counter({
    name: 'nmg_crossings_published_total',
    help: 'Crossings this instance published after committing them.',
    registers: [registry],
  });
  const delivered = new Counter({
    name: 'nmg_subscription_events_total',
    help: 'Events sent to subscribers.',
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'nmg_crossing_delivery_lag_seconds',
    help: "From a crossing's commit (published by whichever instance wrote it) to this instance handing it to its subscribers.",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'nmg_response_cache_total',
    help: 'Queries the response cache could answer, by result (hit, miss).',
    labelNames: ['result'],
    registers: [registry],
  });
  const imports = new Counter({
    name: 'nmg_imports_total',
    help: 'Imports, by format and outcome (imported, refused).',
    labelNames: ['format', 'outcome'],
    registers: [registry],
  });
  const importedRows = new Counter({
    name: 'nmg_imported_values_total',
    help: 'Values imports recorded, by format and what happened (inserted, revised, unchanged).',
    labelNames: ['format', 'change'],
    registers: [registry],
  });
  const notifications = new Counter({
    name: 'nmg_notification_attempts_total',
    help: 'Tries at sending a notification, by receiver kind and result (sent, retried, failed).',
    labelNames: ['kind', 'result'],
    registers: [registry],
  });
  const notificationLatency = new Histogram({
    name: 'nmg_notification_delivery_seconds',
    help: "From the commit of a notification's first event to the receiver taking it, by receiver kind.",
    labelNames: ['kind'],
    buckets: [0.5, 1, 5, 15, 30, 60, 120, 300, 900, 3600],
    registers: [registry],
  });
  let queue = { depth: 0, oldestAgeSeconds: 0 };
  new Gauge({
    name: 'nmg_notification_queue_depth',
    help: 'Notifications not yet sent (waiting for their group, their turn or a retry), as of the notifier’s last pass.',
    registers: [registry],
    collect() {
      this.set(queue.depth);
    },
  });
  new Gauge({
    name: 'nmg_notification_oldest_unsent_seconds',
    help: 'How long the oldest unsent notification has waited since its first event, as of the notifier’s last pass.',
    registers: [registry],
    collect() {
      this.set(queue.oldestAgeSeconds);
    },
  });
  const operationNames = new Set<string>();
  const operationLabel = (name: string | null) => {
    if (!name) return 'anonymous';
    if (operationNames.has(name) || operationNames.size < MAX_OPERATION_NAMES) {
      operationNames.add(name);
      return name;
    }
    return 'other';
  };

  return {
    registry,
    request(operation: string | null, status: number, seconds: number, codes: readonly string[]) {
      const labels = {
        operation: operationLabel(operation),
        outcome: status >= 500 ? 'server_error' : status >= 400 || codes.length > 0 ? 'client_error' : 'ok',
      };
      requests.inc(labels);
      latency.observe(labels, seconds);
      for (const code of codes) errors.inc({ code });
    },
    /** Counts a stream open; call the result when it closes. */
    streamOpened(transport: 'websocket' | 'sse'): () => void {
      connections.inc({ transport });
      let open = true;
      return () => {
        if (open) connections.dec({ transport });
        open = false;
      };
    },
    subscriptionStarted(): () => void {
      subscriptions.inc();
      let running = true;
      return () => {
        if (running) subscriptions.dec();
        running = false;
      };
    },
    eventDelivered: () => delivered.inc(),
    crossingsPublished: (count: number) => published.inc(count),
    crossingDelivered: (publishedAt: number) => lag.observe(Math.max(0, Date.now() - publishedAt) / 1000),
    responseCache: (result: 'hit' | 'miss') => cache.inc({ result }),
    imported(
      format: string,
      report: { inserted: number; revised: number; unchanged: number; errors: readonly unknown[] },
    ) {
      imports.inc({ format, outcome: report.errors.length > 0 ? 'refused' : 'imported' });
      if (report.errors.length > 0) return;
      for (const change of ['inserted', 'revised', 'unchanged'] as const)
        importedRows.inc({ format, change }, report[change]);
    },
    notificationAttempted(kind: string, result: 'sent' | 'retried' | 'failed', latencySeconds: number | null) {
      notifications.inc({ kind, result });
      if (latencySeconds !== null) notificationLatency.observe({ kind }, latencySeconds);
    },
    notificationQueue: (state: { depth: number; oldestAgeSeconds: number }) => (queue = state),
    /** A gauge read when scraped (the database pool's use, say). */
    gauge(name: string, help: string, read: () => Record<string, number>) {
      new Gauge({
        name,
        help,
        labelNames: ['state'],
        registers: [registry],
        collect() {
          for (const [state, value] of Object.entries(read())) this.set({ state }, value);
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
