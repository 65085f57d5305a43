import { beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../src/services/api-keys.js';
import { servedTestApi, type TestApi } from '../support/api.js';
import { rawSocket } from '../support/streams.js';

/**
 * Hostile input, over the real server: each case sends something bad over HTTP, SSE or WebSocket,
 * and expects its own clear error (HTTP status and code, or WebSocket close code), the server
 * healthy afterwards and the database unchanged. Refused writes are audited by design, so the
 * audit log may only gain refusals.
 */

// Rate limits off: this file sends far more than a caller may in a minute.
const served = servedTestApi({ trafficLimits: { keyRequestsPerMinute: 0, anonymousRequestsPerMinute: 0 } });
let api: TestApi;
let url: string;
const keys: Record<'reader' | 'ops' | 'trust' | 'icb' | 'revoked' | 'expired', string> = {} as never;

beforeAll(async () => {
  ({ api, url } = served);
  keys.reader = await api.createKey('READER');
  keys.ops = await api.createKey('OPS');
  // Guy's and St Thomas' (RJ1) is in South East London ICB (QKK); Barts (R1H) in North East London (QMF).
  keys.trust = await api.createKey('PARTNER', ['RJ1']);
  keys.icb = await api.createKey('PARTNER', ['QKK']);
  keys.revoked = await api.createKey('PARTNER', ['RJ1']);
  await revokeApiKey(api.db, keys.revoked.split('_')[1]!, new Date());
  keys.expired = await api.createKey('PARTNER', ['RJ1']);
  await api.db.prisma.apiKey.update({
    where: { prefix: keys.expired.split('_')[1]! },
    data: { expiresAt: new Date('2020-01-01T00:00:00Z') },
  });
});

/** What a case observed: the HTTP status or WebSocket close code, and every error code in the answer. */
interface Observed {
  status?: number;
  closeCode?: number;
  codes: string[];
  text: string;
}

/** Every `code` under `errors` anywhere in an answer: GraphQL errors' extensions and payloads' error lists. */
function codesIn(value: unknown, underErrors = false): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => codesIn(item, underErrors));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    if (underErrors && key === 'code' && typeof inner === 'string') return [inner];
    return codesIn(inner, underErrors || key === 'errors' || key === 'extensions');
  });
}

type Auth = keyof typeof keys | 'admin' | 'none' | { header: string };
const authorization = (auth: Auth): Record<string, string> =>
  auth === 'none'
    ? {}
    : typeof auth === 'object'
      ? { authorization: auth.header }
      : { authorization: `Bearer ${auth === 'admin' ? api.adminKey : keys[auth]}` };

async function http(
  body: unknown,
  auth: Auth = 'admin',
  headers: Record<string, string> = {},
  method = 'POST',
  query = '',
): Promise<Observed> {
  const response = await fetch(`${url}${query}`, {
    method,
    // What a GraphQL-over-HTTP client asks for: errors that refuse a request come with their HTTP status.
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...authorization(auth),
      ...headers,
    },
    ...(method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: the codes stay empty and the case fails on them.
  }
  return { status: response.status, codes: codesIn(json), text };
}

/** A POST whose body is streamed in chunks (Transfer-Encoding: chunked, no Content-Length). */
async function chunked(body: string): Promise<Observed> {
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(body));
      controller.close();
    },
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization('admin') },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, codes: codesIn(JSON.parse(text)), text };
}

/** An SSE request: refused outright (status and body), or a stream whose events say what went wrong. */
async function sse(query: string, auth: Auth = 'ops', variables: Record<string, unknown> = {}): Promise<Observed> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authorization(auth) },
    body: JSON.stringify({ query, variables }),
    // A refused stream ends at once; one that went on would be cut off here and fail on its codes.
    signal: AbortSignal.timeout(3_000),
  });
  const text = await response.text().catch(() => '');
  const events = text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)));
  const whole = text.trim().startsWith('{') ? [JSON.parse(text)] : [];
  return { status: response.status, codes: codesIn([...events, ...whole]), text };
}

/** A WebSocket conversation: the messages sent after opening (connection_init first unless told), then what came back or the close. */
async function ws(
  messages: unknown[],
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the compiler needs it: it gives the default its wider type
  { init = 'admin' as Auth | null, protocol = 'graphql-transport-ws', waitMs = 1_000 } = {},
): Promise<Observed> {
  const socket = rawSocket(url, protocol);
  try {
    await socket.opened;
  } catch (error) {
    return { codes: [], text: `handshake refused: ${String(error)}` };
  }
  if (init !== null)
    await socket.init(
      init === 'none'
        ? undefined
        : typeof init === 'object'
          ? undefined
          : init === 'admin'
            ? api.adminKey
            : // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the compiler needs it: it does not narrow `init` to a key of `keys` here
              keys[init as keyof typeof keys],
    );
  for (const message of messages) socket.send(message);
  const closed = await Promise.race([
    socket.closed,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs)),
  ]);
  socket.socket.terminate();
  // An error message's payload is the list of errors; a next message's may carry errors, or a payload's own error list.
  const answers = socket.messages.map((message) =>
    message.type === 'error' ? { errors: message.payload } : message.payload,
  );
  return {
    ...(closed ? { closeCode: closed.code } : {}),
    codes: codesIn(answers),
    text: `${closed?.reason ?? ''} ${JSON.stringify(socket.messages)}`,
  };
}

const RECORD =
  'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { inserted errors { index field code message } } }';
const row = (overrides: Record<string, unknown> = {}) => ({
  metricCode: 'AE_4HR',
  odsCode: 'RJ1',
  period: '2025-04',
  numerator: 800,
  denominator: 1_000,
  ...overrides,
});
const record = (rows: unknown[], auth: Auth = 'admin', source: unknown = 'hostile test') =>
  http({ query: RECORD, variables: { i: { source, measurements: rows } } }, auth);
const nested = (levels: number) =>
  `{ organisation(odsCode: "Y56") { ${'children(first: 1) { edges { node { '.repeat(levels)}odsCode${' } } }'.repeat(levels)} } }`;
const organisationId = (text: string) => Buffer.from(text).toString('base64');
const SUBSCRIBE = 'subscription { thresholdCrossed { cursor } }';
const subscribeMessage = (id: string, query: string) => ({ id, type: 'subscribe', payload: { query } });

interface Expected {
  status?: number;
  closeCode?: number;
  /** The error code the answer must hold. */
  code?: string;
  /** Text the answer (or close reason) must hold. */
  says?: RegExp;
}

const cases: [name: string, send: () => Promise<Observed>, expected: Expected][] = [
  // Documents that are not GraphQL, or not this schema's.
  [
    'a syntax error',
    () => http({ query: '{ mandates { ' }),
    { status: 400, code: 'GRAPHQL_PARSE_FAILED', says: /Syntax Error/ },
  ],
  ['an empty query', () => http({ query: '' }), { status: 400, code: 'GRAPHQL_PARSE_FAILED' }],
  ['no query at all', () => http({}), { status: 400, code: 'BAD_REQUEST', says: /Must provide query string/ }],
  ['a body that is not JSON', () => http('{"query": '), { status: 400, code: 'BAD_REQUEST', says: /invalid JSON/ }],
  ['a query that is not a string', () => http({ query: 42 }), { status: 400, code: 'BAD_REQUEST' }],
  [
    'variables that are not an object',
    () => http({ query: '{ mandates { totalCount } }', variables: [1, 2] }),
    { status: 400, code: 'BAD_REQUEST', says: /variables/ },
  ],
  [
    'an unknown field',
    () => http({ query: '{ mandates { edges { node { budget } } } }' }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', says: /budget/ },
  ],
  [
    'an unknown root field',
    () => http({ query: '{ everything }' }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  ],
  [
    'an unknown argument',
    () => http({ query: '{ mandates(limit: 5) { totalCount } }' }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', says: /limit/ },
  ],
  [
    'a missing required argument',
    () => http({ query: '{ mandate { slug } }' }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', says: /argument \\"slug\\"/ },
  ],
  [
    'an operation name the document lacks',
    () => http({ query: 'query A { mandates { totalCount } }', operationName: 'B' }),
    { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  ],
  [
    'a mutation the schema does not have',
    () => http({ query: 'mutation { dropAllTables }' }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', says: /dropAllTables/ },
  ],
  [
    'a cycle of fragments',
    () =>
      http({
        query:
          '{ mandates { ...a } } fragment a on MandateConnection { ...b } fragment b on MandateConnection { ...a }',
      }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  ],
  [
    'an unknown enum value',
    () => http({ query: '{ organisations(filter: { types: [HOSPITAL] }) { totalCount } }' }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  ],
  [
    'introspection in production',
    () => http({ query: '{ __schema { types { name } } }' }),
    { status: 400, says: /introspection/i },
  ],

  // Documents built to make the server work.
  ['deep nesting', () => http({ query: nested(10) }), { status: 400, says: /depth limit of 24/ }],
  [
    'an alias bomb',
    () => http({ query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: mandates { totalCount }`).join(' ')} }` }),
    { status: 400, says: /alias/i },
  ],
  [
    'a cost bomb of nested pages',
    () =>
      http({
        query:
          '{ organisations(first: 100) { edges { node { children(first: 100) { edges { node { children(first: 100) { edges { node { odsCode } } } } } } } } } }',
      }),
    { status: 400, code: 'QUERY_TOO_COSTLY' },
  ],
  [
    'a token flood',
    () => http({ query: `{ mandates { ${'totalCount '.repeat(10_000)}} }` }),
    { status: 400, code: 'GRAPHQL_PARSE_FAILED', says: /token/i },
  ],
  [
    'a directive flood',
    () => http({ query: `{ mandates { totalCount ${'@include(if: true) '.repeat(100)}} }` }),
    { status: 400, says: /directive/i },
  ],
  [
    'an oversize body',
    () => http(JSON.stringify({ query: '{ mandates { totalCount } }', padding: 'x'.repeat(9 * 1024 * 1024) })),
    { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  ],
  [
    'a body sent in chunks without a length',
    () => chunked(JSON.stringify({ query: '{ mandates { totalCount } }' })),
    { status: 411, code: 'LENGTH_REQUIRED' },
  ],
  [
    'a huge search string',
    () =>
      http({
        query: 'query($s: String) { organisations(filter: { search: $s }) { totalCount } }',
        variables: { s: 'x'.repeat(100_000) },
      }),
    { status: 200, code: 'BAD_USER_INPUT' },
  ],
  [
    'a huge ODS code',
    () =>
      http({ query: 'query($c: String!) { organisation(odsCode: $c) { name } }', variables: { c: 'Q'.repeat(5_000) } }),
    { status: 200, code: 'BAD_USER_INPUT' },
  ],
  [
    'a NUL character in an argument',
    () => http({ query: '{ organisation(odsCode: "QE1\\u0000") { name } }' }),
    { status: 400, code: 'BAD_USER_INPUT', says: /NUL/ },
  ],
  [
    "a NUL character in a filter's variables",
    () =>
      http({
        query: 'query($c: [String!]) { organisations(filter: { odsCodes: $c }) { totalCount } }',
        variables: { c: ['QE1\u0000'] },
      }),
    { status: 400, code: 'BAD_USER_INPUT', says: /NUL/ },
  ],
  [
    'variables nested 100,000 arrays deep',
    () =>
      http(
        `{"query":"query($c: String!) { organisation(odsCode: $c) { name } }","variables":{"c":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
      ),
    { status: 400, code: 'BAD_USER_INPUT', says: /deeper than/ },
  ],
  [
    'a huge list of global IDs',
    () =>
      http({
        query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        variables: { ids: Array.from({ length: 5_000 }, (_, i) => organisationId(`Organisation:${i}`)) },
      }),
    { status: 200, code: 'BAD_USER_INPUT' },
  ],

  // Values of the wrong kind or out of range.
  [
    'a variable of the wrong type',
    () => http({ query: 'query($n: Int) { mandates(first: $n) { totalCount } }', variables: { n: 'ten' } }),
    { status: 400, code: 'BAD_USER_INPUT', says: /Int cannot represent/ },
  ],
  [
    'a float where an Int is wanted',
    () => http({ query: '{ mandates(first: 1.5) { totalCount } }' }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  ],
  [
    'an Int beyond 32 bits',
    () => http({ query: '{ mandates(first: 99999999999) { totalCount } }' }),
    { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  ],
  [
    'a negative page size',
    () => http({ query: '{ organisations(first: -1) { totalCount } }' }),
    { status: 200, code: 'BAD_USER_INPUT', says: /first/ },
  ],
  [
    'a negative page from the end',
    () => http({ query: '{ organisations(last: -3) { totalCount } }' }),
    { status: 200, code: 'BAD_USER_INPUT', says: /last/ },
  ],
  [
    'a malformed cursor',
    () => http({ query: '{ organisations(first: 2, after: "%%%") { totalCount } }' }),
    { status: 200, code: 'BAD_USER_INPUT', says: /cursor/i },
  ],
  [
    'an impossible date',
    () => http({ query: '{ organisation(odsCode: "QE1") { nameOn(date: "2025-02-30") } }' }),
    { status: 400, code: 'BAD_USER_INPUT', says: /calendar date/ },
  ],
  [
    'a date in another format',
    () =>
      http({
        query: 'query($d: Date!) { organisation(odsCode: "QE1") { nameOn(date: $d) } }',
        variables: { d: '01/02/2025' },
      }),
    { status: 400, code: 'BAD_USER_INPUT', says: /YYYY-MM-DD/ },
  ],
  [
    'a malformed period to read',
    () =>
      http({
        query:
          '{ organisation(odsCode: "QE1") { measurements(metricCode: "AE_4HR", from: "2025-13") { totalCount } } }',
      }),
    { status: 200, code: 'BAD_USER_INPUT', says: /period/ },
  ],
  [
    'an unknown metric to read',
    () => http({ query: '{ organisation(odsCode: "QE1") { latest(metricCode: "AE_5HR") { value } } }' }),
    { status: 200, code: 'UNKNOWN_METRIC' },
  ],
  [
    'a malformed global ID',
    () => http({ query: '{ node(id: "not-an-id") { id } }' }),
    { status: 200, code: 'INVALID_ID' },
  ],
  [
    'a global ID with a SQL payload',
    () => http({ query: `{ node(id: "${organisationId('Organisation:1 OR 1=1')}") { id } }` }),
    { status: 200, code: 'INVALID_ID' },
  ],
  [
    'a string for a Float',
    () => record([row({ numerator: 'NaN' })]),
    { status: 400, code: 'BAD_USER_INPUT', says: /Float/ },
  ],
  [
    'Infinity (1e999 in JSON)',
    () =>
      http(
        `{"query": ${JSON.stringify(RECORD)}, "variables": {"i": {"source": "x", "measurements": [{"metricCode": "AE_4HR", "odsCode": "RJ1", "period": "2025-04", "numerator": 1e999, "denominator": 1000}]}}}`,
      ),
    { status: 400, code: 'BAD_USER_INPUT', says: /Float cannot represent/ },
  ],
  [
    'a null where a value is required',
    () => record([row({ metricCode: null })]),
    { status: 400, code: 'BAD_USER_INPUT' },
  ],

  // Measurements that cannot be true.
  [
    'a negative count',
    () => record([row({ metricCode: 'AE_ATTENDANCES', numerator: undefined, denominator: undefined, value: -5 })]),
    { status: 200, code: 'NEGATIVE_VALUE' },
  ],
  [
    'a percentage above 100',
    () => record([row({ numerator: 1_500, denominator: 1_000, value: 150 })]),
    { status: 200, code: 'NUMERATOR_ABOVE_DENOMINATOR' },
  ],
  [
    'a numerator above its denominator',
    () => record([row({ numerator: 1_200 })]),
    { status: 200, code: 'NUMERATOR_ABOVE_DENOMINATOR' },
  ],
  [
    'a zero denominator',
    () => record([row({ numerator: 0, denominator: 0 })]),
    { status: 200, code: 'ZERO_DENOMINATOR' },
  ],
  [
    'a value contradicting its parts',
    () => record([row({ value: 10 })]),
    { status: 200, code: 'VALUE_CONTRADICTS_PARTS' },
  ],
  ['a month that does not exist', () => record([row({ period: '2025-13' })]), { status: 200, code: 'INVALID_PERIOD' }],
  ['a period in another format', () => record([row({ period: '2025/04' })]), { status: 200, code: 'INVALID_PERIOD' }],
  ['a period in the future', () => record([row({ period: '2099-01' })]), { status: 200, code: 'FUTURE_PERIOD' }],
  [
    'a malformed ODS code',
    () => record([row({ odsCode: 'R1\'; DROP TABLE "Measurement"; --' })]),
    { status: 200, code: 'UNKNOWN_ORGANISATION' },
  ],
  [
    'an unknown metric to write',
    () => record([row({ metricCode: 'AE_5HR' })]),
    { status: 200, code: 'UNKNOWN_METRIC' },
  ],
  ['a value for a roll-up', () => record([row({ odsCode: 'QKK' })]), { status: 200, code: 'DERIVED_MEASUREMENT' }],
  ['the same row twice', () => record([row(), row()]), { status: 200, code: 'DUPLICATE_ROW' }],
  [
    'a batch above 10,000 rows',
    () => record(Array.from({ length: 10_001 }, () => row())),
    { status: 200, code: 'BATCH_TOO_LARGE' },
  ],
  ['a huge source', () => record([row()], 'admin', 's'.repeat(100_000)), { status: 200, code: 'INVALID_SOURCE' }],

  // Writes by those who may not.
  [
    'a trust key writing for another trust',
    () => record([row({ odsCode: 'R1H' })], 'trust'),
    { status: 200, code: 'FORBIDDEN_ORGANISATION' },
  ],
  [
    'a trust key writing for its own and another trust',
    () => record([row(), row({ odsCode: 'R1H' })], 'trust'),
    { status: 200, code: 'FORBIDDEN_ORGANISATION' },
  ],
  [
    "an ICB key writing for another ICB's trust",
    () => record([row({ odsCode: 'R1H' })], 'icb'),
    { status: 200, code: 'FORBIDDEN_ORGANISATION' },
  ],
  ['a write with a reader key', () => record([row()], 'reader'), { status: 403, code: 'FORBIDDEN' }],
  ['a write with an ops key', () => record([row()], 'ops'), { status: 403, code: 'FORBIDDEN' }],
  ['a write without a key', () => record([row()], 'none'), { status: 401, code: 'UNAUTHENTICATED' }],
  [
    'a target change by a partner',
    () => http({ query: 'mutation { deleteTarget(id: "VGFyZ2V0OjE=") { deleted } }' }, 'icb'),
    { status: 403, code: 'FORBIDDEN' },
  ],
  [
    'an audit log read by an ops key',
    () => http({ query: '{ auditEntries { totalCount } }' }, 'ops'),
    { status: 403, code: 'FORBIDDEN' },
  ],
  [
    'a target beyond 100%',
    () =>
      http({
        query:
          'mutation { createTarget(input: { milestoneId: "TWlsZXN0b25lOjE=", metricCode: "AE_4HR", comparator: AT_LEAST, value: 150, appliesTo: [{ organisationType: ICB }] }) { errors { code } } }',
      }),
    { status: 200, code: 'OUT_OF_RANGE' },
  ],
  [
    'a registration of an invalid document',
    () => http({ query: 'mutation { registerOperations(documents: ["{ nonsense }"]) { errors { code } } }' }, 'trust'),
    { status: 200, code: 'INVALID_DOCUMENT' },
  ],
  [
    'an unregistered operation hash',
    () => http({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    { status: 400, code: 'PERSISTED_QUERY_NOT_FOUND' },
  ],

  // Credentials that are not.
  [
    'a revoked key',
    () => http({ query: '{ mandates { totalCount } }' }, 'revoked'),
    { status: 401, code: 'UNAUTHENTICATED', says: /revoked/ },
  ],
  [
    'an expired key',
    () => http({ query: '{ mandates { totalCount } }' }, 'expired'),
    { status: 401, code: 'UNAUTHENTICATED', says: /expired/ },
  ],
  [
    '"Bearer" with nothing after it',
    () => http({ query: '{ mandates { totalCount } }' }, { header: 'Bearer' }),
    { status: 401, code: 'UNAUTHENTICATED' },
  ],
  [
    'a Basic credential',
    () => http({ query: '{ mandates { totalCount } }' }, { header: 'Basic YWRtaW46YWRtaW4=' }),
    { status: 401, code: 'UNAUTHENTICATED' },
  ],
  [
    'a malformed key',
    () => http({ query: '{ mandates { totalCount } }' }, { header: 'Bearer nmgk_zz' }),
    { status: 401, code: 'UNAUTHENTICATED' },
  ],
  [
    'a real prefix with a guessed secret',
    () => http({ query: '{ mandates { totalCount } }' }, { header: `Bearer ${keys.reader.slice(0, -5)}AAAAA` }),
    { status: 401, code: 'UNAUTHENTICATED' },
  ],
  [
    'a key with a SQL payload',
    () => http({ query: '{ mandates { totalCount } }' }, { header: "Bearer nmgk_' OR 1=1 --_x" }),
    { status: 401, code: 'UNAUTHENTICATED' },
  ],
  [
    'a form POST from another site',
    () =>
      http(`query=${encodeURIComponent('{ mandates { totalCount } }')}`, 'none', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    { status: 403, code: 'CSRF_HEADER_REQUIRED' },
  ],
  [
    'a mutation over GET',
    () =>
      http(
        null,
        'admin',
        { 'x-graphql-csrf': '1' },
        'GET',
        `?query=${encodeURIComponent('mutation { registerOperations(documents: []) { errors { code } } }')}`,
      ),
    { status: 405, says: /mutation/i },
  ],

  // SSE.
  ['an SSE subscription without a key', () => sse(SUBSCRIBE, 'none'), { status: 401, code: 'UNAUTHENTICATED' }],
  ['an SSE subscription with a reader key', () => sse(SUBSCRIBE, 'reader'), { status: 403, code: 'FORBIDDEN' }],
  ['an SSE subscription with a revoked key', () => sse(SUBSCRIBE, 'revoked'), { status: 401, code: 'UNAUTHENTICATED' }],
  [
    'an SSE subscription from a malformed cursor',
    () => sse('subscription { thresholdCrossed(after: "§§§") { cursor } }'),
    { status: 200, code: 'INVALID_CURSOR' },
  ],
  [
    'an SSE subscription for a metric there is not',
    () => sse('subscription { thresholdCrossed(filter: { metricCodes: ["AE_5HR"] }) { cursor } }'),
    { status: 200, code: 'UNKNOWN_METRIC' },
  ],
  [
    'an SSE subscription for an organisation there is not',
    () => sse('subscription { measurementRecorded(filter: { odsCodes: ["ZZZ99"] }) { value } }'),
    { status: 200, code: 'UNKNOWN_ORGANISATION', says: /ZZZ99/ },
  ],
  [
    'an SSE subscription for a direction there is not',
    () => sse('subscription { thresholdCrossed(filter: { directions: [SIDEWAYS] }) { cursor } }'),
    { code: 'GRAPHQL_VALIDATION_FAILED' },
  ],
  [
    'an SSE subscription nested too deep',
    () =>
      sse(
        `subscription { thresholdCrossed { organisation { ${'children(first: 1) { edges { node { '.repeat(8)}odsCode${' } } }'.repeat(8)} } } }`,
      ),
    { status: 400, says: /depth/ },
  ],
  ['an SSE syntax error', () => sse('subscription { thresholdCrossed {'), { code: 'GRAPHQL_PARSE_FAILED' }],

  // WebSocket (graphql-ws) messages that break the protocol.
  ['a WebSocket message that is not JSON', () => ws(['{not json']), { closeCode: 4400 }],
  ['a WebSocket message of an unknown type', () => ws([{ type: 'gimme' }]), { closeCode: 4400 }],
  ['a WebSocket subscribe without a payload', () => ws([{ id: '1', type: 'subscribe' }]), { closeCode: 4400 }],
  [
    'a WebSocket subscribe before connection_init',
    () => ws([subscribeMessage('1', SUBSCRIBE)], { init: null }),
    { closeCode: 4401 },
  ],
  ['a second connection_init', () => ws([{ type: 'connection_init', payload: {} }]), { closeCode: 4429 }],
  [
    'two WebSocket operations with one id',
    () => ws([subscribeMessage('1', SUBSCRIBE), subscribeMessage('1', SUBSCRIBE)]),
    { closeCode: 4409 },
  ],
  [
    'a WebSocket connection_init with a revoked key',
    () => ws([{ type: 'connection_init', payload: { authorization: `Bearer ${keys.revoked}` } }], { init: null }),
    { closeCode: 4401, says: /revoked/ },
  ],
  [
    'a WebSocket connection_init with a number for a key',
    () => ws([{ type: 'connection_init', payload: { authorization: 12345 } }], { init: null }),
    { closeCode: 4401, says: /must be a string/ },
  ],
  [
    'a WebSocket subscription with a reader key',
    () => ws([subscribeMessage('1', SUBSCRIBE)], { init: 'reader' }),
    { code: 'FORBIDDEN' },
  ],
  [
    'a WebSocket write for another trust',
    () =>
      ws(
        [
          {
            id: '1',
            type: 'subscribe',
            payload: { query: RECORD, variables: { i: { source: 'ws', measurements: [row({ odsCode: 'R1H' })] } } },
          },
        ],
        { init: 'trust' },
      ),
    { code: 'FORBIDDEN_ORGANISATION' },
  ],
  [
    'a WebSocket query with a syntax error',
    () => ws([subscribeMessage('1', '{ mandates {')]),
    { code: 'GRAPHQL_PARSE_FAILED' },
  ],
  [
    'a WebSocket query with a NUL character in its variables',
    () =>
      ws([
        {
          id: '1',
          type: 'subscribe',
          payload: {
            query: 'query($c: String!) { organisation(odsCode: $c) { name } }',
            variables: { c: 'QE1\u0000' },
          },
        },
      ]),
    { code: 'BAD_USER_INPUT' },
  ],
  [
    'a WebSocket query with a NUL character in an argument',
    () => ws([subscribeMessage('1', '{ organisation(odsCode: "QE1\\u0000") { name } }')]),
    { code: 'BAD_USER_INPUT' },
  ],
  [
    'a WebSocket alias bomb',
    () =>
      ws([
        subscribeMessage(
          '1',
          `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: mandates { totalCount }`).join(' ')} }`,
        ),
      ]),
    { says: /alias/i },
  ],
  [
    'a WebSocket message above the body limit',
    () => ws([subscribeMessage('1', `{ mandates { totalCount } } # ${'x'.repeat(9 * 1024 * 1024)}`)]),
    { closeCode: 1009 },
  ],
  [
    'a WebSocket with another subprotocol',
    () => ws([], { protocol: 'graphql-ws', init: null }),
    { says: /handshake refused: Error: Server sent no subprotocol/ },
  ],
];

async function tableCounts() {
  const [counts] = await api.db.prisma.$queryRawUnsafe<Record<string, bigint>[]>(
    `SELECT ${[
      'Organisation',
      'Mandate',
      'Priority',
      'Milestone',
      'Target',
      'TargetScope',
      'Measurement',
      'MeasurementRevision',
      'Crossing',
      'SeriesState',
      'ApiKey',
      'PersistedOperation',
    ]
      .map((table) => `(SELECT count(*) FROM "${table}") AS "${table}"`)
      .join(', ')}, (SELECT count(*) FROM "AuditEntry" WHERE succeeded) AS "successfulWrites"`,
  );
  return Object.fromEntries(Object.entries(counts!).map(([table, count]) => [table, Number(count)]));
}

describe('hostile input', () => {
  it('has at least 60 cases over HTTP, SSE and WebSocket', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)('answers %s with a clear error, stays healthy and changes nothing', async (_name, send, expected) => {
    const before = await tableCounts();
    const observed = await send();
    if (expected.status !== undefined) expect(observed.status, observed.text.slice(0, 500)).toBe(expected.status);
    if (expected.closeCode !== undefined)
      expect(observed.closeCode, observed.text.slice(0, 500)).toBe(expected.closeCode);
    if (expected.code) expect(observed.codes, observed.text.slice(0, 500)).toContain(expected.code);
    if (expected.says) expect(observed.text).toMatch(expected.says);
    if (expected.status === undefined && expected.closeCode === undefined && !expected.code && !expected.says)
      throw new Error('a case must expect something');
    // Nothing of the server's insides leaks.
    expect(observed.text).not.toMatch(/at .*\.ts:\d+|node_modules|PrismaClient|\bstack\b/i);
    const health = await fetch(url.replace(/\/graphql$/, '/health'));
    expect(health.status).toBe(200);
    expect(await tableCounts()).toEqual(before);
  });

  it('caps a page at 100 items rather than loading everything asked for', async () => {
    const { json } = await api.post({
      query: '{ organisations(first: 1000) { totalCount edges { node { odsCode } } } }',
    });
    expect(json.errors).toBeUndefined();
    const { organisations } = json.data as { organisations: { totalCount: number; edges: unknown[] } };
    expect(organisations.edges).toHaveLength(100);
    expect(organisations.totalCount).toBe(364);
  });

  it('answers null, not an error, for things that do not exist', async () => {
    const { json } = await api.post({
      query: `{ mandate(slug: "1999") { slug } organisation(odsCode: "ZZZ") { name } metric(code: "NOPE") { code } node(id: "${organisationId('Organisation:987654')}") { id } }`,
    });
    expect(json).toEqual({ data: { mandate: null, organisation: null, metric: null, node: null } });
  });

  it('still answers a good request after all of it', async () => {
    expect((await api.post({ query: '{ mandates { totalCount } }' })).json).toEqual({
      data: { mandates: { totalCount: 2 } },
    });
  });
});
