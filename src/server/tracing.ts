import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';

/** The name traces carry for this service unless OTEL_SERVICE_NAME says otherwise. */
const SERVICE_NAME = 'nhs-mandate-graph';

/**
 * OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads it and the
 * other standard OTEL_* variables itself): otherwise nothing is loaded and nothing is wrapped. Spans:
 * one per HTTP request (continuing the caller's `traceparent`), Prisma's for every database
 * operation, and one per plain SQL read (see openDatabase's tracer).
 */
export async function startTracing(
  environment: NodeJS.ProcessEnv = process.env,
): Promise<{ tracer: Tracer; shutdown(): Promise<void> } | null> {
  if (!environment.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  const [
    { NodeTracerProvider },
    { BatchSpanProcessor },
    { OTLPTraceExporter },
    { resourceFromAttributes },
    { PrismaInstrumentation },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@prisma/instrumentation'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': environment.OTEL_SERVICE_NAME ?? SERVICE_NAME }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  const prisma = new PrismaInstrumentation();
  prisma.setTracerProvider(provider);
  prisma.enable();
  return {
    tracer: provider.getTracer(SERVICE_NAME),
    async shutdown() {
      prisma.disable();
      await provider.shutdown();
    },
  };
}

/** Runs an HTTP request inside a server span of its own, continuing the trace its `traceparent` names. */
export function withRequestSpan(tracer: Tracer, handler: (request: IncomingMessage, response: ServerResponse) => void) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const parent = propagation.extract(context.active(), request.headers);
    const path = (request.url ?? '/').split('?')[0];
    const span = tracer.startSpan(
      `${request.method} ${path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method ?? '', 'url.path': path ?? '/' } },
      parent,
    );
    response.once('close', () => {
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), () => handler(request, response));
  };
}

/** Names the request's span after its GraphQL operation, when tracing. */
export function nameOperation(operationName: string | null | undefined): void {
  if (operationName) trace.getActiveSpan()?.setAttribute('graphql.operation.name', operationName);
}
