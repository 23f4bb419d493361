// The organisation digest (to partnership leads, in their chat) and the organisation summary (in an
// organisation-wide channel), from the organisation digest maths' codes and numbers. One template serves both;
// the channel card names no staff, whatever it is given. Units are named: they are teams, not people. Each
// comparison shows the few highest and lowest units in words ("Ward 7: 86% said yes (12 of 14)"), never by
// colour, and the figures for every unit are left to the export, so the card stays small however many units.
import type { LocalDate } from '../domain/cycles.js';
import type { Ranked, Ranking } from '../domain/comparison.js';
import type { OrganisationDigest, OrganisationTile } from '../domain/organisation-digest.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';
import { formatLocalDate } from './pulse-cards.js';
import {
  actionsSection,
  countWords,
  headlineSentence,
  principleSection,
  pulseChart,
  valueWords,
  type Labels,
} from './summary-cards.js';

export type OrganisationDigestView = Labels & {
  audience: 'lead' | 'channel';
  /** The organisation unit's name, when the digest is about one. */
  organisationName?: string;
  /** The Monday of the week summarised. */
  monday: LocalDate;
  digest: OrganisationDigest;
  timeZone: string;
  /** How many units each end of a comparison shows. */
  few: number;
  /** Names of the owners of the organisation's measures with no update, by Entra id: leads' card only. */
  names?: Readonly<Record<string, string>>;
  /** While the week's check-in is open: when it closes. The card then says it is a preview. */
  previewUntil?: string;
  /** Sent on a schedule rather than asked for: the card then says why it came. */
  proactive?: boolean;
  actions?: CardAction[];
};

type Line = { text: string; bold: boolean };
const line = (text: string, bold = false): Line => ({ text, bold });

/** Nobody answered anywhere and nothing was logged: a short, kind card of what to do next instead. */
const isEmpty = (digest: OrganisationDigest) =>
  digest.responseRate.answered === 0 && digest.actions.count === 0;

function tileSection(text: Text, view: OrganisationDigestView, tile: OrganisationTile) {
  const t = text.organisation;
  const extra = tile.pulse.shown
    ? [t.unitsIn(tile.unitsIn), ...(tile.leftOut ? [t.leftOut(view.anonymityMin)] : [])]
    : [];
  return principleSection(text, view, tile, extra);
}

type Fact = { title: string; value: string };

/** One comparison: the highest and lowest few (or all of them, highest first, when there are few). */
function group(
  text: Text,
  heading: string,
  ranking: Ranking,
  say: (unit: Ranked) => string,
  notCompared: (count: number) => string,
) {
  const t = text.organisation;
  const facts = (units: Ranked[]): Fact[] => units.map((unit) => ({ title: unit.name, value: say(unit) }));
  const lists =
    ranking.compared === 0
      ? []
      : ranking.bottom.length === 0
        ? [{ label: t.all, facts: facts(ranking.top) }]
        : [
            { label: t.highest, facts: facts(ranking.top) },
            { label: t.lowest, facts: facts(ranking.bottom) },
          ];
  const note =
    ranking.compared === 0 ? t.noneCompared : ranking.notCompared > 0 ? notCompared(ranking.notCompared) : '';
  return { heading, lists, note };
}

function comparisonSection(text: Text, view: OrganisationDigestView) {
  const t = text.organisation;
  const { digest } = view;
  const { comparison, units } = digest;
  const k = view.anonymityMin;
  const short = (id: string) => view.principleNames[id as keyof typeof view.principleNames] ?? id;
  return {
    heading: t.compareHeading,
    lines: [
      t.unitCount(units.count),
      t.compareIntro(view.anonymityMin, view.few),
      ...(units.tooSmall > 0 ? [t.tooSmall(units.tooSmall, view.anonymityMin)] : []),
    ],
    groups: [
      group(
        text,
        t.responseRateHeading,
        comparison.responseRate,
        (u) => t.rateFigure(u.percent, u.numerator, u.denominator),
        (count) => t.notCompared(count, k),
      ),
      ...digest.principles.map((tile) =>
        group(
          text,
          t.principleHeading(short(tile.principle)),
          comparison.principles[tile.principle],
          (u) => t.yesFigure(u.percent, u.numerator, u.denominator),
          (count) => t.notComparedApplied(count, k),
        ),
      ),
    ],
  };
}

/** The week's actions across units, as a unit's summary has them, with the types as a table to stay small. */
function actions(text: Text, digest: OrganisationDigest) {
  const s = text.summaries;
  const types: Fact[] = digest.actions.byType.map((entry) => ({
    title: text.actions.types[entry.type] ?? entry.type,
    value: text.organisation.typeFigure(
      entry.count,
      entry.participants === 'withheld' ? s.peopleWithheld : s.people(countWords(text, entry.participants)),
    ),
  }));
  return { ...actionsSection(text, digest), types };
}

/** Who answered across units, overdue updates, and the organisation's measures with no update. */
function closingSection(text: Text, view: OrganisationDigestView) {
  const t = text.summaries;
  const { digest } = view;
  const names = view.audience === 'lead' ? (view.names ?? {}) : {};
  const gaps = digest.noUpdate.map((item): string => {
    const label = view.measureLabels[item.measureId] ?? item.measureId;
    const last = item.lastAnsweredOn
      ? t.values.lastAnswered(formatLocalDate(text, item.lastAnsweredOn))
      : valueWords(text, { status: 'noUpdate' });
    if (view.audience === 'channel' || !item.owner) return t.noUpdateLine(label, last);
    return t.noUpdateOwner(label, names[item.owner] ?? t.unknownName, last);
  });
  const { answered, expected, percent } = digest.responseRate;
  return {
    heading: t.gapsHeading,
    lines: [
      t.headline.responseRate(answered, expected, percent),
      ...(digest.loopOverdue > 0 ? [text.organisation.loopOverdueLine(digest.loopOverdue)] : []),
      ...(gaps.length > 0 ? [t.noUpdateIntro, ...gaps] : []),
    ],
  };
}

/** The organisation digest (audience 'lead') or the organisation summary for a channel (audience 'channel'). */
export function organisationDigestCard(text: Text, view: OrganisationDigestView): AdaptiveCard {
  const t = text.organisation;
  const s = text.summaries;
  const { digest, audience } = view;
  const empty = isEmpty(digest);
  const chart = empty ? undefined : pulseChart(text, view);
  return expandCard('org-digest', {
    notice: view.previewUntil ? s.preview(text.formatDate(view.previewUntil, view.timeZone)) : '',
    title: audience === 'lead' ? t.digestTitle(view.organisationName) : t.summaryTitle(view.organisationName),
    weekOf: s.weekOf(formatLocalDate(text, view.monday)),
    why: view.proactive ? t.why[audience] : '',
    privacy: t.privacy(view.anonymityMin),
    intro: [
      empty
        ? {
            heading: view.previewUntil ? s.empty.title : s.empty.titleClosed,
            lines: t.empty.map((words) => line(words)),
          }
        : {
            heading: s.headlineHeading,
            lines: digest.headline.map((fact) => line(`• ${headlineSentence(text, fact)}`)),
          },
    ],
    pulseChart: chart ? [chart] : [],
    principles: empty ? [] : digest.principles.map((tile) => tileSection(text, view, tile)),
    comparison: empty ? [] : [comparisonSection(text, view)],
    actionsSection: empty ? [] : [actions(text, digest)],
    closing: [closingSection(text, view)],
    exportLine: t.exportLine,
    actions: audience === 'lead' ? (view.actions ?? []) : [],
  });
}
