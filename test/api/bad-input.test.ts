import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

async function tableCounts() {
  const prisma = api.db.prisma;
  return {
    organisations: await prisma.organisation.count(),
    mandates: await prisma.mandate.count(),
    milestones: await prisma.milestone.count(),
    targets: await prisma.target.count(),
    measurements: await prisma.measurement.count(),
  };
}

const organisationId = (id: number) => Buffer.from(`Organisation:${id}`).toString('base64');

// Each: what is sent, the HTTP status, and the error code (or message fragment) expected.
const cases: { name: string; body: unknown; status: number; code?: string; message?: RegExp }[] = [
  { name: 'a syntax error', body: { query: '{ mandates { ' }, status: 400, code: 'GRAPHQL_PARSE_FAILED', message: /Syntax Error/ },
  { name: 'an unknown field', body: { query: '{ mandates { edges { node { budget } } } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Cannot query field "budget"/ },
  { name: 'an unknown root field', body: { query: '{ everything }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a missing required argument', body: { query: '{ mandate { slug } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /argument "slug"/ },
  { name: 'a variable of the wrong type', body: { query: 'query($n: Int) { mandates(first: $n) { totalCount } }', variables: { n: 'ten' } }, status: 400, code: 'BAD_USER_INPUT', message: /Int cannot represent/ },
  { name: 'a float where an Int is wanted', body: { query: '{ mandates(first: 1.5) { totalCount } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a negative page size', body: { query: '{ organisations(first: -1) { totalCount } }' }, status: 200, code: 'BAD_USER_INPUT', message: /first/ },
  { name: 'a malformed cursor', body: { query: '{ organisations(first: 2, after: "%%%") { totalCount } }' }, status: 200, code: 'BAD_USER_INPUT', message: /cursor/i },
  { name: 'an impossible date', body: { query: '{ organisation(odsCode: "QE1") { nameOn(date: "2025-02-30") } }' }, status: 400, code: 'BAD_USER_INPUT', message: /calendar date/ },
  { name: 'a date in another format', body: { query: 'query($d: Date!) { organisation(odsCode: "QE1") { nameOn(date: $d) } }', variables: { d: '01/02/2025' } }, status: 400, code: 'BAD_USER_INPUT', message: /YYYY-MM-DD/ },
  { name: 'a malformed period', body: { query: '{ organisation(odsCode: "QE1") { measurements(metricCode: "AE_4HR", from: "2025-13") { totalCount } } }' }, status: 200, code: 'BAD_USER_INPUT', message: /period/ },
  { name: 'a huge search string', body: { query: 'query($s: String) { organisations(filter: { search: $s }) { totalCount } }', variables: { s: 'x'.repeat(100_000) } }, status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a huge ODS code', body: { query: 'query($c: String!) { organisation(odsCode: $c) { name } }', variables: { c: 'Q'.repeat(5000) } }, status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an unknown enum value', body: { query: '{ organisations(filter: { types: [HOSPITAL] }) { totalCount } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a malformed global ID', body: { query: '{ node(id: "not-an-id") { id } }' }, status: 200, code: 'INVALID_ID' },
  { name: 'an ID with a SQL payload', body: { query: `{ node(id: "${Buffer.from("Organisation:1 OR 1=1").toString('base64')}") { id } }` }, status: 200, code: 'INVALID_ID' },
  { name: 'a mutation the schema does not have', body: { query: 'mutation { dropAllTables }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /dropAllTables/ },
  { name: 'a subscription the schema does not have', body: { query: 'subscription { everything }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /everything/ },
  { name: 'no query at all', body: {}, status: 400, code: 'BAD_REQUEST', message: /Must provide query string/ },
  { name: 'a body that is not JSON', body: '{"query": ', status: 400, code: 'BAD_REQUEST', message: /POST body sent invalid JSON/ },
  { name: 'a query that is not a string', body: { query: 42 }, status: 400, code: 'BAD_REQUEST', message: /query/ },
  { name: 'variables that are not an object', body: { query: '{ mandates { totalCount } }', variables: [1, 2] }, status: 400, code: 'BAD_REQUEST', message: /variables/ },
];

describe('bad input', () => {
  it.each(cases)('answers $name with a clear error and changes nothing', async ({ body, status, code, message }) => {
    const before = await tableCounts();
    const response = await api.post(body);
    expect(response.status).toBe(status);
    const errors = response.json.errors ?? [];
    expect(errors.length, JSON.stringify(response.json)).toBeGreaterThan(0);
    const first = errors[0]!;
    if (code) expect(first.extensions?.code, JSON.stringify(first)).toBe(code);
    if (message) expect(first.message).toMatch(message);
    expect(JSON.stringify(response.json)).not.toMatch(/at .*\.ts:\d+|node_modules|Prisma|stack/i);
    expect(await tableCounts()).toEqual(before);
  });

  it('caps a page at 100 items rather than loading everything asked for', async () => {
    const response = await api.post({ query: '{ organisations(first: 1000) { totalCount edges { node { odsCode } } } }' });
    expect(response.json.errors).toBeUndefined();
    const { organisations } = response.json.data as { organisations: { totalCount: number; edges: unknown[] } };
    expect(organisations.edges).toHaveLength(100);
    expect(organisations.totalCount).toBe(364);
  });

  it('answers null, not an error, for things that do not exist', async () => {
    const response = await api.post({
      query: `{ mandate(slug: "1999") { slug } organisation(odsCode: "ZZZ") { name } metric(code: "NOPE") { code } node(id: "${organisationId(987654)}") { id } }`,
    });
    expect(response.json).toEqual({ data: { mandate: null, organisation: null, metric: null, node: null } });
  });

  it('stays healthy after all of it', async () => {
    const health = await api.app.yoga.fetch('http://test/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const response = await api.post({ query: '{ mandates { totalCount } }' });
    expect(response.json).toEqual({ data: { mandates: { totalCount: 2 } } });
  });
});
