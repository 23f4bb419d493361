// The `export` cards: choose what to export, the period and the units; then the link to the download page,
// with what the file will hold. Choices come as data: only the kinds and units this person may export.
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

type Choice = { title: string; value: string };

export type ExportChooseView = {
  /** Why the card came back: what to fix. */
  notice?: string;
  kinds: Choice[];
  periods: Choice[];
  /** The units this person may export; none when there are none to choose. */
  units: Choice[];
  /** What the person chose, kept when the card comes back. */
  values?: { kind?: string; period?: string; unitIds?: readonly string[] };
  anonymityMin: number;
  continueAction: CardAction;
};

export function exportChooseCard(text: Text, view: ExportChooseView): AdaptiveCard {
  const t = text.exports;
  return expandCard('export-choose', {
    notice: view.notice ?? '',
    title: t.title,
    intro: t.intro,
    rules: t.rules(view.anonymityMin),
    labels: {
      kind: t.kindLabel,
      kindError: t.kindError,
      period: t.periodLabel,
      periodError: t.periodError,
      units: t.unitsLabel,
    },
    kinds: view.kinds,
    periods: view.periods,
    units: view.units,
    unitsHint: view.units.length > 0 ? t.unitsHint : t.noUnitsToChoose,
    values: {
      kind: view.values?.kind ?? view.kinds[0]?.value ?? '',
      period: view.values?.period ?? view.periods[0]?.value ?? '',
      unitIds: (view.values?.unitIds ?? []).join(','),
    },
    actions: [view.continueAction],
  });
}

export type ExportReadyView = {
  facts: { what: string; period: string; units: string; file: string };
  /** What the file will hold, in a sentence or two. */
  contents: string;
  url: string;
  actions: CardAction[];
};

/** The link to the download page (Action.OpenUrl), and what the file will hold. */
export function exportReadyCard(text: Text, view: ExportReadyView): AdaptiveCard {
  const t = text.exports;
  const f = t.facts;
  return expandCard('export-ready', {
    title: t.readyTitle,
    intro: t.readyIntro,
    facts: [
      { title: f.what, value: view.facts.what },
      { title: f.period, value: view.facts.period },
      { title: f.units, value: view.facts.units },
      { title: f.file, value: view.facts.file },
    ],
    contents: view.contents,
    linkRule: t.linkRule,
    download: { title: t.openPage, url: view.url },
    actions: view.actions,
  });
}
