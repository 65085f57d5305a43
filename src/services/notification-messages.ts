/**
 * What a notification says, for each medium: an email's subject, text and HTML, and a Teams
 * Adaptive Card. Pure. Everything a user wrote or a publisher named (watch names, labels,
 * organisation names) is escaped for the medium it goes into, so no markup rides in on it.
 */
import type { NotificationMessage, NotifiedEvent } from './notifier.js';
import { renderTemplate, templateProblem, type Escape } from './notification-templates.js';

/** Text made inert in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Text made inert in an Adaptive Card's TextBlock, whose markdown would otherwise make links and emphasis of it. */
export function escapeCardMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|>~<]/g, (character) => `\\${character}`);
}

const KIND_WORDS: Record<string, string> = {
  BREACHED: 'missing the target',
  RECOVERED: 'meeting it again',
  FIRING: 'firing',
  RESOLVED: 'resolved',
  PENDING: 'pending',
  ACKNOWLEDGED: 'acknowledged',
  IMPORTED: 'imported',
  REFUSED: 'refused',
  OVERDUE: 'overdue',
};

/** "Watch "ICBs under 78%": 5 firing, 2 resolved", or a test's heading. */
export function headlineOf(message: NotificationMessage): string {
  if (message.kind === 'TEST') return `Test message for receiver "${message.receiver}"`;
  const counts = new Map<string, number>();
  for (const event of message.events) counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
  const summary = [...counts].map(([kind, count]) => `${count} ${KIND_WORDS[kind] ?? kind.toLowerCase()}`).join(', ');
  const watches = [...new Set(message.events.flatMap((event) => (event.watch ? [event.watch.name] : [])))];
  const metrics = [...new Set(message.events.flatMap((event) => (event.metricCode ? [event.metricCode] : [])))];
  const publications = [
    ...new Set(message.events.flatMap((event) => (event.publication ? [event.publication.title] : []))),
  ];
  const about = [
    watches.length === 1 ? `Watch "${watches[0]}"` : watches.length > 1 ? `${watches.length} watches` : null,
    message.events.some((event) => !event.watch && !event.publication) ? `Targets on ${metrics.join(', ')}` : null,
    publications.length === 1
      ? publications[0]
      : publications.length > 1
        ? `${publications.length} publications`
        : null,
  ]
    .filter((part) => part !== null)
    .join('; ');
  return `${message.reminder ? 'Still standing: ' : ''}${about}: ${summary}`;
}

/** What happened, in words: an acknowledgement names who acknowledged it and why. */
function kindWordsOf(event: NotifiedEvent): string {
  const words = KIND_WORDS[event.kind] ?? event.kind.toLowerCase();
  if (!event.acknowledgement) return words;
  const note = event.acknowledgement.note ? ` ("${event.acknowledgement.note}")` : '';
  return `${words} by ${event.acknowledgement.by}${note}`;
}

/** What publication news says after its publication's title: the file and its figures, why it was refused, when a release was due. */
function publicationNewsOf(event: NotifiedEvent): string {
  const news = event.publication!;
  const file = `${news.fileName ?? ''}${event.period ? ` (${event.period})` : ''}`;
  switch (event.kind) {
    case 'IMPORTED':
      return `${file}: ${news.inserted} new and ${news.revised} revised figures, ${news.crossings} crossings of the mandate's targets`;
    case 'REFUSED':
      return `${file}: nothing written: ${news.reason ?? 'no reason given'}`;
    default:
      return `the figures for ${event.period ?? 'its next release'} were due on ${news.dueOn ?? 'a date passed'} and have not appeared`;
  }
}

/** Whom or what an event is about, and what it says of it (a card's fact). */
function factOf(event: NotifiedEvent): { subject: string; detail: string } {
  if (event.publication) return { subject: event.publication.title, detail: publicationNewsOf(event) };
  const milestone = event.milestone ? `, milestone ${event.milestone.key}` : '';
  const against = event.threshold === null ? '' : ` against a target of ${event.threshold}`;
  return {
    subject: `${event.organisation?.name ?? ''} (${event.organisation?.odsCode ?? ''})`,
    detail: `${event.metricCode ?? ''} ${event.period ?? ''} at ${event.displayValue ?? ''}${against}${milestone}`,
  };
}

/** One event as a line: who, what, when and the value. */
function lineOf(event: NotifiedEvent): string {
  const { subject, detail } = factOf(event);
  return `${kindWordsOf(event)}: ${subject}, ${detail}`;
}

type EventsMessage = Extract<NotificationMessage, { kind: 'EVENTS' }>;

/**
 * The fields a route's templates read (docs/api.md lists them): the message's receiver, group,
 * counts by kind and events, each event's fields flat and as text.
 */
function templateFieldsOf(message: EventsMessage, publicUrl: string | null) {
  const counts: Record<string, number> = {};
  for (const event of message.events) counts[event.kind.toLowerCase()] = (counts[event.kind.toLowerCase()] ?? 0) + 1;
  return {
    receiver: message.receiver,
    reminder: message.reminder,
    headline: headlineOf(message),
    group: message.group,
    count: message.events.length,
    counts,
    boardUrl: boardLinkOfMessage(publicUrl, message) ?? '',
    events: message.events.map((event) => ({
      kind: event.kind,
      words: kindWordsOf(event),
      line: lineOf(event),
      watch: event.watch?.name ?? '',
      organisation: event.organisation?.name ?? '',
      odsCode: event.organisation?.odsCode ?? '',
      metric: event.metricCode ?? '',
      period: event.period ?? '',
      value: event.displayValue ?? '',
      publication: event.publication?.title ?? '',
      file: event.publication?.fileName ?? '',
      reason: event.publication?.reason ?? '',
      threshold: event.threshold ?? '',
      milestone: event.milestone?.key ?? '',
      milestoneTitle: event.milestone?.title ?? '',
      acknowledgedBy: event.acknowledgement?.by ?? '',
      note: event.acknowledgement?.note ?? '',
      labels: event.labels,
    })),
  };
}

/** A message every template is tried on before a policy holding it is kept. */
const SAMPLE: EventsMessage = {
  kind: 'EVENTS',
  receiver: 'Operations room',
  reminder: false,
  templates: { title: null, text: null },
  group: { watch: '1' },
  events: [
    {
      log: 'watch-events',
      cursor: '1',
      kind: 'FIRING',
      watch: { id: 1, name: 'ICBs under 78%' },
      organisation: { odsCode: 'QWE', name: 'NHS South West London Integrated Care Board' },
      metricCode: 'AE_4HR',
      milestone: { key: 'UEC-4HR-78', title: '78% of patients seen within four hours in A&E' },
      period: '2024-06',
      value: 0.712,
      displayValue: '71.2%',
      threshold: 0.78,
      publication: null,
      acknowledgement: { by: 'key:abc123', note: 'Escalated to the regional team' },
      labels: { kind: 'watch', state: 'FIRING', metric: 'AE_4HR', team: 'uec' },
      occurredAt: '2024-07-11T09:30:00.000Z',
    },
  ],
};

/** Why a route's template cannot be kept, or null: it must parse, and render a sample message within its limits. */
export function routeTemplateProblem(text: string): string | null {
  return templateProblem(text, templateFieldsOf(SAMPLE, 'https://example.org'));
}

/**
 * An events message's title and opening text in a medium: its route's templates where it has
 * them, the receiver kind's own otherwise. A template that fails as it is sent (a group larger
 * than any it was tried on) gives way to the default, and the text says so: the message still goes.
 */
function titleAndTextOf(
  message: EventsMessage,
  publicUrl: string | null,
  escape: Escape,
): { title: string | null; text: string | null } {
  const render = (template: string | null) => {
    if (template === null) return { rendered: null, failure: null };
    try {
      return { rendered: renderTemplate(template, templateFieldsOf(message, publicUrl), escape), failure: null };
    } catch (error) {
      return { rendered: null, failure: error instanceof Error ? error.message : String(error) };
    }
  };
  const title = render(message.templates.title);
  const text = render(message.templates.text);
  const failure = title.failure ?? text.failure;
  return {
    title: title.rendered,
    text: failure
      ? escape(`This route's template could not be used (${failure}); the standard message follows.`)
      : text.rendered,
  };
}

/** Where the board shows a message's first event on a metric for its period, if the server knows its public address. */
function boardLinkOfMessage(publicUrl: string | null, message: EventsMessage): string | null {
  const event = message.events.find((candidate) => candidate.metricCode && candidate.period);
  if (!publicUrl || !event) return null;
  const link = new URL('/board', publicUrl);
  link.search = new URLSearchParams({ metric: event.metricCode!, period: event.period! }).toString();
  return link.toString();
}

export function emailOf(
  message: NotificationMessage,
  publicUrl: string | null,
): { subject: string; text: string; html: string } {
  if (message.kind === 'TEST') {
    const text = `This is a test message from nhs-mandate-graph for the receiver "${message.receiver}". It arrived: the receiver works.`;
    return { subject: `[nhs-mandate-graph] ${headlineOf(message)}`, text, html: `<p>${escapeHtml(text)}</p>` };
  }
  const own = titleAndTextOf(message, publicUrl, (text) => text);
  // A subject is one line, whatever a template wrote.
  const subject = own.title?.replace(/\s+/g, ' ').trim() || `[nhs-mandate-graph] ${headlineOf(message)}`;
  const opening = own.text ?? headlineOf(message);
  const link = boardLinkOfMessage(publicUrl, message);
  const lines = message.events.map(lineOf);
  const text = [opening, '', ...lines.map((line) => `- ${line}`), ...(link ? ['', `On the board: ${link}`] : [])].join(
    '\n',
  );
  const html = [
    own.text === null
      ? `<p><strong>${escapeHtml(opening)}</strong></p>`
      : `<p>${escapeHtml(opening).replace(/\n/g, '<br>')}</p>`,
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    ...(link ? [`<p><a href="${escapeHtml(link)}">Open on the board</a></p>`] : []),
  ].join('\n');
  return { subject, text, html };
}

/** The body a Teams Workflows webhook takes: a message with one Adaptive Card (schema 1.4). */
export function teamsCardOf(message: NotificationMessage, publicUrl: string | null) {
  const own =
    message.kind === 'EVENTS' ? titleAndTextOf(message, publicUrl, escapeCardMarkdown) : { title: null, text: null };
  const heading = {
    type: 'TextBlock',
    size: 'Medium',
    weight: 'Bolder',
    wrap: true,
    text: own.title ?? escapeCardMarkdown(headlineOf(message)),
  };
  const body =
    message.kind === 'TEST'
      ? [heading, { type: 'TextBlock', wrap: true, text: 'A test message from nhs-mandate-graph: the receiver works.' }]
      : [
          heading,
          ...(own.text === null ? [] : [{ type: 'TextBlock', wrap: true, text: own.text }]),
          {
            type: 'FactSet',
            facts: message.events.map((event) => {
              const { subject, detail } = factOf(event);
              return {
                title: escapeCardMarkdown(subject),
                value: escapeCardMarkdown(`${kindWordsOf(event)}: ${detail}`),
              };
            }),
          },
        ];
  const link = message.kind === 'EVENTS' ? boardLinkOfMessage(publicUrl, message) : null;
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          ...(link ? { actions: [{ type: 'Action.OpenUrl', title: 'Open on the board', url: link }] } : {}),
        },
      },
    ],
  };
}
