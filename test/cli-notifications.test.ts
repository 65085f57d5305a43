import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer } from './support/cli.js';
import { cliScratch } from './support/cli-scratch.js';
import { TEST_DATABASE_KIND } from './support/database.js';
import { MONTHLY_AE_DIR } from './support/mirror.js';

const { freshDatabaseUrl } = cliScratch('cli-notifications');

/** A partner's endpoint: each delivery verified with the standardwebhooks package itself. */
const deliveries: { id: string; verified: boolean; events: number }[] = [];
let secret = '';
let hook: Server;
let hookUrl = '';
beforeAll(async () => {
  hook = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = true;
      try {
        new Webhook(secret).verify(body, request.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      const parsed = JSON.parse(body) as { data: { events?: unknown[] } };
      deliveries.push({ id: String(request.headers['webhook-id']), verified, events: parsed.data.events?.length ?? 0 });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => hook.close(() => resolve())));

const post = async (url: string, key: string, query: string, variables: Record<string, unknown>) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as { data?: any; errors?: unknown };
  expect(json.errors).toBeUndefined();
  return json.data;
};

describe('notifications and a crash', { timeout: 120_000 }, () => {
  it('delivers what was committed before the server was killed (kill -9) and not yet sent, once it is back, and once only however many instances come back', async () => {
    const env = {
      DATABASE_URL: await freshDatabaseUrl('crash'),
      NOTIFY_ALLOW_PRIVATE_TARGETS: '127.0.0.1',
      NOTIFY_GROUP_WAIT_SECONDS: '3',
    };
    // A first start migrates and seeds; a key is made while it serves (through its operator socket on PGlite).
    const first = await startServer(env, ['--no-fixtures']);
    const adminKey = (await runCli(['keys', 'create', '--role', 'admin'], env)).stdout.trim();
    const { createReceiver } = await post(
      first.url,
      adminKey,
      'mutation($input: CreateReceiverInput!) { createReceiver(input: $input) { secret errors { message } } }',
      { input: { name: 'Partner', kind: 'WEBHOOK', url: hookUrl } },
    );
    expect(createReceiver.errors).toEqual([]);
    secret = createReceiver.secret;
    const { createWatch } = await post(
      first.url,
      adminKey,
      'mutation($input: CreateWatchInput!) { createWatch(input: $input) { errors { message } } }',
      { input: { name: 'ICBs under target', metricCode: 'AE_4HR', condition: { kind: 'TARGET' } } },
    );
    expect(createWatch.errors).toEqual([]);
    const june = readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv'), 'utf8');
    const { importFiles } = await post(
      first.url,
      adminKey,
      'mutation($files: [ImportFileInput!]!) { importFiles(format: NHSE_AE_MONTHLY, files: $files) { errors { message } } }',
      { files: [{ name: 'Monthly-AE-June-2024.csv', text: june }] },
    );
    expect(importFiles.errors).toEqual([]);
    // Committed, routed or not, and waiting for its group: the server dies before sending it.
    process.kill(first.pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(deliveries).toEqual([]);

    // Back again: on PostgreSQL (with Redis, where the run has it) two instances at once, which
    // between them send each message once; the embedded database serves one process.
    const instances = await Promise.all(
      Array.from({ length: TEST_DATABASE_KIND === 'postgres' ? 2 : 1 }, () => startServer(env, ['--no-fixtures'])),
    );
    const arrived = async (count: number) => {
      const deadline = Date.now() + 30_000;
      while (deliveries.length < count && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      await new Promise((resolve) => setTimeout(resolve, 500));
    };
    try {
      await arrived(1);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({ verified: true });
      expect(deliveries[0]!.events).toBeGreaterThan(5);
      // With several instances: another month, imported through the last of them, while all of them
      // route and send.
      if (instances.length > 1) {
        // (The group may speak again a second after its last message, not the default five minutes.)
        const { setRoutingPolicy } = await post(
          instances[0]!.url,
          adminKey,
          'mutation($input: RoutingPolicyInput!) { setRoutingPolicy(input: $input) { errors { message } } }',
          {
            input: {
              route: {
                groupInterval: 1,
                routes: [
                  {
                    receivers: ['Partner'],
                    matchers: [
                      { label: 'kind', op: 'EQUAL', value: 'watch' },
                      { label: 'state', op: 'REGEX', value: 'FIRING|RESOLVED' },
                    ],
                  },
                ],
              },
            },
          },
        );
        expect(setRoutingPolicy.errors).toEqual([]);
        const july = readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-July-2024-revised.csv'), 'utf8');
        const again = await post(
          instances.at(-1)!.url,
          adminKey,
          'mutation($files: [ImportFileInput!]!) { importFiles(format: NHSE_AE_MONTHLY, files: $files) { errors { message } } }',
          { files: [{ name: 'Monthly-AE-July-2024-revised.csv', text: july }] },
        );
        expect(again.importFiles.errors).toEqual([]);
        await arrived(2);
        expect(deliveries).toHaveLength(2);
        expect(new Set(deliveries.map((delivery) => delivery.id)).size).toBe(2);
        expect(deliveries.every((delivery) => delivery.verified)).toBe(true);
      }
    } finally {
      for (const instance of instances) expect(await instance.stop()).toBe(0);
    }
  });
});
