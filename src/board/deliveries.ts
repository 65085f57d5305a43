import { ReceiverDeliveriesDocument, type ReceiverDeliveriesQuery } from '../../schema/generated/graphql.js';
import { apiKey, request } from './api.js';

/** The board's notifications panel: the key's receivers, each with what became of its latest message. */

type Receiver = ReceiverDeliveriesQuery['receivers'][number];

const KIND_WORDS: Record<string, string> = { WEBHOOK: 'webhook', TEAMS: 'Teams', EMAIL: 'email' };
const time = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });

/** A receiver's latest message in words: its state's tone (for the colour) and what to read. */
export function deliveryLine(receiver: Receiver): { tone: string; text: string } {
  const name = `${receiver.name} (${KIND_WORDS[receiver.kind] ?? receiver.kind})`;
  const last = receiver.lastDelivery;
  if (!last) return { tone: 'NONE', text: `${name}: nothing sent yet.` };
  const what = last.kind === 'TEST' ? 'test message' : last.kind === 'REPEAT' ? 'reminder' : 'message';
  const tries = `${last.attempts} attempt${last.attempts === 1 ? '' : 's'}`;
  const why = last.lastError ?? (last.lastStatus ? `HTTP ${last.lastStatus}` : null);
  switch (last.state) {
    case 'SENT':
      return { tone: 'SENT', text: `${name}: ${what} sent ${time(last.sentAt!)} (${tries}).` };
    case 'FAILED':
      return { tone: 'FAILED', text: `${name}: ${what} failed after ${tries}${why ? `: ${why}` : ''}.` };
    default:
      return {
        tone: 'PENDING',
        text:
          last.attempts === 0
            ? `${name}: ${what} due ${time(last.dueAt)}.`
            : `${name}: ${what} still trying (${tries}${why ? `, last: ${why}` : ''}); next at ${time(last.dueAt)}.`,
      };
  }
}

/** Draws the panel; without a key there is nothing to show but how to see it. */
export async function drawDeliveries(): Promise<void> {
  const list = document.getElementById('deliveries')!;
  const status = document.getElementById('deliveries-status')!;
  if (!apiKey()) {
    list.replaceChildren();
    status.textContent = 'Enter an API key to see its receivers and their latest messages.';
    return;
  }
  try {
    const { receivers } = await request(ReceiverDeliveriesDocument, {});
    list.replaceChildren(
      ...receivers.map((receiver) => {
        const { tone, text } = deliveryLine(receiver);
        const item = document.createElement('li');
        item.className = tone;
        item.textContent = text;
        return item;
      }),
    );
    status.textContent = receivers.length === 0 ? 'This key has no receivers.' : '';
  } catch (error) {
    status.textContent = `Could not load the notifications: ${(error as Error).message}`;
  }
}
