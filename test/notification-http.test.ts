import { lookup, type LookupAddress } from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../src/services/notification-http.js';

/** A resolver that says every name is at the address given (as a name re-pointed by its owner would). */
const resolvingTo = (address: string) =>
  ((_hostname: string, _options: unknown, callback: (error: null, addresses: LookupAddress[]) => void) =>
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }])) as unknown as typeof lookup;

let port = 0;
let requests = 0;
const server = createServer((request, response) => {
  requests += 1;
  request.resume();
  request.on('end', () => response.writeHead(302, { location: 'http://127.0.0.1/elsewhere' }).end('x'.repeat(100_000)));
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('posting to a receiver', () => {
  it('refuses a name that resolves to an internal address when it connects, sending nothing', async () => {
    const outcome = await postJson(
      'https://hooks.example.org/x',
      '{}',
      {},
      {
        allowed: new Set(),
        deadlineMs: 2_000,
        resolve: resolvingTo('10.0.0.5'),
      },
    );
    expect(outcome).toEqual({
      error: 'refused: hooks.example.org resolves to 10.0.0.5, an internal address receivers may not reach',
    });
  });

  it('does not follow a redirect (a 3xx is the answer) and reads no more than 16 KiB of the answer', async () => {
    const before = requests;
    const outcome = await postJson(
      `http://127.0.0.1:${port}/hook`,
      '{"a":1}',
      {},
      {
        allowed: new Set(['127.0.0.1']),
        deadlineMs: 2_000,
      },
    );
    expect(outcome).toMatchObject({ status: 302 });
    expect((outcome as { answer: string }).answer.length).toBeLessThanOrEqual(16 * 1024);
    expect(requests - before).toBe(1);
  });

  it('refuses before sending a URL it may not reach, for good', async () => {
    expect(await postJson('http://hooks.example.org/x', '{}', {}, { allowed: new Set(), deadlineMs: 1_000 })).toEqual({
      error: 'refused before sending: It must be an https:// URL (not http://).',
      final: true,
    });
  });
});
