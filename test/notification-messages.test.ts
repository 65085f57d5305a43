import { describe, expect, it } from 'vitest';
import { emailOf, routeTemplateProblem, teamsCardOf } from '../src/services/notification-messages.js';
import type { NotificationMessage, NotifiedEvent } from '../src/services/notifier.js';
import { adaptiveCardProblems } from './support/adaptive-cards.js';

/**
 * What a message says in each medium: a route's own templates (Liquid) over the defaults, user text
 * escaped for the medium whatever the template does, acknowledgements and reminders in words, and
 * templates that would read files, objects' insides or run away refused before they are kept.
 */
const event = (overrides: Partial<NotifiedEvent> = {}): NotifiedEvent => ({
  log: 'watch-events',
  cursor: '7',
  kind: 'FIRING',
  watch: { id: 3, name: '<b>ICBs</b> *under* [78%](https://evil.example)' },
  organisation: { odsCode: 'QWE', name: 'NHS South West London Integrated Care Board' },
  metricCode: 'AE_4HR',
  milestone: { key: 'UEC-4HR-78', title: '78% in four hours' },
  period: '2024-06',
  value: 0.712,
  displayValue: '71.2%',
  threshold: null,
  publication: null,
  acknowledgement: null,
  labels: { kind: 'watch', state: 'FIRING', team: 'uec' },
  occurredAt: '2024-07-11T09:30:00.000Z',
  ...overrides,
});

const message = (
  events: NotifiedEvent[],
  templates: { title: string | null; text: string | null } = { title: null, text: null },
  reminder = false,
): NotificationMessage => ({
  kind: 'EVENTS',
  receiver: 'Ops room',
  group: { watch: '3' },
  events,
  reminder,
  templates,
});

const PUBLIC_URL = 'https://mandate.example.nhs.uk';

/** The Adaptive Card a Teams message carries. */
const cardOf = (notification: NotificationMessage, publicUrl: string | null): any =>
  teamsCardOf(notification, publicUrl).attachments[0]!.content;

describe('route templates', () => {
  const templated = message(
    [
      event(),
      event({
        cursor: '8',
        kind: 'ACKNOWLEDGED',
        organisation: { odsCode: 'QKK', name: 'NHS South East London <script>' },
        acknowledgement: { by: 'key:ab12cd', note: 'Escalated: see **bed plan**' },
      }),
    ],
    {
      title: '{{ counts.firing }} firing, {{ counts.acknowledged }} acknowledged: {{ events[0].watch }}\nsecond line',
      text: '**Regional UEC cell** — {% for event in events %}{{ event.odsCode }} {{ event.words }}; {% endfor %}{{ boardUrl }}',
    },
  );

  it("renders a Teams card's heading and opening text from the route's templates, values escaped as card markdown and the author's own markdown kept", () => {
    const card = cardOf(templated, PUBLIC_URL);
    expect(card.body[0].text).toBe(
      '1 firing, 1 acknowledged: \\<b\\>ICBs\\</b\\> \\*under\\* \\[78%\\]\\(https://evil\\.example\\)\nsecond line',
    );
    expect(card.body[1]).toEqual({
      type: 'TextBlock',
      wrap: true,
      text: '**Regional UEC cell** — QWE firing; QKK acknowledged by key:ab12cd \\("Escalated: see \\*\\*bed plan\\*\\*"\\); https://mandate\\.example\\.nhs\\.uk/board?metric=AE\\_4HR&period=2024\\-06',
    });
    // A card Teams renders, by Microsoft's own SDK; the list of events stays whatever the template says.
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.body[2].type).toBe('FactSet');
    expect(card.body[2].facts.map((fact: { value: string }) => fact.value)).toEqual([
      'firing: AE\\_4HR 2024\\-06 at 71\\.2%, milestone UEC\\-4HR\\-78',
      'acknowledged by key:ab12cd \\("Escalated: see \\*\\*bed plan\\*\\*"\\): AE\\_4HR 2024\\-06 at 71\\.2%, milestone UEC\\-4HR\\-78',
    ]);
  });

  it("renders an email's subject on one line and its opening text, made inert in the HTML part", () => {
    const mail = emailOf(templated, PUBLIC_URL);
    expect(mail.subject).toBe('1 firing, 1 acknowledged: <b>ICBs</b> *under* [78%](https://evil.example) second line');
    expect(mail.text.split('\n')[0]).toBe(
      '**Regional UEC cell** — QWE firing; QKK acknowledged by key:ab12cd ("Escalated: see **bed plan**"); https://mandate.example.nhs.uk/board?metric=AE_4HR&period=2024-06',
    );
    expect(mail.text).toContain(
      '- acknowledged by key:ab12cd ("Escalated: see **bed plan**"): NHS South East London <script> (QKK), AE_4HR 2024-06 at 71.2%',
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('NHS South East London &#60;script&#62; (QKK)');
  });

  it('uses the defaults where a route has no templates, saying a reminder and an acknowledgement in words', () => {
    const reminder = emailOf(message([event()], undefined, true), null);
    expect(reminder.subject).toBe(
      '[nhs-mandate-graph] Still standing: Watch "<b>ICBs</b> *under* [78%](https://evil.example)": 1 firing',
    );
    const acknowledged = cardOf(
      message([event({ kind: 'ACKNOWLEDGED', acknowledgement: { by: 'jwt:lead', note: null } })]),
      null,
    );
    expect(acknowledged.body).toHaveLength(2);
    expect(adaptiveCardProblems(acknowledged)).toEqual([]);
    expect(acknowledged.body[0].text).toContain('1 acknowledged');
    expect(acknowledged.body[1].facts[0].value).toMatch(/^acknowledged by jwt:lead: AE\\_4HR/);
  });

  it('falls back to the default message, saying so, where a template fails as it is sent', () => {
    // Within limits for the one-event sample it was checked on, past them for a large group.
    const heavy =
      '{% for a in events %}{% for b in events %}{% for c in events %}{{ a.line }}{{ b.line }}{{ c.line }}{% endfor %}{% endfor %}{% endfor %}';
    expect(routeTemplateProblem(heavy)).toBeNull();
    const events = Array.from({ length: 60 }, (_, index) => event({ cursor: String(index) }));
    const mail = emailOf(message(events, { title: null, text: heavy }), null);
    expect(mail.text.split('\n')[0]).toMatch(
      /^This route's template could not be used \(.+\); the standard message follows\.$/,
    );
    expect(mail.text.split('\n').filter((line) => line.startsWith('- firing: '))).toHaveLength(60);
  });
});

describe("the Adaptive Cards SDK's own checks", () => {
  it('find a card it would not render as written: an unknown element, an invalid size', () => {
    expect(
      adaptiveCardProblems({
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          { type: 'TextBlok', text: 'x' },
          { type: 'TextBlock', size: 'Huge', text: 'y' },
        ],
      }),
    ).toEqual([
      'Unknown element type "TextBlok". Fallback will be used if present.',
      'Invalid value "Huge" for property "size".',
    ]);
  });
});

describe('templates refused before a policy keeps them', () => {
  it.each([
    ['does not parse', '{% if count > 1 %}many'],
    ['names a filter Liquid does not have', '{{ headline | shout }}'],
    ['reads a file', "{% include '/etc/passwd' %}"],
    ['runs away', '{% for i in (1..100000000) %}{{ i }}{% endfor %}'],
    ['is too long', 'x'.repeat(4_001)],
  ])('one that %s', (_, template) => {
    expect(routeTemplateProblem(template)).toMatch(/^The template does not work: /);
  });

  it("reads only a message's own fields: nothing of an object's insides", () => {
    const card = cardOf(
      message([event()], {
        title: '[{{ events.constructor }}{{ headline.constructor.name }}{{ group.__proto__ }}]',
        text: null,
      }),
      null,
    );
    expect(card.body[0].text).toBe('[]');
  });
});

describe('publication news', () => {
  const news = (kind: string, overrides: Partial<NonNullable<NotifiedEvent['publication']>>, period: string | null) =>
    event({
      log: 'publication-news',
      kind,
      watch: null,
      organisation: null,
      metricCode: null,
      milestone: null,
      period,
      value: null,
      displayValue: null,
      publication: {
        key: 'nhse-ae-monthly',
        title: 'A&E Attendances and Emergency Admissions',
        fileName: null,
        reason: null,
        inserted: 0,
        revised: 0,
        crossings: 0,
        dueOn: null,
        ...overrides,
      },
      labels: { kind: 'publication', state: kind, publication: 'nhse-ae-monthly' },
    });

  it('says what a release brought, why a file was refused and when an overdue release was due, with no board link', () => {
    const mail = emailOf(
      message([
        news(
          'IMPORTED',
          { fileName: 'Monthly-AE-August-2024.csv', inserted: 5_120, revised: 3, crossings: 37 },
          '2024-08',
        ),
        news(
          'REFUSED',
          { fileName: 'Monthly-AE-December-2024.csv', reason: 'INVALID_FILE: no Period column' },
          '2024-12',
        ),
        news('OVERDUE', { dueOn: '2024-10-10' }, '2024-09'),
      ]),
      PUBLIC_URL,
    );
    expect(mail.subject).toBe(
      '[nhs-mandate-graph] A&E Attendances and Emergency Admissions: 1 imported, 1 refused, 1 overdue',
    );
    expect(mail.text.split('\n').slice(2)).toEqual([
      "- imported: A&E Attendances and Emergency Admissions, Monthly-AE-August-2024.csv (2024-08): 5120 new and 3 revised figures, 37 crossings of the mandate's targets",
      '- refused: A&E Attendances and Emergency Admissions, Monthly-AE-December-2024.csv (2024-12): nothing written: INVALID_FILE: no Period column',
      '- overdue: A&E Attendances and Emergency Admissions, the figures for 2024-09 were due on 2024-10-10 and have not appeared',
    ]);
    expect(mail.html).not.toContain('/board');
  });
});
