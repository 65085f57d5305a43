import { describe, expect, it } from 'vitest';
import { createTestApi, servedTestApi } from '../support/api.js';
import { subscribeWs, wsClient } from '../support/streams.js';

const served = servedTestApi();

/** organisation → children → edges → node → children → … nested `levels` times. */
const nested = (levels: number) =>
  `{ organisation(odsCode: "Y56") { ${'children(first: 1) { edges { node { '.repeat(levels)}odsCode${' } } }'.repeat(levels)} } }`;

describe('limits on what one request may ask', () => {
  it('refuses documents too deep, too aliased, too long or with too many directives, saying which limit', async () => {
    const cases: [string, string, RegExp, string][] = [
      ['depth', nested(8), /depth/i, 'BAD_USER_INPUT'],
      [
        'cost',
        '{ organisations(first: 100) { edges { node { measurements(metricCode: "AE_4HR", first: 100) { edges { node { organisation { children(first: 100) { edges { node { odsCode } } } } } } } } } } }',
        /could return about 2,0\d\d,\d\d\d objects; the limit is 50,000/,
        'QUERY_TOO_COSTLY',
      ],
      [
        'aliases',
        `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: mandates { totalCount }`).join(' ')} }`,
        /alias/i,
        'BAD_USER_INPUT',
      ],
      ['tokens', `{ mandates { ${'totalCount '.repeat(6_000)}} }`, /token/i, 'GRAPHQL_PARSE_FAILED'],
      ['directives', `{ mandates { totalCount ${'@include(if: true) '.repeat(30)}} }`, /directive/i, 'BAD_USER_INPUT'],
    ];
    for (const [limit, query, message, code] of cases) {
      const { status, json } = await served.api.post({ query });
      expect(status, limit).toBe(400);
      expect(json.errors?.[0]?.message, limit).toMatch(message);
      expect(json.errors?.[0]?.extensions, limit).toMatchObject({ code });
      expect(json.data, limit).toBeUndefined();
    }
    // A query within every limit still runs.
    expect((await served.api.post({ query: nested(2) })).json.errors).toBeUndefined();
  });

  it('refuses an oversize body with 413 before reading it', async () => {
    const { status, json } = await served.api.post(
      JSON.stringify({ query: '{ mandates { totalCount } }', padding: 'x'.repeat(9 * 1024 * 1024) }),
    );
    expect(status).toBe(413);
    expect(json.errors?.[0]).toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('keeps introspection and field suggestions off outside development', async () => {
    const introspection = await served.api.post({ query: '{ __schema { types { name } } }' });
    expect(introspection.json.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await served.api.post({ query: '{ mandate(slug: "2023") { tittle } }' });
    expect(typo.json.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const open = await createTestApi({ development: true });
    try {
      expect((await open.post({ query: '{ __schema { queryType { name } } }' })).json.data).toEqual({
        __schema: { queryType: { name: 'Query' } },
      });
      expect((await open.post({ query: '{ mandate(slug: "2023") { tittle } }' })).json.errors?.[0]?.message).toMatch(
        /Did you mean "title"/,
      );
    } finally {
      await open.close();
    }
  });

  it('applies the same limits over WebSocket, answering on the socket', async () => {
    const client = wsClient(served.url, served.api.adminKey);
    const deep = subscribeWs(
      client,
      `subscription { thresholdCrossed { organisation { ${'children(first: 1) { edges { node { '.repeat(8)}odsCode${' } } }'.repeat(8)} } } }`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(deep.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/depth/i) })]);
    deep.close();
    await client.dispose();
  });
});
