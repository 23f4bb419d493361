// Cards are data: templates in adaptiveCards/ hold bindings only, this module expands them. It is the only
// importer of adaptivecards-templating.
import { readFileSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';

export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

/** A button. `data` travels back with the Action.Execute invoke; `cardId` is its idempotency key. */
export type CardAction = { title: string; verb: string; data: { cardId: string; [key: string]: unknown } };

const templatesDir = new URL('../../adaptiveCards/', import.meta.url);
const templates = new Map<string, ACData.Template>();

export function expandCard(name: string, data: object): AdaptiveCard {
  let template = templates.get(name);
  if (!template) {
    template = new ACData.Template(JSON.parse(readFileSync(new URL(`${name}.json`, templatesDir), 'utf8')));
    templates.set(name, template);
  }
  return template.expand({ $root: data }) as AdaptiveCard;
}
