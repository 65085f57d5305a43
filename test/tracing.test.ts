import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './support/cli.js';
import { createTestDataDirectory } from './support/database.js';

/** A stand-in OpenTelemetry collector: keeps the spans exporters send it (OTLP over HTTP, JSON). */
async function startCollector() {
  const spans: {
    traceId: string;
    parentSpanId?: string;
    spanId: string;
    name: string;
    kind: number;
    attributes: { key: string; value: Record<string, unknown> }[];
  }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const sent = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: (typeof spans)[number][] }[] }[] };
        for (const resource of sent.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, spans, close: () => new Promise((resolve) => server.close(resolve)) };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('OpenTelemetry traces', () => {
  it("are sent when OTEL_EXPORTER_OTLP_ENDPOINT is set: a span per request, in the caller's trace, with its database calls under it", async () => {
    const collector = await startCollector();
    cleanups.push(collector.close);
    const scratch = mkdtempSync(path.join(tmpdir(), 'nmg-tracing-'));
    cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
    const server = await startServer(
      {
        DATABASE_URL: createTestDataDirectory(path.join(scratch, 'db')),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      ['--no-fixtures'],
    );
    cleanups.push(server.stop);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({
        query:
          'query Board { organisations(filter: { types: [ICB] }, first: 3) { edges { node { odsCode latest(metricCode: "AE_4HR") { value } } } } }',
        operationName: 'Board',
      }),
    });
    expect(response.status).toBe(200);
    const deadline = Date.now() + 15_000;
    const inTrace = () => collector.spans.filter((span) => span.traceId.toLowerCase() === traceId);
    while (Date.now() < deadline && !(inTrace().some((span) => span.kind === 2) && inTrace().length > 2))
      await new Promise((resolve) => setTimeout(resolve, 100));
    const request = inTrace().find((span) => span.kind === 2);
    expect(request).toMatchObject({ name: 'POST /graphql', parentSpanId: '00f067aa0ba902b7' });
    expect(request!.attributes).toContainEqual({ key: 'graphql.operation.name', value: { stringValue: 'Board' } });
    // Database calls (Prisma's operations and plain SQL reads) are spans of the same trace.
    const database = inTrace().filter((span) => span.name.startsWith('prisma:') || span.name === 'db.query');
    expect(database.length, JSON.stringify(collector.spans.map((span) => span.name))).toBeGreaterThan(0);
  });
});
