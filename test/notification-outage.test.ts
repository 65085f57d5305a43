import { createServer as createHttpServer } from 'node:http';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOnPool } from '../src/db/database.js';
import { importFiles } from '../src/services/import.js';
import { createNotifier, DEFAULT_NOTIFIER_SETTINGS } from '../src/services/notifier.js';
import { createLogger } from '../src/server/logger.js';
import { createTestApi, type TestApi } from './support/api.js';
import { TEST_DATABASE_KIND } from './support/database.js';
import { monthlyAeImportFiles } from './support/mirror.js';

/**
 * The notifier while its PostgreSQL server is away: unreachable (connections refused) and hung
 * (connections taken, nothing answered). Every wait has its deadline, nothing committed is lost,
 * and the message goes once the server is back. The embedded database is in the process and cannot
 * go away, so this runs on PostgreSQL only.
 */
type Mode = 'pass' | 'refuse' | 'hang';

/** Loopback receivers allowed, no group wait, a pass every 50 ms. */
const SETTINGS = { ...DEFAULT_NOTIFIER_SETTINGS, allowed: new Set(['127.0.0.1']), groupWaitMs: 0, pollMs: 50 };

/** A TCP proxy in front of PostgreSQL that can refuse or swallow connections, and cut those it holds. */
async function startProxy(host: string, port: number) {
  let mode: Mode = 'pass';
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (mode === 'refuse') return client.destroy();
    if (mode === 'hang') return;
    const upstream = createConnection({ host, port });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    /** From now on, and for every connection held: the server gone, or hung. */
    set(next: Mode) {
      mode = next;
      if (next !== 'pass') for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(TEST_DATABASE_KIND !== 'postgres')('notifications while PostgreSQL is away', () => {
  let api: TestApi;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const hook = createHttpServer();
  const deliveries: { id: string; verified: boolean }[] = [];
  let secret = '';

  beforeAll(async () => {
    hook.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let verified = true;
        try {
          new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), request.headers as Record<string, string>);
        } catch {
          verified = false;
        }
        deliveries.push({ id: String(request.headers['webhook-id']), verified });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    api = await createTestApi({ notifications: { settings: SETTINGS, run: false } });
    const url = new URL(api.db.url!);
    proxy = await startProxy(url.hostname, Number(url.port || 5432));
  });
  afterAll(async () => {
    await proxy?.close();
    await api?.close();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  it('routes and sends nothing while the server is refused or hung, each wait cut at its deadline, and sends once when it is back', async () => {
    const key = await api.createKey('OPS');
    const ask = async (query: string, variables: Record<string, unknown>) => {
      const { json } = await api.post({ query, variables }, { authorization: `Bearer ${key}` });
      expect(json.errors).toBeUndefined();
      return json.data as any;
    };
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const { createReceiver } = await ask(
      'mutation($input: CreateReceiverInput!) { createReceiver(input: $input) { secret errors { message } } }',
      { input: { name: 'Partner', kind: 'WEBHOOK', url: hookUrl } },
    );
    expect(createReceiver.errors).toEqual([]);
    secret = createReceiver.secret;
    const { createWatch } = await ask(
      'mutation($input: CreateWatchInput!) { createWatch(input: $input) { errors { message } } }',
      { input: { name: 'ICBs under target', metricCode: 'AE_4HR', condition: { kind: 'TARGET' } } },
    );
    expect(createWatch.errors).toEqual([]);

    // The notifier reaches the database through the proxy, with short deadlines.
    const through = new URL(api.db.url!);
    through.hostname = '127.0.0.1';
    through.port = String(proxy.port);
    const pool = new pg.Pool({
      connectionString: through.toString(),
      max: 4,
      connectionTimeoutMillis: 500,
      query_timeout: 1_000,
    });
    pool.on('error', () => {});
    const notifier = createNotifier({
      db: databaseOnPool(pool),
      logger: createLogger('silent'),
      settings: SETTINGS,
    });
    // Routed once (its cursors made) before the server goes.
    await notifier.routeOnce();
    try {
      for (const mode of ['hang', 'refuse'] as const) {
        proxy.set(mode);
        // A pass with the server away ends, failed, within its deadlines: it does not hang.
        const started = Date.now();
        await expect(notifier.routeOnce()).rejects.toThrow();
        expect(Date.now() - started).toBeLessThan(5_000);
      }
      // Committed while the notifier cannot reach the database (the import has its own connection).
      const [june] = monthlyAeImportFiles();
      expect((await importFiles(api.db, 'nhse-ae-monthly', [june!], { now: new Date() })).errors).toEqual([]);
      const firing = await api.db.prisma.watchEvent.count({ where: { toState: 'FIRING' } });
      expect(firing).toBeGreaterThan(5);
      proxy.set('hang');
      notifier.start();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(deliveries).toEqual([]);

      proxy.set('pass');
      const deadline = Date.now() + 20_000;
      while (deliveries.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]!.verified).toBe(true);
      const sent = await api.db.prisma.notification.findMany({ where: { kind: 'EVENTS' } });
      expect(sent.map((message) => [message.state, (message.events as unknown[]).length])).toEqual([['SENT', firing]]);
    } finally {
      await notifier.stop();
      await pool.end();
    }
  });
});
