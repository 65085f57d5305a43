import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BoardViewDocument, MandateScorecardDocument } from '../../schema/generated/graphql.js';
import { buildApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { OPERATOR } from '../../src/services/audit.js';
import { importFiles } from '../../src/services/import.js';
import { recordMeasurements } from '../../src/services/record-measurements.js';
import { createTestApi, FIXED_TODAY, type TestApi } from '../support/api.js';
import { monthlyAeImportFiles } from '../support/mirror.js';

/**
 * The board in a real browser: Debian's Chromium driven by playwright-core (.ci/run installs the
 * chromium package when it is missing).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NOW = new Date(`${FIXED_TODAY}T12:00:00Z`);

let api: TestApi;
let app: App;
let base: string;
let port: number;
let browser: Browser;
let page: Page;
let opsKey: string;
const problems: string[] = [];
/** While the test has stopped the server on purpose, the page's requests are refused, as they should be. */
let serverAway = false;

beforeAll(async () => {
  api = await createTestApi();
  app = api.app;
  const url = await app.start(0);
  base = url.replace(/\/graphql$/, '');
  port = Number(new URL(url).port);
  expect((await importFiles(api.db, 'nhse-ae-monthly', monthlyAeImportFiles().slice(-4), { now: NOW })).errors).toEqual(
    [],
  );
  // This machine's network is closed: Chromium's own background requests would only be refused.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (serverAway && message.text().includes('net::ERR_CONNECTION_REFUSED')) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await api?.db.close();
});

const cells = () => page.locator('#grid .cell');

/** The trusts' values that put an ICB's July roll-up at `percent`. */
async function julyFor(icb: string, percent: number) {
  const trusts = await api.db.prisma.measurement.findMany({
    where: { metric: { code: 'AE_4HR' }, period: '2025-06', derived: false, organisation: { icb: { odsCode: icb } } },
    include: { organisation: true },
  });
  return trusts.map((trust) => ({
    metricCode: 'AE_4HR',
    odsCode: trust.organisation.odsCode,
    period: '2025-07',
    numerator: Math.round(trust.denominator! * (percent / 100)),
    denominator: trust.denominator!,
  }));
}

/** ICBs meeting the 78% target in their latest month, as the API says. */
async function meetingIcbs() {
  const answer = await api.execute(BoardViewDocument, { metricCode: 'AE_4HR', types: ['ICB'] });
  return answer.organisations.edges
    .map((edge) => edge.node)
    .filter((icb) => icb.measurements.edges.at(-1)?.node.standing?.state === 'MEETING');
}

describe('the operations board in Chromium', () => {
  it('shows the 42 ICBs with the values the API returns, under a strict CSP with no inline script', async () => {
    const response = await page.goto(`${base}/board?metric=AE_4HR`);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => cells().count(), { timeout: 15_000 }).toBe(42);
    const answer = await api.execute(BoardViewDocument, { metricCode: 'AE_4HR', types: ['ICB'] });
    const shown = await cells().evaluateAll((buttons) =>
      buttons.map((button) => ({
        ods: (button as HTMLElement).dataset.ods,
        state: (button as HTMLElement).dataset.state,
        value: button.querySelector('.value')!.textContent,
      })),
    );
    const expected = answer.organisations.edges.map(({ node }) => ({
      ods: node.odsCode,
      state: node.measurements.edges.at(-1)!.node.standing!.state,
      value: node.measurements.edges.at(-1)!.node.displayValue,
    }));
    expect(shown).toEqual(expected);
    // The state is in words beside the colour, never colour alone.
    expect(await cells().first().locator('.state').textContent()).toMatch(/^(Meeting|Not meeting)$/);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    // Anonymous viewing works; live events need an ops key, and the page says so.
    await expect.poll(() => page.locator('#live').textContent()).toMatch(/^Not live: .*API key/);
  });

  it('goes live once an ops key is entered (kept in the session, not sent anywhere but here)', async () => {
    opsKey = await api.createKey('OPS');
    await page.locator('#key').fill(opsKey);
    await page.locator('#key-form button').click();
    await expect.poll(() => page.locator('#live').textContent(), { timeout: 10_000 }).toBe('Live');
    expect(await page.evaluate(() => sessionStorage.getItem('nmg-board-key'))).toMatch(/^nmgk_/);
  });

  it('turns a cell from MEETING to NOT_MEETING and adds the crossing to the feed within 2 seconds, with no reload', async () => {
    const icb = (await meetingIcbs())[0]!;
    const cell = page.locator(`#grid .cell[data-ods="${icb.odsCode}"]`);
    expect(await cell.getAttribute('data-state')).toBe('MEETING');
    const written = await api.post({
      query:
        'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded errors { code } } }',
      variables: { i: { source: 'board test', measurements: await julyFor(icb.odsCode, 60) } },
    });
    expect((written.json.data as any).recordMeasurements.errors).toEqual([]);
    const started = Date.now();
    await cell.and(page.locator('[data-state="NOT_MEETING"]')).waitFor({ timeout: 2_000 });
    const entry = page.locator('#feed li.BREACHED', { hasText: `${icb.name} fell short of 78% in 2025-07` });
    await entry.first().waitFor({ timeout: Math.max(1, 2_000 - (Date.now() - started)) });
    expect(await entry.count()).toBe(1);
  });

  it("adds the events of the key's watches to the feed, naming the watch and the milestone at stake", async () => {
    const icb = (await meetingIcbs())[0]!;
    const made = await api.post(
      {
        query: 'mutation($input: CreateWatchInput!) { createWatch(input: $input) { errors { code } } }',
        variables: {
          input: {
            name: `${icb.odsCode} under 70%`,
            metricCode: 'AE_4HR',
            selection: { odsCodes: [icb.odsCode] },
            condition: { kind: 'THRESHOLD', threshold: { comparator: 'BELOW', value: 70 } },
          },
        },
      },
      { authorization: `Bearer ${opsKey}` },
    );
    expect((made.json.data as any).createWatch.errors).toEqual([]);
    await api.post({
      query: 'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { errors { code } } }',
      variables: { i: { source: 'board watch test', measurements: await julyFor(icb.odsCode, 50) } },
    });
    const entry = page.locator('#feed li.FIRING', {
      hasText: `Watch "${icb.odsCode} under 70%": ${icb.name} is firing since 2025-07`,
    });
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.textContent()).toContain('Milestone at stake:');
  });

  it("lists the key's receivers with what became of each one's latest message, in words", async () => {
    const made = async (name: string, url: string) => {
      const { json } = await api.post(
        {
          query:
            'mutation($input: CreateReceiverInput!) { createReceiver(input: $input) { receiver { id } errors { code } } }',
          variables: { input: { name, kind: name.includes('Teams') ? 'TEAMS' : 'WEBHOOK', url } },
        },
        { authorization: `Bearer ${opsKey}` },
      );
      expect((json.data as any).createReceiver.errors).toEqual([]);
      return api.db.prisma.receiver.findFirstOrThrow({ where: { name } });
    };
    const partner = await made('Partner <hook>', 'https://hooks.example.org/nhs');
    const channel = await made('UEC Teams channel', 'https://example.webhook.office.com/workflows/1');
    await made('Spare', 'https://spare.example.org/');
    // What the notifier leaves behind: one message sent on its second try, one given up.
    const message = (receiverId: number, id: string) => ({
      messageId: `msg_${id}`,
      receiverId,
      owner: partner.owner,
      kind: 'EVENTS' as const,
      groupKey: '["0",["watch","1"]]',
      events: [],
      createdAt: new Date('2025-08-14T09:30:00Z'),
      triesSince: new Date('2025-08-14T09:30:00Z'),
      firstEventAt: new Date('2025-08-14T09:30:00Z'),
      dueAt: new Date('2025-08-14T09:30:30Z'),
    });
    await api.db.prisma.notification.create({
      data: {
        ...message(partner.id, 'sent'),
        state: 'SENT',
        attempts: 2,
        lastStatus: 200,
        sentAt: new Date('2025-08-14T09:31:00Z'),
      },
    });
    await api.db.prisma.notification.create({
      data: {
        ...message(channel.id, 'failed'),
        state: 'FAILED',
        attempts: 1,
        lastStatus: 404,
        lastError: 'HTTP 404: refused',
      },
    });
    // The panel is drawn as a key is entered.
    await page.locator('#key-form button').click();
    const items = page.locator('#deliveries li');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(3);
    expect(await items.evaluateAll((list) => list.map((item) => [item.className, item.textContent]))).toEqual([
      ['SENT', 'Partner <hook> (webhook): message sent 14 Aug 2025, 10:31 (2 attempts).'],
      ['FAILED', 'UEC Teams channel (Teams): message failed after 1 attempt: HTTP 404: refused.'],
      ['NONE', 'Spare (webhook): nothing sent yet.'],
    ]);
  });

  it('says it is reconnecting when the server goes, and on its return shows the crossing written meanwhile exactly once', async () => {
    const icb = (await meetingIcbs())[0]!;
    serverAway = true;
    await app.stop();
    await expect.poll(() => page.locator('#live').textContent(), { timeout: 15_000 }).toBe('Reconnecting…');
    // Written straight to the database while no server runs: the page cannot have heard of it.
    const result = await recordMeasurements(
      api.db,
      { source: 'while away', measurements: await julyFor(icb.odsCode, 55) },
      { today: FIXED_TODAY, now: NOW, audit: { ...OPERATOR, action: 'test' } },
    );
    expect(result.errors).toEqual([]);
    const cursor = result.crossings.find((crossing) => crossing.route.odsCode === icb.odsCode)!.sequence.toString();
    app = buildApp({ db: api.db, logger: createLogger('silent'), now: () => NOW });
    await app.start(port);
    await expect.poll(() => page.locator('#live').textContent(), { timeout: 20_000 }).toBe('Live');
    serverAway = false;
    await page.locator(`#feed li[data-cursor="${cursor}"]`).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1_500);
    expect(await page.locator(`#feed li[data-cursor="${cursor}"]`).count()).toBe(1);
    await expect
      .poll(() => page.locator(`#grid .cell[data-ods="${icb.odsCode}"]`).getAttribute('data-state'))
      .toBe('NOT_MEETING');
  });

  it('reaches every cell from the keyboard, and opens a detail with the series, its provenance and crossings', async () => {
    await page.locator('body').focus();
    const reached = new Set<string>();
    for (let presses = 0; presses < 120 && reached.size < 42; presses += 1) {
      await page.keyboard.press('Tab');
      const ods = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.ods ?? null);
      if (ods) reached.add(ods);
    }
    expect(reached.size).toBe(42);
    await page.keyboard.press('Enter');
    const dialog = page.locator('#detail');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => dialog.locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    expect(await dialog.locator('canvas').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
  });

  it('reproduces a view from a deep link: the trusts of a region', async () => {
    await page.goto(`${base}/board?metric=AE_4HR&region=Y56`);
    await expect.poll(() => cells().count(), { timeout: 15_000 }).toBeGreaterThan(10);
    expect(await page.locator('#group').inputValue()).toBe('TRUST');
    expect(await page.locator('#region').inputValue()).toBe('Y56');
    expect(await page.locator('#export').getAttribute('href')).toBe(
      '/export/board.csv?metric=AE_4HR&group=TRUST&region=Y56',
    );
  });

  it("shows the mandate at a glance, each measured milestone with England's standing, and opens a metric's grid from it", async () => {
    await page.goto(`${base}/board?view=mandate`);
    const rows = page.locator('#scorecard tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    expect(await page.locator('#grid-view').isHidden()).toBe(true);
    // A&E is measured here (the last four months imported): England's value and state against the 78% due March 2025.
    const fourHours = page.locator('#scorecard tbody tr[data-metric="AE_4HR"]');
    const { mandate } = await api.execute(MandateScorecardDocument, { slug: '2023' });
    const entry = mandate!.scorecard.find((candidate) => candidate.metric.code === 'AE_4HR')!;
    const england = entry.england!;
    await expect
      .poll(() => fourHours.innerText())
      .toContain(`${england.measurement!.displayValue} (${england.period})`);
    expect(await fourHours.getAttribute('data-state')).toBe(entry.state);
    // Diagnostics has no data in this database: it says so.
    expect(await page.locator('#scorecard tbody tr[data-metric="DIAG_6WK"] td.state').innerText()).toBe('No data');
    await fourHours.getByRole('link').click();
    await expect.poll(() => page.url()).toBe(`${base}/board?metric=AE_4HR&group=ICB`);
    await expect.poll(() => cells().count(), { timeout: 15_000 }).toBe(42);
    expect(await page.locator('#mandate-view').isHidden()).toBe(true);
  });

  it('logged no console error and no CSP violation on any page', () => {
    expect(problems).toEqual([]);
  });
});

describe('GraphiQL in Chromium on a network without internet', () => {
  it("renders from the server's own assets: every request to another host is refused, and the editor still appears", async () => {
    const development = buildApp({ db: api.db, logger: createLogger('silent'), now: () => NOW, development: true });
    const url = await development.start(0);
    const offline = await browser.newPage();
    const outside: string[] = [];
    await offline.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (
        host === '127.0.0.1' ||
        route.request().url().startsWith('data:') ||
        route.request().url().startsWith('blob:')
      )
        return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    try {
      await offline.goto(url);
      await offline.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
      expect(outside).toEqual([]);
    } finally {
      await offline.close();
      await development.stop();
    }
  });
});
