/**
 * What a notification says, for each medium: an email's subject, text and HTML, and a Teams
 * Adaptive Card. Pure. Everything a user wrote or a publisher named (watch names, labels,
 * organisation names) is escaped for the medium it goes into, so no markup rides in on it.
 */
import type { NotificationMessage, NotifiedEvent } from './notifier.js';

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
};

/** "Watch "ICBs under 78%": 5 firing, 2 resolved", or a test's heading. */
export function headlineOf(message: NotificationMessage): string {
  if (message.kind === 'TEST') return `Test message for receiver "${message.receiver}"`;
  const counts = new Map<string, number>();
  for (const event of message.events) counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
  const summary = [...counts].map(([kind, count]) => `${count} ${KIND_WORDS[kind] ?? kind.toLowerCase()}`).join(', ');
  const watches = [...new Set(message.events.flatMap((event) => (event.watch ? [event.watch.name] : [])))];
  const metrics = [...new Set(message.events.map((event) => event.metricCode))];
  const about =
    watches.length === 1 && message.events.every((event) => event.watch)
      ? `Watch "${watches[0]}"`
      : watches.length === 0
        ? `Targets on ${metrics.join(', ')}`
        : `${watches.length} watches`;
  return `${about}: ${summary}`;
}

/** One event as a line: who, what, when and the value. */
function lineOf(event: NotifiedEvent): string {
  const milestone = event.milestone ? ` (milestone ${event.milestone.key})` : '';
  const against = event.threshold === null ? '' : ` against a target of ${event.threshold}`;
  return `${KIND_WORDS[event.kind] ?? event.kind}: ${event.organisation.name} (${event.organisation.odsCode}), ${event.metricCode} ${event.period} at ${event.displayValue}${against}${milestone}`;
}

/** Where the board shows a metric for a period, if the server knows its public address. */
export function boardLinkOf(publicUrl: string | null, event: NotifiedEvent): string | null {
  if (!publicUrl) return null;
  const link = new URL('/board', publicUrl);
  link.search = new URLSearchParams({ metric: event.metricCode, period: event.period }).toString();
  return link.toString();
}

export function emailOf(
  message: NotificationMessage,
  publicUrl: string | null,
): { subject: string; text: string; html: string } {
  const subject = `[nhs-mandate-graph] ${headlineOf(message)}`;
  if (message.kind === 'TEST') {
    const text = `This is a test message from nhs-mandate-graph for the receiver "${message.receiver}". It arrived: the receiver works.`;
    return { subject, text, html: `<p>${escapeHtml(text)}</p>` };
  }
  const link = message.events[0] ? boardLinkOf(publicUrl, message.events[0]) : null;
  const lines = message.events.map(lineOf);
  const text = [
    headlineOf(message),
    '',
    ...lines.map((line) => `- ${line}`),
    ...(link ? ['', `On the board: ${link}`] : []),
  ].join('\n');
  const html = [
    `<p><strong>${escapeHtml(headlineOf(message))}</strong></p>`,
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    ...(link ? [`<p><a href="${escapeHtml(link)}">Open on the board</a></p>`] : []),
  ].join('\n');
  return { subject, text, html };
}

/** The body a Teams Workflows webhook takes: a message with one Adaptive Card (schema 1.4). */
export function teamsCardOf(message: NotificationMessage, publicUrl: string | null) {
  const heading = {
    type: 'TextBlock',
    size: 'Medium',
    weight: 'Bolder',
    wrap: true,
    text: escapeCardMarkdown(headlineOf(message)),
  };
  const body =
    message.kind === 'TEST'
      ? [heading, { type: 'TextBlock', wrap: true, text: 'A test message from nhs-mandate-graph: the receiver works.' }]
      : [
          heading,
          {
            type: 'FactSet',
            facts: message.events.map((event) => ({
              title: escapeCardMarkdown(`${event.organisation.name} (${event.organisation.odsCode})`),
              value: escapeCardMarkdown(
                `${KIND_WORDS[event.kind] ?? event.kind}: ${event.metricCode} ${event.period} at ${event.displayValue}${event.milestone ? `, milestone ${event.milestone.key}` : ''}`,
              ),
            })),
          },
        ];
  const link = message.kind === 'EVENTS' && message.events[0] ? boardLinkOf(publicUrl, message.events[0]) : null;
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
