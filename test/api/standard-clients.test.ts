import { createHash } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { auditServer } from 'graphql-http';
import { createClient as createSseClient } from 'graphql-sse';
import { describe, expect, it } from 'vitest';
import { servedTestApi } from '../support/api.js';

// The default configuration, as `npm start` runs it.
const served = servedTestApi({ development: true });

const MANDATES = 'query Mandates { mandates { totalCount } }';

/** The clients' own fetch, watched: which method and body each request went with. */
function watchedFetch() {
  const requests: { method: string; body: string | null }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    requests.push({ method: init?.method ?? 'GET', body: typeof init?.body === 'string' ? init.body : null });
    return fetch(input, init);
  };
  return { requests, fetch: fetcher };
}

describe('the standard clients, unchanged', () => {
  it("pass graphql-http's audit of the GraphQL-over-HTTP spec with no error and no warning", async () => {
    const results = await auditServer({ url: served.url });
    const failures = await Promise.all(
      results
        .filter((result) => result.status !== 'ok' && result.status !== 'notice')
        .map(
          async (result) => `${result.status} ${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`,
        ),
    );
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThan(30);
  });

  it("answer urql's default client, which sends queries as GET", async () => {
    const watched = watchedFetch();
    const client = new UrqlClient({ url: served.url, exchanges: [fetchExchange], fetch: watched.fetch });
    const result = await client.query(MANDATES, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ mandates: { totalCount: 2 } });
    expect(watched.requests.map((request) => request.method)).toEqual(['GET']);
  });

  it("answer Apollo Client's default setup, and its persisted-query link as Apollo documents it", async () => {
    const plain = new ApolloClient({ link: new HttpLink({ uri: served.url }), cache: new InMemoryCache() });
    expect((await plain.query({ query: gql(MANDATES) })).data).toMatchObject({ mandates: { totalCount: 2 } });

    const watched = watchedFetch();
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    const persisted = () =>
      new ApolloClient({
        link: new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: served.url, fetch: watched.fetch })),
        cache: new InMemoryCache(),
      });
    const query = gql('query Organisation { organisation(odsCode: "QKK") { name } }');
    // An operation the server has never seen: the hash alone, refused as not found, then the document with it.
    expect((await persisted().query({ query })).data).toMatchObject({
      organisation: { name: expect.stringContaining('South East London') },
    });
    expect(watched.requests.map((request) => JSON.parse(request.body!).query === undefined)).toEqual([true, false]);
    // The next client sends the hash alone, and the server now knows it.
    expect((await persisted().query({ query })).data).toMatchObject({
      organisation: { name: expect.stringContaining('South East London') },
    });
    expect(watched.requests).toHaveLength(3);
  });

  it('answer graphql-sse in its distinct connections mode, and say which mode to use in its single connection mode', async () => {
    const ops = await served.api.createKey('OPS');
    const distinct = createSseClient({ url: served.url, headers: { authorization: `Bearer ${ops}` } });
    const answers: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      distinct.subscribe(
        { query: MANDATES },
        { next: (value) => answers.push(value), error: reject, complete: resolve },
      );
    });
    expect(answers).toEqual([{ data: { mandates: { totalCount: 2 } } }]);
    distinct.dispose();

    const single = createSseClient({
      url: served.url,
      singleConnection: true,
      retryAttempts: 0,
      headers: { authorization: `Bearer ${ops}` },
    });
    const refusal = await new Promise<unknown>((resolve) => {
      single.subscribe({ query: MANDATES }, { next: () => {}, error: resolve, complete: () => resolve(null) });
    });
    expect(String(refusal)).toContain('single connection mode is not supported: use its distinct connections mode');
    single.dispose();
    const put = await fetch(served.url, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(await put.json()).toEqual({
      errors: [expect.objectContaining({ extensions: { code: 'SSE_SINGLE_CONNECTION_UNSUPPORTED' } })],
    });
  });
});
