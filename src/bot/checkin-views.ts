// The check-in cards a person sees, built from where they stand in the cycle: the pulse or its receipt, a
// measures page or its receipt, or a short notice. The same cards go out proactively, come back with
// `checkin`, answer button presses, and replace older copies, so every path shows the same thing.
import type { AdaptiveCard, CardAction } from '../cards/card.js';
import {
  measureInputOf,
  measuresCard,
  measuresReceiptCard,
  type MeasuresView,
} from '../cards/measures-cards.js';
import {
  checkinNoticeCard,
  pulseCard,
  pulseReceiptCard,
  type PulseReason,
  type PulseView,
} from '../cards/pulse-cards.js';
import type { PrincipleId } from '../domain/catalogue.js';
import { measuresCardName, pulseCardName, type Cycle } from '../domain/checkins.js';
import { cycleMonday } from '../domain/cycles.js';
import type { MeasurePage, PulseSituation } from '../services/checkins.js';
import type { BotDeps } from './deps.js';
import { verbs } from './verbs.js';

/** A card and, for one that can be answered or changed, which copy it is: where it lands is remembered. */
export type CheckinCard = { card: AdaptiveCard; copy?: { cycleId: string; unitId: string; card: string } };

type PulseExtras = Partial<Pick<PulseView, 'values' | 'problems' | 'guard'>>;

const action = (
  deps: BotDeps,
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
): CardAction => ({
  title,
  verb,
  data: { cardId: deps.newId(), ...data },
});

export function closedNotice(deps: BotDeps, cycle: Cycle): AdaptiveCard {
  const { text, settings } = deps;
  return checkinNoticeCard({
    title: text.checkins.closedTitle,
    body: text.checkins.closedOn(text.formatDate(cycle.closesAt, settings.timeZone)),
  });
}

type PulseCardOptions = { cycleId?: string; reason: PulseReason; edit?: boolean } & PulseExtras;

export async function pulseCardFor(
  deps: BotDeps,
  aadObjectId: string,
  options: PulseCardOptions,
): Promise<CheckinCard> {
  return pulseCardOf(deps, await deps.checkins.pulseFor(aadObjectId, options.cycleId), options);
}

/** The pulse card for a situation already read (pulseFor, or what a submission saved). */
export function pulseCardOf(
  deps: BotDeps,
  situation: PulseSituation,
  options: PulseCardOptions,
): CheckinCard {
  const { text, settings, checkins } = deps;
  if (situation.kind === 'noCycle')
    return { card: checkinNoticeCard({ title: text.checkins.title, body: text.checkins.noCycle }) };
  if (situation.kind === 'notExpected')
    return { card: checkinNoticeCard({ title: text.checkins.title, body: text.checkins.notExpected }) };
  const { cycle, unitId, answer, open } = situation;
  const copy = { cycleId: cycle.id, unitId, card: pulseCardName };
  const common = {
    weekOf: cycleMonday(cycle.id),
    closesAt: cycle.closesAt,
    timeZone: settings.timeZone,
    unitName: situation.unitName ?? text.checkins.yourUnit,
  };
  if (!open && !answer) return { card: closedNotice(deps, cycle), copy };
  if (answer && (!options.edit || !open)) {
    const names = new Map(checkins.principles.map((p) => [p.id, p]));
    return {
      copy,
      card: pulseReceiptCard(text, {
        ...common,
        answers: Object.entries(answer.choices).map(([id, choice]) => ({
          principleName: names.get(id as PrincipleId)?.name ?? id,
          question: names.get(id as PrincipleId)?.pulseQuestion ?? '',
          choice,
        })),
        ...(answer.comment ? { comment: answer.comment } : {}),
        ...(open
          ? { change: action(deps, text.checkins.change, verbs.pulseChange, { cycleId: cycle.id }) }
          : { notice: text.checkins.closedOn(text.formatDate(cycle.closesAt, settings.timeZone)) }),
      }),
    };
  }
  const values =
    options.values ??
    (answer
      ? { choices: answer.choices, ...(answer.comment ? { comment: answer.comment } : {}) }
      : undefined);
  return {
    copy,
    card: pulseCard(text, {
      ...common,
      reason: options.reason,
      questions: checkins.principles
        .filter((p) => situation.principles.includes(p.id))
        .map((p) => ({
          principle: p.id,
          principleName: p.name,
          question: p.pulseQuestion,
        })),
      ...(values ? { values } : {}),
      ...(options.problems ? { problems: options.problems } : {}),
      ...(options.guard ? { guard: options.guard } : {}),
      submit: action(deps, text.checkins.submit, verbs.pulseSubmit, { cycleId: cycle.id }),
      away: action(deps, text.checkins.pauseUntil, verbs.away),
      stop: action(deps, text.buttons.stop, verbs.stop),
    }),
  };
}

/** A measures page: the form (pre-filled with the last answers), or its receipt once answered this cycle. */
export function measuresCardOf(
  deps: BotDeps,
  page: MeasurePage,
  options: { reason: PulseReason; edit?: boolean } & Partial<Pick<MeasuresView, 'problems'>> & {
      values?: Record<string, string>;
    },
): CheckinCard {
  const { text, settings } = deps;
  const { cycle, unitId, principle, principles } = page;
  const copy = { cycleId: cycle.id, unitId, card: measuresCardName(unitId) };
  const { open } = page;
  if (!open && !page.answered) return { card: closedNotice(deps, cycle), copy };
  const index = principles.indexOf(principle);
  const principleName = deps.checkins.principles.find((p) => p.id === principle)?.name ?? principle;
  const unitName = page.unitName ?? text.checkins.yourOrganisation;
  const pageData = (id: PrincipleId) => ({ cycleId: cycle.id, unitId, principle: id });
  const next = principles[index + 1];
  if (page.answered && (!options.edit || !open)) {
    return {
      copy,
      card: measuresReceiptCard(text, {
        unitName,
        principleName,
        page: index + 1,
        pages: principles.length,
        timeZone: settings.timeZone,
        answers: page.measures.map((measure) => ({
          label: measure.label,
          value: page.latest[measure.id]!.value,
          ...(measure.target !== undefined ? { target: measure.target } : {}),
        })),
        ...(open
          ? {
              change: action(deps, text.checkins.change, verbs.measuresPage, {
                ...pageData(principle),
                edit: true,
              }),
            }
          : {}),
        ...(next ? { next: action(deps, text.checkins.nextPage, verbs.measuresPage, pageData(next)) } : {}),
      }),
    };
  }
  return {
    copy,
    card: measuresCard(text, {
      weekOf: cycleMonday(cycle.id),
      timeZone: settings.timeZone,
      unitName,
      principleName,
      page: index + 1,
      pages: principles.length,
      reason: options.reason,
      measures: page.measures.map((measure) => measureInputOf(measure, page.latest[measure.id]?.answeredAt)),
      values: options.values ?? lastValues(page),
      ...(options.problems ? { problems: options.problems } : {}),
      submit: action(deps, text.checkins.savePage, verbs.measuresSubmit, pageData(principle)),
      pagesNav: principles
        .filter((id) => id !== principle)
        .map((id) =>
          action(
            deps,
            text.checkins.pageButton(principles.indexOf(id) + 1),
            verbs.measuresPage,
            pageData(id),
          ),
        ),
    }),
  };
}

export async function measuresCardFor(
  deps: BotDeps,
  aadObjectId: string,
  options: { cycleId: string; unitId: string; principle?: PrincipleId; reason: PulseReason; edit?: boolean },
): Promise<CheckinCard> {
  const page = await deps.checkins.measurePage(
    aadObjectId,
    options.cycleId,
    options.unitId,
    options.principle,
  );
  if ('kind' in page) {
    const body = page.kind === 'notAnOwner' ? deps.text.checkins.notAnOwner : deps.text.checkins.noCycle;
    return { card: checkinNoticeCard({ title: deps.text.checkins.title, body }) };
  }
  return measuresCardOf(deps, page, options);
}

/** Inputs pre-filled from each measure's last answer (WCAG 2.2 redundant entry): keys are input ids. */
function lastValues(page: MeasurePage): Record<string, string> {
  const values: Record<string, string> = {};
  for (const measure of page.measures) {
    const value = page.latest[measure.id]?.value;
    if (!value) continue;
    if (value.scale === 'maturity') values[measure.id] = value.level;
    if (value.scale === 'yesNo') values[measure.id] = value.answer;
    if (value.scale === 'count') values[measure.id] = String(value.count);
    if (value.scale === 'percent') {
      values[`${measure.id}.numerator`] = String(value.numerator);
      values[`${measure.id}.denominator`] = String(value.denominator);
    }
  }
  return values;
}
