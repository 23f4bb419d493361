// The admin's erase cards: find the person by name, read exactly what erasing them does and confirm it, then
// a receipt. The person's name is shown to the admin who chose them; it is never stored or logged.
import type { ErasureCounts } from '../domain/erasure.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

export type ErasureCandidate = { aadObjectId: string; name: string; guest: boolean; summary: string };

export type EraseSearchView = {
  query: string;
  results?: ErasureCandidate[];
  /** The admin looking: shown as themselves, with no button. */
  actor: string;
  find: CardAction;
  choose: (person: ErasureCandidate) => Pick<CardAction, 'verb' | 'data'>;
  notice?: string;
};

export function eraseSearchCard(text: Text, view: EraseSearchView): AdaptiveCard {
  const t = text.erasure;
  return expandCard('erase-search', {
    notice: view.notice ?? '',
    title: t.searchTitle,
    intro: t.searchIntro,
    queryLabel: t.queryLabel,
    queryPlaceholder: t.queryPlaceholder,
    queryError: t.queryError,
    query: view.query,
    findButton: view.find.title,
    findVerb: view.find.verb,
    findData: view.find.data,
    resultsHeading: view.results ? t.results(view.results.length, view.query) : '',
    results: (view.results ?? []).map((person) => {
      const self = person.aadObjectId === view.actor;
      const { verb, data } = view.choose(person);
      return {
        name: person.guest ? `${person.name} (${t.guest})` : person.name,
        summary: self ? t.you : person.summary,
        button: self ? '' : t.choose,
        verb,
        data,
      };
    }),
  });
}

export type EraseConfirmView = {
  name: string;
  /** Names of the units whose measures the person answers (or deputises for). */
  measureUnits: string[];
  erase: CardAction;
  back: CardAction;
  notice?: string;
};

export function eraseConfirmCard(text: Text, view: EraseConfirmView): AdaptiveCard {
  const t = text.erasure;
  return expandCard('erase-confirm', {
    notice: view.notice ?? '',
    title: t.confirmTitle(view.name),
    intro: t.happens,
    happens: [
      t.removed,
      t.answers,
      t.actions,
      ...(view.measureUnits.length ? [t.measures(view.measureUnits.join(', '))] : []),
      t.audit,
    ],
    warning: t.warning,
    confirmLabel: t.confirmLabel,
    confirmTitle: t.understand,
    confirmError: t.confirmError,
    eraseButton: view.erase.title,
    eraseVerb: view.erase.verb,
    eraseData: view.erase.data,
    backButton: view.back.title,
    backVerb: view.back.verb,
    backData: view.back.data,
  });
}

export type EraseReceiptView = {
  name: string;
  counts: Pick<ErasureCounts, 'pulses' | 'actions'>;
  actions: CardAction[];
};

export function eraseReceiptCard(text: Text, view: EraseReceiptView): AdaptiveCard {
  const t = text.erasure;
  return expandCard('erase-receipt', {
    title: t.receiptTitle(view.name),
    lines: [t.receiptAnswers(view.counts.pulses), t.receiptActions(view.counts.actions), t.receiptAudit],
    actions: view.actions,
  });
}
