import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

// The package's ES modules import without file extensions, which Node does not resolve; its UMD build loads.
const { AdaptiveCard, SerializationContext } = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof AdaptiveCards;

/**
 * What Microsoft's own Adaptive Cards SDK (`adaptivecards`) finds wrong with a card as it parses and
 * validates it: unknown element or action types, invalid property values, and the like. None: the
 * card is one Teams renders.
 */
export function adaptiveCardProblems(content: unknown): string[] {
  const card = new AdaptiveCard();
  const context = new SerializationContext();
  card.parse(content, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index += 1) problems.push(context.getEventAt(index).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}
