// Runs a card through Microsoft's reference Adaptive Cards library, as Teams would parse it.
import { createRequire } from 'node:module';

const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');

/** Every parse warning and validation error for the card; empty when Teams would render it as meant. */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${event.message}`);
  return problems;
}
