import { describe, expect, it } from 'vitest';
import { servedTestApi } from '../support/api.js';

const served = servedTestApi();

const READ = '{ mandates { totalCount } }';
const WRITE =
  'mutation { recordMeasurements(input: { source: "csrf", measurements: [{ metricCode: "AE_4HR", odsCode: "RJ1", period: "2025-04", numerator: 1, denominator: 2 }] }) { inserted } }';

describe('requests another site could make a browser send', () => {
  it('refuses a form-like POST without a header that forces a preflight, running nothing', async () => {
    const before = await served.api.db.prisma.auditEntry.count();
    const attempts = [
      fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: WRITE }),
      }),
      fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `query=${encodeURIComponent(WRITE)}`,
      }),
      fetch(served.url, {
        method: 'POST',
        body: (() => {
          const form = new FormData();
          form.set('operations', JSON.stringify({ query: WRITE }));
          return form;
        })(),
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        errors: [{ extensions: { code: 'CSRF_HEADER_REQUIRED' }, message: expect.stringContaining('X-GraphQL-CSRF') }],
      });
    }
    expect(await served.api.db.prisma.auditEntry.count()).toBe(before);
  });

  it('serves GET queries with or without the header (credentials are bearer keys, never cookies), but never a mutation over GET', async () => {
    for (const headers of [{}, { 'x-graphql-csrf': '1' }] as Record<string, string>[]) {
      const get = await fetch(`${served.url}?query=${encodeURIComponent(READ)}`, { headers });
      expect(get.status).toBe(200);
      expect(await get.json()).toEqual({ data: { mandates: { totalCount: 2 } } });
    }
    const before = await served.api.db.prisma.measurement.count();
    const mutation = await fetch(`${served.url}?query=${encodeURIComponent(WRITE)}`, {
      headers: { authorization: `Bearer ${served.api.adminKey}` },
    });
    expect(mutation.status).toBe(405);
    expect(await served.api.db.prisma.measurement.count()).toBe(before);
  });

  it('serves JSON POSTs as they are', async () => {
    const post = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: READ }),
    });
    expect(await post.json()).toEqual({ data: { mandates: { totalCount: 2 } } });
  });
});
