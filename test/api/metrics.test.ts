import { describe, expect, it } from 'vitest';
import { servedTestApi } from '../support/api.js';
import { TEST_DATABASE_KIND } from '../support/database.js';
import { subscribeSse, subscribeWs, wsClient } from '../support/streams.js';

const served = servedTestApi();

async function scrape(key?: string) {
  const response = await fetch(served.url.replace('/graphql', '/metrics'), {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** A sample's value from the text format, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const [series, value] = [line.slice(0, line.lastIndexOf(' ')), line.slice(line.lastIndexOf(' ') + 1)];
    const bare = series.split('{')[0];
    if (bare === name && wanted.every((label) => series.includes(label))) return Number(value);
  }
  return 0;
}

describe('GET /metrics', () => {
  it('is for admin keys only', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(await served.api.createKey('OPS'))).status).toBe(403);
    const admin = await scrape(served.api.adminKey);
    expect(admin.status).toBe(200);
    expect(admin.type).toContain('text/plain');
    expect(admin.text).toContain('# TYPE nmg_requests_total counter');
  });

  it('counts requests by operation and outcome, errors by code, the response cache, streams, subscriptions, crossings and imports', async () => {
    const { api, url } = served;
    const ask = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (let i = 0; i < 3; i += 1)
      await ask({ query: 'query Board { mandates { totalCount } }', operationName: 'Board' });
    await ask({ query: '{ crossings(after: "§§§") { totalCount } }' });

    const ops = await api.createKey('OPS');
    const sse = await subscribeSse(
      url,
      'subscription { thresholdCrossed(filter: { odsCodes: ["RJ1"], organisationTypes: [TRUST] }) { cursor } }',
      {},
      ops,
    );
    const client = wsClient(url, ops);
    const ws = subscribeWs(client, 'subscription { measurementRecorded(filter: { odsCodes: ["RJ1"] }) { value } }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = (await scrape(api.adminKey)).text;
    expect(sample(during, 'nmg_open_streams', { transport: 'sse' })).toBe(1);
    expect(sample(during, 'nmg_open_streams', { transport: 'websocket' })).toBe(1);
    expect(sample(during, 'nmg_active_subscriptions')).toBe(2);

    const imported = await api.post({
      query:
        'mutation($files: [ImportFileInput!]!) { importFiles(format: MEASUREMENTS, files: $files) { inserted crossingsRecorded } }',
      variables: {
        files: [
          {
            name: 'm.csv',
            text: 'metric_code,ods_code,period,value,numerator,denominator\nAE_4HR,RJ1,2025-04,,500,1000\n',
          },
        ],
      },
    });
    expect((imported.json.data as any).importFiles.crossingsRecorded).toBeGreaterThanOrEqual(1);
    await sse.waitFor(1);
    await ws.waitFor(1);
    sse.close();
    ws.close();
    await client.dispose();
    await new Promise((resolve) => setTimeout(resolve, 300));

    const after = (await scrape(api.adminKey)).text;
    expect(sample(after, 'nmg_requests_total', { operation: 'Board', outcome: 'ok' })).toBe(3);
    expect(sample(after, 'nmg_request_duration_seconds_count', { operation: 'Board', outcome: 'ok' })).toBe(3);
    expect(sample(after, 'nmg_graphql_errors_total', { code: 'INVALID_CURSOR' })).toBe(1);
    expect(sample(after, 'nmg_response_cache_total', { result: 'hit' })).toBe(2);
    expect(sample(after, 'nmg_response_cache_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'nmg_crossings_published_total')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'nmg_crossing_delivery_lag_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'nmg_subscription_events_total')).toBeGreaterThanOrEqual(2);
    expect(sample(after, 'nmg_imports_total', { format: 'measurements', outcome: 'imported' })).toBe(1);
    expect(sample(after, 'nmg_imported_values_total', { format: 'measurements', change: 'inserted' })).toBe(1);
    expect(sample(after, 'nmg_open_streams', { transport: 'sse' })).toBe(0);
    expect(sample(after, 'nmg_active_subscriptions')).toBe(0);
    if (TEST_DATABASE_KIND === 'postgres')
      expect(sample(after, 'nmg_database_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
  });
});
