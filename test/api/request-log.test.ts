import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.js';
import { rawSocket } from '../support/streams.js';
import { servedTestApi } from '../support/api.js';

const lines: string[] = [];
const served = servedTestApi({ logger: createLogger('debug', (line) => lines.push(line)) });
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, any>);

describe('the log', () => {
  it('has one line per request, with its id, and client mistakes at info, never at error', async () => {
    const mistakes = [
      // No key where one is needed.
      { query: 'subscription { thresholdCrossed { cursor } }', headers: { accept: 'text/event-stream' } },
      { query: '{ crossings(after: "§§§") { totalCount } }' },
      { query: '{ organisations(first: -1) { totalCount } }' },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
    ];
    for (const [index, { headers, ...body }] of mistakes.entries()) {
      lines.length = 0;
      const response = await fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `mistake-${index}`, ...headers },
        body: JSON.stringify(body),
      });
      await response.text();
      expect(response.headers.get('x-request-id')).toBe(`mistake-${index}`);
      const requestLines = logged().filter((line) => line.message === 'request');
      expect(requestLines, JSON.stringify(logged())).toEqual([
        expect.objectContaining({
          level: 'info',
          requestId: `mistake-${index}`,
          path: '/graphql',
          errors: [expect.any(String)],
        }),
      ]);
      expect(logged().filter((line) => line.level === 'error')).toEqual([]);
      // Every line written while serving it carries its id.
      expect(logged().every((line) => line.requestId === `mistake-${index}`)).toBe(true);
    }
  });

  it('gives a request without an id one of its own, and logs a request that went well at debug', async () => {
    lines.length = 0;
    const response = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'no spaces allowed' },
      body: JSON.stringify({ query: '{ mandates { totalCount } }' }),
    });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged().filter((line) => line.message === 'request')).toEqual([
      expect.objectContaining({ level: 'debug', requestId: id, status: 200, errors: [] }),
    ]);
    expect(logged().every((line) => line.requestId === id && line.level === 'debug')).toBe(true);
  });

  it('logs what a WebSocket connection does under the id of its upgrade request', async () => {
    lines.length = 0;
    const ws = rawSocket(served.url);
    await ws.init();
    ws.send({ id: '1', type: 'subscribe', payload: { query: '{ nope }' } });
    await ws.next('error', '1');
    ws.socket.close();
    const refused = logged().filter((line) => line.message === 'websocket operation refused');
    expect(refused).toEqual([
      expect.objectContaining({ level: 'info', requestId: expect.any(String), errors: ['GRAPHQL_VALIDATION_FAILED'] }),
    ]);
    expect(logged().filter((line) => line.level === 'error')).toEqual([]);
  });
});
