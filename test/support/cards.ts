// Helpers to look inside the cards the bot sends.
import type { Activity } from 'botbuilder';

export type Card = {
  body?: unknown[];
  actions?: { title: string; verb?: string; data?: Record<string, unknown> }[];
};

export function cardOf(activity: Partial<Activity> | undefined): Card | undefined {
  if (activity?.type === 'invokeResponse')
    return (activity.value as { body?: { value?: Card } })?.body?.value;
  return activity?.attachments?.[0]?.content as Card | undefined;
}

/** Every text in a card, joined: enough to assert on wording without tying tests to layout. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string')
          texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}

export const buttonTitles = (card: Card | undefined) => (card?.actions ?? []).map((action) => action.title);

export type Node = Record<string, unknown>;

/** Every element of a card, including those inside containers and shown cards. */
export function elements(card: unknown): Node[] {
  const found: Node[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof (node as Node)['type'] === 'string') found.push(node as Node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export const inputs = (card: unknown): Node[] =>
  elements(card).filter((node) => String(node['type']).startsWith('Input.'));
export const input = (card: unknown, id: string): Node | undefined =>
  inputs(card).find((node) => node['id'] === id);
