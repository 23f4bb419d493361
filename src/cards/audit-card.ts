import type { AuditEntry } from '../domain/audit.js';
import { allActions, type Action } from '../domain/permissions.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

export type AuditView = {
  entries: AuditEntry[];
  /** Names for people and units, by id; unknown ids are shown as they are. */
  names: ReadonlyMap<string, string>;
  timeZone: string;
  actions: CardAction[];
};

/** One page of the audit log, in words. */
export function auditCard(text: Text, view: AuditView): AdaptiveCard {
  const t = text.audit;
  const name = (id: string) => (id === 'system' ? t.system : (view.names.get(id) ?? id));
  const what = (action: string) =>
    allActions.includes(action as Action)
      ? t.attempted(text.refusals.what[action as Action])
      : (t.actions[action] ?? action);
  return expandCard('audit', {
    title: t.title,
    intro: view.entries.length ? t.intro(view.timeZone) : t.empty,
    entries: view.entries.map((entry) => ({
      when: text.formatDateTime(entry.at, view.timeZone),
      what: what(entry.action),
      detail: [
        t.who(name(entry.actor), t.outcomes[entry.outcome]),
        ...(entry.targets.length ? [t.targets(entry.targets.map(name).join(', '))] : []),
      ].join(' '),
    })),
    actions: view.actions,
  });
}
