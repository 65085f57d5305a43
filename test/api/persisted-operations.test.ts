import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationHash } from '../../src/services/persisted-operations.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { rawSocket } from '../support/streams.js';

const REGISTER =
  'mutation($documents: [String!]!) { registerOperations(documents: $documents) { operations { hash operationNames isNew } errors { index code message } } }';
const MANDATES = 'query Mandates { mandates { totalCount } }';
const as = (key: string | null) => ({ authorization: key === null ? '' : `Bearer ${key}` });

let api: TestApi;
let url: string;
let partner: string;
let reader: string;
beforeAll(async () => {
  // Readers and callers without a key may run only registered operations; partners and admins anything.
  api = await createTestApi({ persistedOperationsOnlyFor: new Set(['ANONYMOUS', 'READER']) });
  url = await api.app.start(0);
  partner = await api.createKey('PARTNER', ['RJ1']);
  reader = await api.createKey('READER');
});
afterAll(() => api?.close());

const registeredCount = () => api.db.prisma.persistedOperation.count();

describe('persisted operations', () => {
  it("registers a partner's documents, idempotently, and audits it", async () => {
    const first = await api.post({ query: REGISTER, variables: { documents: [MANDATES] } }, as(partner));
    expect(first.json.data).toEqual({
      registerOperations: {
        operations: [{ hash: operationHash(MANDATES), operationNames: ['Mandates'], isNew: true }],
        errors: [],
      },
    });
    const again = await api.post({ query: REGISTER, variables: { documents: [MANDATES] } }, as(partner));
    expect((again.json.data as any).registerOperations.operations[0].isNew).toBe(false);
    const audited = await api.db.prisma.auditEntry.findMany({
      where: { action: 'registerOperations' },
      orderBy: { id: 'asc' },
    });
    expect(audited.map(({ rows, succeeded }) => ({ rows, succeeded }))).toEqual([
      { rows: 1, succeeded: true },
      { rows: 0, succeeded: true },
    ]);
  });

  it('refuses the whole registration when one document is invalid, registering nothing', async () => {
    const before = await registeredCount();
    const { json } = await api.post(
      { query: REGISTER, variables: { documents: ['query A { mandates { totalCount } }', '{ nonsense }', 'query {'] } },
      as(partner),
    );
    expect((json.data as any).registerOperations).toEqual({
      operations: [],
      errors: [
        { index: 1, code: 'INVALID_DOCUMENT', message: expect.stringContaining('Cannot query field "nonsense"') },
        { index: 2, code: 'INVALID_DOCUMENT', message: expect.stringContaining('Syntax Error') },
      ],
    });
    const tooMany = await api.post(
      {
        query: REGISTER,
        variables: { documents: Array.from({ length: 101 }, (_, i) => `query Q${i} { mandates { totalCount } }`) },
      },
      as(partner),
    );
    expect((tooMany.json.data as any).registerOperations.errors).toEqual([
      expect.objectContaining({ index: null, code: 'TOO_MANY_DOCUMENTS' }),
    ]);
    expect(await registeredCount()).toBe(before);
  });

  it('does not let a reader register', async () => {
    const { status, json } = await api.post(
      { query: REGISTER, variables: { documents: ['query B { mandates { totalCount } }'] } },
      as(reader),
    );
    expect(status).toBe(403);
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('runs a registered operation by hash, in either form, over HTTP, GET and WebSocket', async () => {
    const hash = operationHash(MANDATES);
    await api.post({ query: REGISTER, variables: { documents: [MANDATES] } }, as(partner));
    const apollo = await api.post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, as(reader));
    expect(apollo.json).toEqual({ data: { mandates: { totalCount: 2 } } });
    const documentId = await api.post({ documentId: `sha256:${hash}` }, as(null));
    expect(documentId.json).toEqual({ data: { mandates: { totalCount: 2 } } });
    const get = await fetch(
      `${url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`,
      { headers: { 'x-graphql-csrf': '1' } },
    );
    expect(await get.json()).toEqual({ data: { mandates: { totalCount: 2 } } });
    const ws = rawSocket(url);
    await ws.init(reader);
    ws.send({
      id: '1',
      type: 'subscribe',
      payload: { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
    });
    expect((await ws.next('next', '1')).payload).toEqual({ data: { mandates: { totalCount: 2 } } });
    ws.socket.close();
  });

  it('refuses documents sent in full by callers held to registered ones, and unknown or mismatched hashes', async () => {
    for (const key of [reader, null]) {
      const { status, json } = await api.post({ query: MANDATES }, as(key));
      expect(status).toBe(403);
      expect(json.errors?.[0]).toMatchObject({
        extensions: { code: 'PERSISTED_OPERATION_REQUIRED' },
        message: expect.stringContaining('registerOperations'),
      });
    }
    // A partner is not held to them.
    expect((await api.post({ query: MANDATES }, as(partner))).json.data).toEqual({ mandates: { totalCount: 2 } });
    const unknown = await api.post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } },
      as(reader),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_OPERATION_NOT_FOUND' });
    const malformed = await api.post({ documentId: 'sha256:not-a-hash' }, as(reader));
    expect(malformed.json.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_OPERATION_NOT_FOUND' });
    const mismatch = await api.post(
      {
        query: '{ mandates { totalCount } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(MANDATES) } },
      },
      as(reader),
    );
    expect(mismatch.json.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_OPERATION_MISMATCH' });
    const ws = rawSocket(url);
    await ws.init(reader);
    ws.send({ id: '1', type: 'subscribe', payload: { query: MANDATES } });
    expect((await ws.next('error', '1')).payload).toEqual([
      expect.objectContaining({ extensions: { code: 'PERSISTED_OPERATION_REQUIRED' } }),
    ]);
    ws.socket.close();
  });

  it('lists registered operations for admins only', async () => {
    const listed = await api.post({
      query: '{ persistedOperations { totalCount edges { node { hash operationNames registeredBy } } } }',
    });
    expect((listed.json.data as any).persistedOperations.edges).toContainEqual({
      node: {
        hash: operationHash(MANDATES),
        operationNames: ['Mandates'],
        registeredBy: expect.stringMatching(/^key:/),
      },
    });
    expect((await api.post({ query: '{ persistedOperations { totalCount } }' }, as(partner))).status).toBe(403);
  });
});
