import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/services/import.js';
import { createNotifier, DEFAULT_NOTIFIER_SETTINGS, type NotifierSettings } from '../../src/services/notifier.js';
import { createLogger } from '../../src/server/logger.js';
import { londonTime } from '../../src/domain/routing.js';
import { adaptiveCardProblems } from '../support/adaptive-cards.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { MONTHLY_AE_DIR, monthlyAeImportFiles } from '../support/mirror.js';
import { PUBLICATIONS } from '../../src/ingest/publications.js';
import { logOverdueReleases, syncPublications } from '../../src/services/publication-sync.js';

/**
 * Notifications end to end: receivers made and refused through the API, and a real month's A&E
 * file turned into grouped, signed webhook messages that a receiver verifies with the
 * `standardwebhooks` package itself, through receivers that fail, refuse and hang.
 */
const NOW = new Date('2025-07-15T12:00:00Z');
const [june] = monthlyAeImportFiles();

/** What a receiver is told to answer, request by request (then 200 for ever). */
type Answer = number | 'hang';

interface Received {
  id: string;
  verified: boolean;
  body: {
    type: string;
    data: {
      receiver: string;
      group?: Record<string, string>;
      events?: { cursor: string; kind: string; organisation: { odsCode: string } }[];
    };
  };
}

/** A partner's webhook endpoint on loopback: every request checked with the standardwebhooks verifier. */
async function startWebhookReceiver() {
  const received: Received[] = [];
  const answers: Answer[] = [];
  let secret = '';
  const server: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') return;
      const payload = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        new Webhook(secret).verify(payload, request.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      if (answer >= 200 && answer < 300)
        received.push({
          id: String(request.headers['webhook-id']),
          verified,
          body: JSON.parse(payload) as Received['body'],
        });
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/nhs`;
  return {
    url,
    received,
    answers,
    useSecret: (value: string) => (secret = value),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const waitFor = async <T>(what: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

let api: TestApi;
let apiUrl = '';
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let opsKey: string;
const ask = async (query: string, variables: Record<string, unknown> = {}, key = opsKey) => {
  const { json } = await api.post({ query, variables }, { authorization: `Bearer ${key}` });
  expect(json.errors).toBeUndefined();
  return json.data as any;
};

/** Quick waits and retries, loopback allowed: the same rules as deployed, on a test's clock. */
const SETTINGS: NotifierSettings = {
  ...DEFAULT_NOTIFIER_SETTINGS,
  allowed: new Set(['127.0.0.1']),
  groupWaitMs: 300,
  groupIntervalMs: 1_000,
  pollMs: 50,
  deadlineMs: 500,
  retry: { firstDelayMs: 50, maxDelayMs: 200, maxAgeMs: 60_000 },
};

const CREATE_WATCH =
  'mutation($input: CreateWatchInput!) { createWatch(input: $input) { watch { id } errors { message } } }';
const CREATE =
  'mutation($input: CreateReceiverInput!) { createReceiver(input: $input) { receiver { id name kind url } secret errors { field code message } } }';

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  api = await createTestApi({ notifications: { settings: SETTINGS, run: true } });
  apiUrl = await api.app.start(0);
  opsKey = await api.createKey('OPS');
});
afterAll(async () => {
  await api?.close();
  await receiver?.close();
});

describe('receivers', () => {
  it('are made by the key that owns them, a webhook with its signing secret shown once, and tested at once', async () => {
    const made = (await ask(CREATE, { input: { name: 'Partner hook', kind: 'WEBHOOK', url: receiver.url } }))
      .createReceiver;
    expect(made.errors).toEqual([]);
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    receiver.useSecret(made.secret);
    expect(made.receiver).toMatchObject({ name: 'Partner hook', kind: 'WEBHOOK', url: receiver.url });
    // Nothing returns the secret again; another key does not see the receiver.
    const listed = await ask('{ receivers { id name url } }');
    expect(JSON.stringify(listed)).not.toContain(made.secret);
    expect((await ask('{ receivers { id } }', {}, await api.createKey('OPS'))).receivers).toEqual([]);

    const tested = (
      await ask('mutation($id: ID!) { testReceiver(id: $id) { test { delivered status error } errors { code } } }', {
        id: made.receiver.id,
      })
    ).testReceiver;
    expect(tested).toEqual({ test: { delivered: true, status: 200, error: null }, errors: [] });
    expect(receiver.received.at(-1)).toMatchObject({ verified: true, body: { type: 'notification.test' } });
  });

  it('refuses, storing nothing, an http:// URL, a private, loopback or link-local address, a missing URL, an email receiver without SMTP, and another key’s receiver', async () => {
    const before = await api.db.prisma.receiver.count();
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [
        { name: 'plain', kind: 'WEBHOOK', url: 'http://hooks.example.org/x' },
        'INVALID_URL',
        /must be an https:\/\/ URL/,
      ],
      [
        { name: 'private', kind: 'WEBHOOK', url: 'https://10.1.2.3/x' },
        'INVALID_URL',
        /10\.1\.2\.3 is a loopback, private or link-local/,
      ],
      [{ name: 'metadata', kind: 'TEAMS', url: 'https://169.254.169.254/latest' }, 'INVALID_URL', /link-local/],
      [{ name: 'v6 loopback', kind: 'WEBHOOK', url: 'https://[::1]:8443/x' }, 'INVALID_URL', /::1 is a loopback/],
      [{ name: 'this machine', kind: 'WEBHOOK', url: 'https://localhost/x' }, 'INVALID_URL', /this machine/],
      [{ name: 'no url', kind: 'WEBHOOK' }, 'INVALID_URL', /A URL is needed/],
      [{ name: 'mail', kind: 'EMAIL', emailTo: ['ops@example.nhs.uk'] }, 'EMAIL_NOT_CONFIGURED', /no SMTP settings/],
      [{ name: 'Partner hook', kind: 'WEBHOOK', url: receiver.url }, 'DUPLICATE_NAME', /already has a receiver named/],
    ];
    for (const [input, code, message] of refusals) {
      const { createReceiver } = await ask(CREATE, { input });
      expect(createReceiver.receiver, String(input.name)).toBeNull();
      expect(
        createReceiver.errors.map((error: { code: string }) => error.code),
        String(input.name),
      ).toContain(code);
      expect(createReceiver.errors.map((error: { message: string }) => error.message).join(' ')).toMatch(message);
    }
    const [own] = (await ask('{ receivers { id } }')).receivers;
    const other = await api.createKey('OPS');
    const { deleteReceiver } = await ask(
      'mutation($id: ID!) { deleteReceiver(id: $id) { receiver { id } errors { code } } }',
      { id: own.id },
      other,
    );
    expect(deleteReceiver).toEqual({ receiver: null, errors: [{ code: 'RECEIVER_OF_ANOTHER_KEY' }] });
    expect(await api.db.prisma.receiver.count()).toBe(before);
    expect(await api.db.prisma.auditEntry.count({ where: { action: 'createReceiver', succeeded: false } })).toBe(
      refusals.length,
    );
  });
});

describe('watch events reach the receivers', () => {
  it("turns a real month's firing ICBs into one signed message for the watch, listing every one, and a second import of the file into none", async () => {
    const { createWatch } = await ask(CREATE_WATCH, {
      input: { name: 'ICBs under the four-hour target', metricCode: 'AE_4HR', condition: { kind: 'TARGET' } },
    });
    expect(createWatch.errors).toEqual([]);
    const before = receiver.received.length;
    expect((await importFiles(api.db, 'nhse-ae-monthly', [june!], { now: NOW })).errors).toEqual([]);
    const firing = await api.db.prisma.watchEvent.findMany({
      where: { toState: 'FIRING' },
      orderBy: { sequence: 'asc' },
    });
    expect(firing.length).toBeGreaterThan(5);
    const message = await waitFor(() =>
      receiver.received.slice(before).find((one) => one.body.type === 'notification.events'),
    );
    // Give a straggling second message time to show itself: there must be none.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const messages = receiver.received.slice(before);
    expect(messages).toHaveLength(1);
    expect(message.verified).toBe(true);
    expect(message.body.data.group).toEqual({ watch: String(firing[0]!.watchId) });
    expect(message.body.data.events!.map((event) => event.cursor)).toEqual(
      firing.map((event) => event.sequence.toString()),
    );
    expect(message.body.data.events!.every((event) => event.kind === 'FIRING')).toBe(true);

    const again = await importFiles(api.db, 'nhse-ae-monthly', [june!], { now: NOW });
    expect(again).toMatchObject({ inserted: 0, revised: 0, errors: [] });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(receiver.received.slice(before)).toHaveLength(1);
  });

  it('sends once to a receiver that answers 500 three times then 200, logging the four attempts under one message ID', async () => {
    receiver.answers.push(500, 500, 500);
    const before = receiver.received.length;
    const logEnd = (await api.db.prisma.watchEvent.aggregate({ _max: { sequence: true } }))._max.sequence!;
    const july = monthlyAeImportFiles().find((file) => file.name.includes('July-2024'))!;
    expect((await importFiles(api.db, 'nhse-ae-monthly', [july], { now: NOW })).errors).toEqual([]);
    const changed = await api.db.prisma.watchEvent.findMany({
      where: { sequence: { gt: logEnd }, toState: { in: ['FIRING', 'RESOLVED'] } },
      orderBy: { sequence: 'asc' },
    });
    expect(changed.length).toBeGreaterThan(0);
    const message = await waitFor(() =>
      receiver.received.slice(before).find((one) => one.body.type === 'notification.events'),
    );
    expect(message.verified).toBe(true);
    expect(message.body.data.events!.map((event) => event.cursor)).toEqual(
      changed.map((event) => event.sequence.toString()),
    );
    // The receiver answers before the notifier records it: wait for the record.
    await waitFor(async () =>
      (await api.db.prisma.notification.findUnique({ where: { messageId: message.id } }))?.state === 'SENT'
        ? true
        : undefined,
    );
    const { notificationDeliveries } = await ask(
      '{ notificationDeliveries(first: 1, states: [SENT]) { edges { node { messageId kind attempts lastStatus latencyMs attemptLog { attempt status } } } } }',
    );
    const [delivery] = notificationDeliveries.edges.map((edge: any) => edge.node);
    expect(delivery).toMatchObject({ messageId: message.id, kind: 'EVENTS', attempts: 4, lastStatus: 200 });
    expect(delivery.attemptLog).toEqual([
      { attempt: 1, status: 500 },
      { attempt: 2, status: 500 },
      { attempt: 3, status: 500 },
      { attempt: 4, status: 200 },
    ]);
    expect(delivery.latencyMs).toBeGreaterThan(0);
    expect(receiver.received.filter((one) => one.id === message.id)).toHaveLength(1);
    // Counted for Prometheus: the retries, the send and its latency, the queue drained.
    const scraped = await (
      await fetch(apiUrl.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${api.adminKey}` } })
    ).text();
    const sample = (series: string) =>
      Number(/ (\S+)$/.exec(scraped.split('\n').find((line) => line.startsWith(series)) ?? ' NaN')![1]);
    expect(sample('nmg_notification_attempts_total{kind="WEBHOOK",result="retried"}')).toBeGreaterThanOrEqual(3);
    expect(sample('nmg_notification_attempts_total{kind="WEBHOOK",result="sent"}')).toBeGreaterThanOrEqual(2);
    expect(sample('nmg_notification_delivery_seconds_count{kind="WEBHOOK"}')).toBeGreaterThanOrEqual(2);
    expect(sample('nmg_notification_queue_depth')).toBe(0);
  });

  it('sends each message once when two instances route and send from the same database', async () => {
    const second = createNotifier({ db: api.db, logger: createLogger('silent'), settings: SETTINGS });
    second.start();
    try {
      const before = receiver.received.length;
      const logEnd = (await api.db.prisma.notification.aggregate({ _max: { id: true } }))._max.id ?? 0n;
      const august = monthlyAeImportFiles().find((file) => file.name.includes('August-2024'))!;
      expect((await importFiles(api.db, 'nhse-ae-monthly', [august], { now: NOW })).errors).toEqual([]);
      const made = await waitFor(async () => {
        const rows = await api.db.prisma.notification.findMany({ where: { id: { gt: logEnd } } });
        return rows.length > 0 && rows.every((row) => row.state === 'SENT') ? rows : undefined;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ids = receiver.received.slice(before).map((one) => one.id);
      expect(ids.sort()).toEqual(made.map((row) => row.messageId).sort());
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await second.stop();
    }
  });

  it('cuts a receiver that never answers at the deadline, and says so', async () => {
    receiver.answers.push('hang');
    const { testReceiver } = await ask(
      'mutation($id: ID!) { testReceiver(id: $id) { test { delivered status error durationMs } } }',
      { id: (await ask('{ receivers { id } }')).receivers[0].id },
    );
    expect(testReceiver.test).toMatchObject({
      delivered: false,
      status: null,
      error: 'no answer within 0.5 s: cut off at the deadline',
    });
    expect(testReceiver.test.durationMs).toBeLessThan(2_000);
  });
});

describe('email and Microsoft Teams', () => {
  let mailApi: TestApi;
  let smtp: SMTPServer;
  let teams: Server;
  const mails: ParsedMail[] = [];
  /** Each card message the Workflows stand-in took, with the path and query it was sent to. */
  const cards: { url: string; attachments: { contentType?: string; content?: any }[] }[] = [];
  let teamsUrl = '';
  let mailSettings: NotifierSettings;

  beforeAll(async () => {
    // A real SMTP server, each message parsed with mailparser.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    // A Teams Workflows endpoint stand-in: keeps each message's attachments.
    teams = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        cards.push({
          url: request.url ?? '',
          attachments: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { attachments: [] }).attachments,
        });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => teams.listen(0, '127.0.0.1', resolve));
    teamsUrl = `http://127.0.0.1:${(teams.address() as AddressInfo).port}/workflows/abc/triggers/manual/paths/invoke?sig=SECRET`;
    mailSettings = {
      ...DEFAULT_NOTIFIER_SETTINGS,
      allowed: new Set(['127.0.0.1']),
      groupWaitMs: 300,
      pollMs: 50,
      deadlineMs: 2_000,
      smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: 'nhs-mandate-graph <alerts@example.nhs.uk>' },
      publicUrl: 'https://mandate.example.nhs.uk',
    };
    mailApi = await createTestApi({ notifications: { settings: mailSettings, run: true } });
    await mailApi.app.start(0);
  });
  afterAll(async () => {
    await mailApi?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => (teams ? teams.close(() => resolve()) : resolve()));
  });

  it("sends a group as one email (text and HTML) and one Adaptive Card, with the watch's name made inert in each", async () => {
    const key = await mailApi.createKey('OPS');
    const as = async (query: string, variables: Record<string, unknown>) => {
      const { json } = await mailApi.post({ query, variables }, { authorization: `Bearer ${key}` });
      expect(json.errors).toBeUndefined();
      return json.data as any;
    };
    const made = await Promise.all([
      as(CREATE, {
        input: { name: 'Ops room', kind: 'EMAIL', emailTo: ['ops@example.nhs.uk', 'lead@example.nhs.uk'] },
      }),
      as(CREATE, { input: { name: 'Channel', kind: 'TEAMS', url: teamsUrl } }),
    ]);
    expect(made.map((one) => one.createReceiver.errors)).toEqual([[], []]);
    expect(made.map((one) => one.createReceiver.secret)).toEqual([null, null]);
    // The Workflows URL's signature is a credential: never shown.
    expect(made[1].createReceiver.receiver.url).toBe(`${teamsUrl.split('?')[0]}?…`);
    const name = '<b>Ops</b> & [room](https://evil.example) *now*';
    const { createWatch } = await as(CREATE_WATCH, {
      input: { name, metricCode: 'AE_4HR', condition: { kind: 'TARGET' } },
    });
    expect(createWatch.errors).toEqual([]);
    expect((await importFiles(mailApi.db, 'nhse-ae-monthly', [june!], { now: NOW })).errors).toEqual([]);
    const firing = await mailApi.db.prisma.watchEvent.findMany({
      where: { toState: 'FIRING' },
      include: { organisation: true },
    });
    await waitFor(() => (mails.length > 0 && cards.length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mails).toHaveLength(1);
    expect(cards).toHaveLength(1);

    const [mail] = mails;
    expect(mail!.subject).toBe(`[nhs-mandate-graph] Watch "${name}": ${firing.length} firing`);
    expect((mail!.to as { value: { address: string }[] }).value.map((to) => to.address)).toEqual([
      'ops@example.nhs.uk',
      'lead@example.nhs.uk',
    ]);
    expect(mail!.messageId).toMatch(/^<msg_[0-9a-f-]{36}@nhs-mandate-graph>$/);
    for (const event of firing)
      expect(mail!.text).toContain(`${event.organisation.name} (${event.organisation.odsCode})`);
    expect(mail!.html).toContain('&#60;b&#62;Ops&#60;/b&#62; &#38; [room](https://evil.example)');
    expect(mail!.html).not.toContain('<b>Ops</b>');
    expect(mail!.html).toContain('href="https://mandate.example.nhs.uk/board?metric=AE_4HR&#38;period=2024-06"');

    const [attachment] = cards[0]!.attachments;
    expect(attachment!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment!.content;
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.4',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', wrap: true });
    expect(card.body[0].text).toContain('\\[room\\]\\(https://evil\\.example\\) \\*now\\*');
    expect(card.body[1].type).toBe('FactSet');
    expect(card.body[1].facts).toHaveLength(firing.length);
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open on the board',
        url: 'https://mandate.example.nhs.uk/board?metric=AE_4HR&period=2024-06',
      },
    ]);
  });

  it("titles a route's cards by its own template, says who acknowledged what, and reminds of what still fires after the repeat interval, leaving out what was acknowledged", async () => {
    const key = await mailApi.createKey('OPS');
    const as = async (query: string, variables: Record<string, unknown>) => {
      const { json } = await mailApi.post({ query, variables }, { authorization: `Bearer ${key}` });
      expect(json.errors).toBeUndefined();
      return json.data as any;
    };
    const channelUrl = teamsUrl.replace('SECRET', 'UEC-CELL');
    const ofChannel = () =>
      cards.filter((card) => card.url.endsWith('sig=UEC-CELL')).map((card) => card.attachments[0]!.content);
    expect(
      (await as(CREATE, { input: { name: 'UEC cell', kind: 'TEAMS', url: channelUrl } })).createReceiver.errors,
    ).toEqual([]);
    const { setRoutingPolicy } = await as(
      'mutation($input: RoutingPolicyInput!) { setRoutingPolicy(input: $input) { policy { route { titleTemplate routes { repeatInterval } } } errors { code message } } }',
      {
        input: {
          route: {
            groupWait: 0,
            groupInterval: 1,
            titleTemplate:
              '{% if reminder %}Still firing{% else %}{{ count }} new{% endif %} on “{{ events[0].watch }}”',
            routes: [
              {
                receivers: ['UEC cell'],
                matchers: [
                  { label: 'kind', op: 'EQUAL', value: 'watch' },
                  { label: 'state', op: 'REGEX', value: 'FIRING|ACKNOWLEDGED' },
                ],
                repeatInterval: 3_600,
              },
            ],
          },
        },
      },
    );
    expect(setRoutingPolicy.errors).toEqual([]);
    expect(setRoutingPolicy.policy.route.routes).toEqual([{ repeatInterval: 3_600 }]);
    const { createWatch } = await as(CREATE_WATCH, {
      input: {
        name: 'UEC cell: ICBs',
        metricCode: 'AE_4HR',
        condition: { kind: 'TARGET' },
        selection: { organisationTypes: ['ICB'] },
      },
    });
    expect(createWatch.errors).toEqual([]);
    const december = monthlyAeImportFiles().find((file) => file.name.includes('December-2024'))!;
    expect((await importFiles(mailApi.db, 'nhse-ae-monthly', [december], { now: NOW })).errors).toEqual([]);
    const watchId = Number(Buffer.from(createWatch.watch.id, 'base64').toString('utf8').split(':').at(-1));
    // The series that began firing with this month's file (those firing since earlier months did so quietly, as the watch was made).
    const firing = await mailApi.db.prisma.watchEvent.findMany({
      where: { watchId, toState: 'FIRING' },
      include: { organisation: true },
      orderBy: { sequence: 'asc' },
    });
    expect(firing.length).toBeGreaterThan(1);
    await waitFor(() => (ofChannel().length > 0 ? true : undefined));
    expect(ofChannel()[0].body[0].text).toBe(`${firing.length} new on “UEC cell: ICBs”`);

    // An acknowledgement goes out as such, with who and why.
    const [handled, ...stillFiring] = firing;
    const { acknowledgeWatch } = await as(
      'mutation($input: AcknowledgeWatchInput!) { acknowledgeWatch(input: $input) { errors { message } } }',
      {
        input: {
          watchId: createWatch.watch.id,
          odsCode: handled!.organisation.odsCode,
          note: 'Handled by the <UEC> cell',
        },
      },
    );
    expect(acknowledgeWatch.errors).toEqual([]);
    await waitFor(() => (ofChannel().length > 1 ? true : undefined));
    const acknowledged = ofChannel()[1];
    expect(acknowledged.body[0].text).toBe('1 new on “UEC cell: ICBs”');
    expect(acknowledged.body[1].facts).toEqual([
      expect.objectContaining({
        value: expect.stringMatching(
          /^acknowledged by key:[0-9a-z]+ \\\("Handled by the \\<UEC\\> cell"\\\): AE\\_4HR 2024\\-12/,
        ),
      }),
    ]);

    // Recorded as sent (the card arrives a moment before the notifier writes down the answer).
    await waitFor(async () =>
      (await mailApi.db.prisma.notification.count({ where: { receiver: { name: 'UEC cell' }, state: 'SENT' } })) === 2
        ? true
        : undefined,
    );
    // An hour on, the group is reminded of the series still firing, the acknowledged one left out.
    const anHourOn = createNotifier({
      db: mailApi.db,
      logger: createLogger('silent'),
      settings: mailSettings,
      now: () => new Date(Date.now() + 61 * 60_000),
    });
    expect(await anHourOn.remindDue()).toBe(1);
    expect(await anHourOn.remindDue()).toBe(0);
    // (Other keys' messages due within the hour go too.)
    expect(await anHourOn.sendDue()).toBeGreaterThanOrEqual(1);
    const reminder = ofChannel()[2];
    expect(ofChannel().flatMap(adaptiveCardProblems)).toEqual([]);
    expect(reminder.body[0].text).toBe('Still firing on “UEC cell: ICBs”');
    expect(reminder.body[1].facts.map((fact: { title: string }) => fact.title)).toEqual(
      stillFiring.map((series) =>
        `${series.organisation.name} (${series.organisation.odsCode})`.replace(
          /[\\`*_{}[\]()#+\-.!|>~<]/g,
          (c) => `\\${c}`,
        ),
      ),
    );
    const made = await mailApi.db.prisma.notification.findFirstOrThrow({
      where: { owner: { not: '' }, kind: 'REPEAT' },
    });
    expect(made.state).toBe('SENT');
    expect(made.repeatAt!.getTime()).toBeGreaterThan(Date.now() + 2 * 60 * 60_000 - 60_000);
  });
});

describe('routing policies', () => {
  const SET =
    'mutation($input: RoutingPolicyInput!) { setRoutingPolicy(input: $input) { policy { route { routes { receivers groupBy } } } errors { field code message } } }';

  it('refuses, changing nothing, a receiver the key lacks, an unknown time interval, a regular expression that does not compile, a template that does not parse or reads a file, a repeat shorter than its group interval or a minute', async () => {
    const refusals: [Record<string, unknown>, string][] = [
      [{ route: { receivers: ['Nobody'] } }, 'UNKNOWN_RECEIVER'],
      [{ route: { receivers: ['Partner hook'], muteTimeIntervals: ['weekends'] } }, 'UNKNOWN_TIME_INTERVAL'],
      [{ route: { routes: [{ matchers: [{ label: 'metric', op: 'REGEX', value: 'AE_(' }] }] } }, 'INVALID_MATCHER'],
      [{ route: { groupInterval: 600, routes: [{ repeatInterval: 300 }] } }, 'INVALID_INTERVALS'],
      [{ route: { groupWait: -1 } }, 'INVALID_POLICY'],
      [{ route: { repeatInterval: 30 } }, 'INVALID_POLICY'],
      [{ route: { routes: [{ textTemplate: '{% for event in events %}{{ event.line }}' }] } }, 'INVALID_TEMPLATE'],
      [{ route: { titleTemplate: "{% include '/etc/passwd' %}" } }, 'INVALID_TEMPLATE'],
      [{ route: {}, timeIntervals: [{ name: 'nights', times: [{ start: '25:00', end: '06:00' }] }] }, 'INVALID_POLICY'],
    ];
    for (const [input, code] of refusals) {
      const { setRoutingPolicy } = await ask(SET, { input });
      expect(setRoutingPolicy.policy, code).toBeNull();
      expect(
        setRoutingPolicy.errors.map((error: { code: string }) => error.code),
        code,
      ).toContain(code);
    }
    expect((await ask('{ routingPolicy { route { receivers } } }')).routingPolicy).toBeNull();
  });

  it("routes the mandate's crossings by a key's tree, grouped by metric and period, holding ICBs back while England misses the same target (in this file or since an earlier one), never by another key's watch, and no longer the watch events the default sent", async () => {
    // Another key's watch on England, firing since the earlier months as it is made.
    const otherKey = await api.createKey('OPS');
    const { createWatch } = await ask(
      CREATE_WATCH,
      {
        input: {
          name: 'England (another room)',
          metricCode: 'AE_4HR',
          condition: { kind: 'TARGET' },
          selection: { odsCodes: ['X24'] },
          labels: [{ name: 'room', value: 'regional' }],
        },
      },
      otherKey,
    );
    expect(createWatch.errors).toEqual([]);
    expect(
      (await api.db.prisma.watchSeries.findFirstOrThrow({ where: { watch: { name: 'England (another room)' } } }))
        .state,
    ).toBe('FIRING');
    const { setRoutingPolicy } = await ask(SET, {
      input: {
        route: {
          groupWait: 0,
          groupInterval: 1,
          routes: [
            {
              receivers: ['Partner hook'],
              matchers: [
                { label: 'kind', op: 'EQUAL', value: 'crossing' },
                { label: 'organisationType', op: 'REGEX', value: 'ICB|NATIONAL_BODY|TRUST' },
              ],
              groupBy: ['metric', 'period'],
            },
          ],
        },
        inhibitRules: [
          {
            sourceMatchers: [
              { label: 'odsCode', op: 'EQUAL', value: 'X24' },
              { label: 'state', op: 'EQUAL', value: 'NOT_MEETING' },
            ],
            targetMatchers: [
              { label: 'organisationType', op: 'EQUAL', value: 'ICB' },
              { label: 'state', op: 'EQUAL', value: 'NOT_MEETING' },
            ],
            equal: ['metric', 'period'],
          },
          {
            // Only this key's own watches may inhibit: the other room's firing England watch holds nothing back.
            sourceMatchers: [
              { label: 'kind', op: 'EQUAL', value: 'watch' },
              { label: 'state', op: 'EQUAL', value: 'FIRING' },
              { label: 'room', op: 'EQUAL', value: 'regional' },
            ],
            targetMatchers: [{ label: 'organisationType', op: 'EQUAL', value: 'TRUST' }],
            equal: [],
          },
        ],
      },
    });
    expect(setRoutingPolicy.errors).toEqual([]);
    expect(setRoutingPolicy.policy.route.routes).toEqual([
      { receivers: ['Partner hook'], groupBy: ['metric', 'period'] },
    ]);
    const before = receiver.received.length;
    const crossingsEnd = (await api.db.prisma.crossing.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    const september = monthlyAeImportFiles().find((file) => file.name.includes('September-2024'))!;
    expect((await importFiles(api.db, 'nhse-ae-monthly', [september], { now: NOW })).errors).toEqual([]);
    const logged = await api.db.prisma.crossing.findMany({
      where: { sequence: { gt: crossingsEnd }, organisation: { type: { in: ['ICB', 'NATIONAL_BODY', 'TRUST'] } } },
      include: { organisation: true, metric: true },
      orderBy: { sequence: 'asc' },
    });
    // England misses a target in a period when the file says so, or when its series stands missing it since.
    const englandStanding = await api.db.prisma.seriesState.findMany({
      where: { organisation: { odsCode: 'X24' }, state: 'NOT_MEETING' },
      include: { metric: true },
    });
    const englandMisses = new Set([
      ...logged
        .filter((crossing) => crossing.organisation.odsCode === 'X24' && crossing.direction === 'BREACHED')
        .map((crossing) => `${crossing.metric.code} ${crossing.period}`),
      ...englandStanding.map((series) => `${series.metric.code} ${series.period}`),
    ]);
    const expected = logged.filter(
      (crossing) =>
        !(
          crossing.organisation.type === 'ICB' &&
          crossing.direction === 'BREACHED' &&
          englandMisses.has(`${crossing.metric.code} ${crossing.period}`)
        ),
    );
    const held = logged.filter((crossing) => !expected.includes(crossing));
    const missedInThisFile = (crossing: (typeof logged)[number]) =>
      logged.some(
        (england) =>
          england.organisation.odsCode === 'X24' &&
          england.direction === 'BREACHED' &&
          england.metric.code === crossing.metric.code &&
          england.period === crossing.period,
      );
    // Some ICBs are held back by England's miss standing since an earlier file; trusts still go.
    expect(held.filter((crossing) => !missedInThisFile(crossing)).length).toBeGreaterThan(0);
    expect(expected.filter((crossing) => crossing.organisation.type === 'TRUST').length).toBeGreaterThan(0);
    const groups = new Set(expected.map((crossing) => `${crossing.metric.code} ${crossing.period}`));
    await waitFor(() => (receiver.received.length - before >= groups.size ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 600));
    const messages = receiver.received.slice(before);
    // One message per metric and period, only crossings, all verified.
    expect(messages).toHaveLength(groups.size);
    expect(messages.every((message) => message.verified && message.body.type === 'notification.events')).toBe(true);
    expect(
      messages.map((message) => `${message.body.data.group!.metric} ${message.body.data.group!.period}`).sort(),
    ).toEqual([...groups].sort());
    expect(
      messages
        .flatMap((message) => message.body.data.events!.map((event) => event.cursor))
        .sort((a, b) => Number(a) - Number(b)),
    ).toEqual(expected.map((crossing) => crossing.sequence.toString()));
    expect(await ask('mutation { clearRoutingPolicy }')).toEqual({ clearRoutingPolicy: true });
    await ask(
      'mutation($id: ID!) { deleteWatch(id: $id) { errors { message } } }',
      { id: createWatch.watch.id },
      otherKey,
    );
  });
});

describe('mute timings', () => {
  it("holds a muted route's message until its interval ends, in London time", async () => {
    const today = londonTime(new Date()).weekday;
    const { setRoutingPolicy } = await ask(
      'mutation($input: RoutingPolicyInput!) { setRoutingPolicy(input: $input) { errors { code message } } }',
      {
        input: {
          route: {
            groupWait: 0,
            routes: [
              {
                receivers: ['Partner hook'],
                matchers: [{ label: 'kind', op: 'EQUAL', value: 'crossing' }],
                groupBy: ['metric'],
                muteTimeIntervals: ['all of today'],
              },
            ],
          },
          timeIntervals: [{ name: 'all of today', weekdays: [today] }],
        },
      },
    );
    expect(setRoutingPolicy.errors).toEqual([]);
    const before = receiver.received.length;
    const notificationsEnd = (await api.db.prisma.notification.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const october = monthlyAeImportFiles().find((file) => file.name.includes('October-2024'))!;
    expect((await importFiles(api.db, 'nhse-ae-monthly', [october], { now: NOW })).errors).toEqual([]);
    const held = await waitFor(async () => {
      const rows = await api.db.prisma.notification.findMany({ where: { id: { gt: notificationsEnd } } });
      return rows.length > 0 ? rows : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(receiver.received.length).toBe(before);
    // Due at the first minute of tomorrow in London.
    for (const row of held) {
      expect(row.state).toBe('PENDING');
      expect(londonTime(row.dueAt).weekday).not.toBe(today);
      expect(londonTime(row.dueAt).minute).toBe(0);
      expect(row.dueAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 60 * 60_000);
    }
    expect(await ask('mutation { clearRoutingPolicy }')).toEqual({ clearRoutingPolicy: true });
  });
});

describe('publication news', () => {
  it('tells a route asking for it of a release imported with its crossings, a file refused and why, and a release overdue by its cadence, once each', async () => {
    const { setRoutingPolicy } = await ask(
      'mutation($input: RoutingPolicyInput!) { setRoutingPolicy(input: $input) { errors { code message } } }',
      {
        input: {
          route: {
            groupWait: 0,
            groupInterval: 1,
            routes: [
              {
                receivers: ['Partner hook'],
                matchers: [{ label: 'kind', op: 'EQUAL', value: 'publication' }],
                groupBy: ['publication'],
              },
            ],
          },
        },
      },
    );
    expect(setRoutingPolicy.errors).toEqual([]);
    const before = receiver.received.length;
    const mirror = mkdtempSync(path.join(tmpdir(), 'nmg-news-'));
    try {
      const folder = path.join(mirror, PUBLICATIONS.aeMonthly.folder);
      mkdirSync(folder, { recursive: true });
      copyFileSync(
        path.join(MONTHLY_AE_DIR, 'Monthly-AE-August-2024.csv'),
        path.join(folder, 'Monthly-AE-August-2024.csv'),
      );
      writeFileSync(path.join(folder, 'Monthly-AE-December-2024.csv'), 'Period,Org Code\nnot,a month\n');
      const synced = await syncPublications(api.db, { mirror, now: NOW, only: [PUBLICATIONS.aeMonthly] });
      expect(synced.map((file) => file.outcome)).toEqual(['imported', 'refused']);
      const [imported, refused] = synced;

      // August 2024 was the latest month brought: September's figures were due on 10 October 2024.
      const lateInDecember = new Date('2024-12-20T12:00:00Z');
      await logOverdueReleases(api.db, lateInDecember);
      expect(await logOverdueReleases(api.db, lateInDecember)).toBe(0);
      const overdue = await api.db.prisma.publicationNews.findMany({ where: { kind: 'OVERDUE' } });
      expect(overdue).toEqual([expect.objectContaining({ period: '2024-09', dueOn: '2024-10-10' })]);

      const events = async () =>
        receiver.received
          .slice(before)
          .filter((message) => message.body.data.group?.publication === 'nhse-ae-monthly')
          .flatMap((message) => message.body.data.events as unknown as Record<string, any>[]);
      const told = await waitFor(async () => ((await events()).length >= 3 ? events() : undefined));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await events()).toHaveLength(3);
      expect(receiver.received.slice(before).every((message) => message.verified)).toBe(true);
      expect(told.map((event) => [event.kind, event.period])).toEqual([
        ['IMPORTED', '2024-08'],
        ['REFUSED', '2024-12'],
        ['OVERDUE', '2024-09'],
      ]);
      expect(told[0]!.publication).toMatchObject({
        key: 'nhse-ae-monthly',
        fileName: 'Monthly-AE-August-2024.csv',
        inserted: imported!.inserted,
        revised: imported!.revised,
        crossings: imported!.crossings,
      });
      expect(told[1]!.publication).toMatchObject({ fileName: 'Monthly-AE-December-2024.csv', reason: refused!.reason });
      expect(told[2]!.publication).toMatchObject({ dueOn: '2024-10-10' });
    } finally {
      rmSync(mirror, { recursive: true, force: true });
      expect(await ask('mutation { clearRoutingPolicy }')).toEqual({ clearRoutingPolicy: true });
    }
  });
});
