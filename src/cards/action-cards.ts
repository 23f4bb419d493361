// Patient input actions: the short "log action" card (also the edit form), its receipt (also the "Delete
// this action?" question), "Add details", the follow-up question and its receipts, "my actions" and "unit
// actions", five at a time. The guard's messages name the box and the kind of detail found, never the text;
// the person's own text is shown back only to them, on their own card. Others see counts of 1 to 7 as
// "fewer than 8".
import {
  ActionType,
  Adjustment,
  ChangeStatus,
  Characteristic,
  Depth,
  entryInputIds,
  FeedbackMethod,
  PlusGroup,
  Reach,
  type Action,
  type ActionDetails,
  type DetailsProblem,
  type EntryProblem,
  type FieldFinding,
} from '../domain/actions.js';
import type { GuardRule } from '../domain/patient-data-guard.js';
import { smallCount } from '../domain/suppression.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';
import { formatLocalDate } from './pulse-cards.js';

/** One choice in a list: what the person reads, and what comes back. */
export type Choice = { title: string; value: string };

/** What the form's inputs show: an action being changed, or what the person sent last time. */
export type ActionFormValues = {
  unitId?: string;
  type?: string;
  title?: string;
  date?: string;
  /** Principle ids, comma-separated, as Teams sends a multi-select. */
  principles?: string;
  patients?: number;
  carers?: number;
  public?: number;
  depth?: string;
  whatWeHeard?: string;
  whatWeDid?: string;
  followUpOn?: string;
  shareable?: boolean;
  noPatient?: boolean;
};

export type ActionFormView = {
  /** A new action, or a change to one already logged. */
  mode: 'new' | 'edit';
  /** The six principles, in order. */
  principles: Choice[];
  /** The teams the person may log for: a choice is shown only when there is more than one. */
  units: Choice[];
  values: ActionFormValues;
  problems?: EntryProblem[];
  /** What the patient-data guard found, box by box. */
  findings?: FieldFinding[];
  notice?: string;
  save: CardAction;
};

/** A button; `style` marks the main or the dangerous one. */
export type StyledAction = CardAction & { style?: 'default' | 'positive' | 'destructive' };

export type ActionReceiptView = {
  action: Action;
  unitName: string;
  /** The names of the action's principles, in order. */
  principleNames: string[];
  notice?: string;
  /** Ask "Delete this action? This cannot be undone." above it. */
  confirmDelete?: boolean;
  actions: StyledAction[];
};

export type ActionsListView = {
  items: { action: Action; edit: CardAction; delete: CardAction }[];
  /** True on an older page: an empty one then says there is nothing more, not nothing at all. */
  older: boolean;
  notice?: string;
  actions: CardAction[];
};

/** The inputs in the order the card shows them: the summary of problems follows the same order. */
const fieldOrder = ['unitId', ...entryInputIds] as const;
type Field = (typeof fieldOrder)[number];
const countFields = ['patients', 'carers', 'public'] as const;

/** "Enter a title": what to fix in one input. */
export function problemMessage(text: Text, problem: EntryProblem): string {
  const messages = text.actions.problems[problem.field];
  if (!messages) return text.actions.somethingWrong;
  return messages[problem.problem] ?? messages.default;
}

/** "The ‘What we heard’ box looks like it contains an email address. Remove it: …" */
export function guardMessages(text: Text, finding: FieldFinding): string[] {
  const t = text.actions;
  const box = t.boxes[finding.field] ?? finding.field;
  const found = (rules: GuardRule[]) =>
    text.checkins.list(rules.map((rule) => text.checkins.guardRules[rule]));
  return [
    ...(finding.blocked.length ? [t.guardBlocked(box, found(finding.blocked))] : []),
    ...(finding.warnings.length ? [t.guardWarning(box, found(finding.warnings))] : []),
  ];
}

export function actionFormCard(text: Text, view: ActionFormView): AdaptiveCard {
  const t = text.actions;
  const byField = new Map<string, string[]>();
  const add = (field: string, message: string) =>
    byField.set(field, [...(byField.get(field) ?? []), message]);
  for (const problem of view.problems ?? []) add(problem.field, problemMessage(text, problem));
  for (const finding of view.findings ?? [])
    for (const message of guardMessages(text, finding)) add(finding.field, message);
  const known = new Set<string>(fieldOrder);
  const summary = [
    ...fieldOrder.flatMap((field) => byField.get(field) ?? []),
    ...[...byField].filter(([field]) => !known.has(field)).flatMap(([, messages]) => messages),
  ];
  const messages = Object.fromEntries(
    fieldOrder.map((field) => [field, (byField.get(field) ?? []).join(' ')]),
  ) as Record<Field, string>;
  const values = view.values;
  const several = view.units.length > 1;
  return expandCard('action-form', {
    notice: view.notice ?? '',
    problemHeading: t.problemHeading,
    summary,
    title: view.mode === 'edit' ? t.editTitle : t.formTitle,
    intro: view.mode === 'edit' ? '' : t.intro,
    privacy: t.privacy,
    units: several ? view.units : [],
    types: ActionType.options.map((type) => ({ title: t.types[type] ?? type, value: type })),
    principles: view.principles,
    depths: Depth.options.map((depth) => ({ title: t.depths[depth] ?? depth, value: depth })),
    counts: countFields.map((field) => ({
      id: field,
      label: t.counts[field],
      hasValue: values[field] !== undefined,
      value: values[field] ?? 0,
      message: messages[field],
    })),
    values: {
      unitId: several && view.units.some((unit) => unit.value === values.unitId) ? values.unitId : '',
      type: values.type ?? '',
      title: values.title ?? '',
      date: values.date ?? '',
      principles: values.principles ?? '',
      depth: values.depth ?? '',
      whatWeHeard: values.whatWeHeard ?? '',
      whatWeDid: values.whatWeDid ?? '',
      followUpOn: values.followUpOn ?? '',
      shareable: values.shareable ? 'true' : 'false',
      noPatient: values.noPatient ? 'true' : 'false',
    },
    messages,
    confirm: (view.findings ?? []).some((finding) => finding.warnings.length > 0),
    labels: {
      unit: t.unitLabel,
      unitError: t.unitError,
      type: t.typeLabel,
      typePlaceholder: t.typePlaceholder,
      typeError: t.typeError,
      title: t.titleLabel,
      titlePlaceholder: t.titlePlaceholder,
      titleError: t.titleError,
      date: t.dateLabel,
      dateError: t.dateError,
      principles: t.principlesLabel,
      principlesError: t.principlesError,
      countsHeading: t.countsHeading,
      countsHint: t.countsHint,
      countError: t.countError,
      depth: t.depthLabel,
      depthError: t.depthError,
      heard: t.heardLabel,
      did: t.didLabel,
      textPlaceholder: t.textPlaceholder,
      followUp: t.followUpLabel,
      followUpHint: t.followUpHint,
      share: t.shareLabel,
      shareTitle: t.shareTitle,
      shareHint: t.shareHint,
      noPatient: t.noPatientLabel,
      noPatientTitle: t.noPatientTitle,
      noPatientError: t.noPatientError,
      confirm: t.confirmLabel,
      confirmTitle: t.confirmTitle,
    },
    save: view.save,
  });
}

/** The form's values for an action already logged. The "no patient" check is asked again on every save. */
export function formValuesOf(action: Action): ActionFormValues {
  return {
    type: action.type,
    title: action.title,
    date: action.date,
    principles: action.principles.join(','),
    patients: action.participants.patients,
    carers: action.participants.carers,
    public: action.participants.public,
    depth: action.depth,
    ...(action.whatWeHeard ? { whatWeHeard: action.whatWeHeard } : {}),
    ...(action.whatWeDid ? { whatWeDid: action.whatWeDid } : {}),
    ...(action.followUpOn ? { followUpOn: action.followUpOn } : {}),
    shareable: action.shareable,
  };
}

/** What was saved, in words; or, with `confirmDelete`, the question before deleting it. */
export function actionReceiptCard(text: Text, view: ActionReceiptView): AdaptiveCard {
  const t = text.actions;
  const { action } = view;
  const { patients, carers, public: members } = action.participants;
  const texts = [
    ...(action.whatWeHeard ? [{ heading: t.boxes['whatWeHeard'], text: action.whatWeHeard }] : []),
    ...(action.whatWeDid ? [{ heading: t.boxes['whatWeDid'], text: action.whatWeDid }] : []),
  ];
  return expandCard('action-receipt', {
    notice: view.notice ?? '',
    question: view.confirmDelete ? t.deleteQuestion : '',
    heading: t.receiptTitle,
    title: action.title,
    facts: [
      { title: t.facts.type, value: t.types[action.type] ?? action.type },
      { title: t.facts.date, value: formatLocalDate(text, action.date) },
      { title: t.facts.unit, value: view.unitName },
      { title: t.facts.principles, value: view.principleNames.join(', ') },
      { title: t.facts.people, value: t.people(patients, carers, members) },
      { title: t.facts.depth, value: t.depths[action.depth] ?? action.depth },
      {
        title: t.facts.followUp,
        value: action.followUpOn ? formatLocalDate(text, action.followUpOn) : t.noFollowUp,
      },
      { title: t.facts.shared, value: action.shareable ? t.shared : t.notShared },
    ],
    texts,
    detailsHeading: t.detailFacts.heading,
    reachHeading: t.detailFacts.reachHeading,
    ...detailsInWords(text, action.details),
    footnote: view.confirmDelete ? '' : t.onlyYou,
    actions: view.actions.map((button) => ({ ...button, style: button.style ?? 'default' })),
  });
}

/** "Your actions": five at a time, newest first, each with Edit and Delete. */
export function actionsListCard(text: Text, view: ActionsListView): AdaptiveCard {
  const t = text.actions;
  const intro = view.items.length ? t.listIntro : view.older ? t.noMore : t.none;
  return expandCard('actions-list', {
    notice: view.notice ?? '',
    title: t.listTitle,
    intro,
    items: view.items.map(({ action, edit, delete: remove }) => ({
      title: action.title,
      detail: t.itemDetail(t.types[action.type] ?? action.type, formatLocalDate(text, action.date)),
      lines: [],
      actions: [
        { ...edit, tooltip: `${edit.title}: ${action.title}` },
        { ...remove, tooltip: `${remove.title}: ${action.title}` },
      ],
    })),
    actions: view.actions,
  });
}

export type UnitActionsListView = {
  items: { action: Action; unitName: string }[];
  /** True on an older page: an empty one then says there is nothing more, not nothing at all. */
  older: boolean;
  notice?: string;
  actions: CardAction[];
};

/**
 * "Your units' actions", for managers and leads: no buttons on each, and the numbers of people as counts
 * that never single anyone out (1 to 7 show as "fewer than 8"; no total, so none can be worked out).
 */
export function unitActionsListCard(text: Text, view: UnitActionsListView): AdaptiveCard {
  const t = text.actions;
  const u = t.unitList;
  const shown = (count: number) => {
    const small = smallCount(count);
    return small === 'fewerThan8' ? u.fewerThan8 : String(small);
  };
  const intro = view.items.length ? u.intro : view.older ? u.noMore : u.none;
  return expandCard('actions-list', {
    notice: view.notice ?? '',
    title: u.title,
    intro,
    items: view.items.map(({ action, unitName }) => {
      const { patients, carers, public: members } = action.participants;
      return {
        title: action.title,
        detail: t.itemDetail(t.types[action.type] ?? action.type, formatLocalDate(text, action.date)),
        lines: [
          u.unit(unitName),
          u.depth(t.depths[action.depth] ?? action.depth),
          u.people(shown(patients), shown(carers), shown(members)),
        ],
        actions: [],
      };
    }),
    actions: view.actions,
  });
}

/** A short card for "You need to be in a team …" and "Done. The action is deleted." */
export function actionNoticeCard(text: Text, body: string, actions: CardAction[] = []): AdaptiveCard {
  return expandCard('checkin-notice', { title: text.actions.formTitle, body, actions });
}

// ---- "Add details" ---------------------------------------------------------------------------------------

const plusIds = PlusGroup.options.map((group) => `plus.${group}`);
const characteristicIds = Characteristic.options.map((characteristic) => `characteristic.${characteristic}`);
const groupCountIds = [...plusIds, ...characteristicIds, 'preferNotToSay'];
/** The "Add details" card's number inputs: every one a count of people, never a name. */
export const detailsCountIds: readonly string[] = ['core20', 'core20plus', ...groupCountIds];
/** The "Add details" card's input ids, in the order the card shows them. */
export const detailsInputIds: readonly string[] = [
  'tags',
  'monitoring',
  ...detailsCountIds,
  'adjustments',
  'payment',
  'changeStatus',
  'changeReason',
  'feedbackGivenOn',
  'feedbackMethod',
  'evidenceLink',
];
const payments = ['yes', 'no', 'notApplicable'] as const;

/** What the details card's inputs show, by input id: counts as numbers, everything else as Teams sends it. */
export type DetailsFormValues = Partial<Record<string, string | number>>;

export type DetailsFormView = {
  actionTitle: string;
  /** Everyone who took part: no count may be more. */
  participants: number;
  values: DetailsFormValues;
  problems?: DetailsProblem[];
  findings?: FieldFinding[];
  notice?: string;
  save: CardAction;
  back: CardAction;
};

/** What a count box is called in a message about it: "Enter 0 or more for ‘Disability’". */
function countName(text: Text, id: string): string {
  const d = text.actions.details;
  const [group, key = ''] = id.split('.');
  if (group === 'plus') return d.plus[key] ?? id;
  if (group === 'characteristic') return d.characteristics[key] ?? id;
  return d.countNames[id] ?? id;
}

function countLabel(text: Text, id: string): string {
  const d = text.actions.details;
  if (id === 'core20') return d.core20Label;
  if (id === 'core20plus') return d.core20plusLabel;
  if (id === 'preferNotToSay') return d.preferNotToSayLabel;
  return countName(text, id);
}

/** "Enter 0 or more for ‘Disability’": what to fix in one input of the details card. */
export function detailsProblemMessage(text: Text, problem: DetailsProblem, participants: number): string {
  const d = text.actions.details;
  if (detailsCountIds.includes(problem.field)) {
    const say = d.countProblems[problem.problem] ?? d.countProblems['notAWholeNumber']!;
    return say(`‘${countName(text, problem.field)}’`, participants);
  }
  const messages = d.problems[problem.field];
  if (!messages) return text.actions.somethingWrong;
  return messages[problem.problem] ?? messages.default;
}

const choicesOf = (names: Record<string, string>, values: readonly string[]): Choice[] =>
  values.map((value) => ({ title: names[value] ?? value, value }));

export function actionDetailsCard(text: Text, view: DetailsFormView): AdaptiveCard {
  const t = text.actions;
  const d = t.details;
  const byField = new Map<string, string[]>();
  const add = (field: string, message: string) =>
    byField.set(field, [...(byField.get(field) ?? []), message]);
  for (const problem of view.problems ?? [])
    add(problem.field, detailsProblemMessage(text, problem, view.participants));
  for (const finding of view.findings ?? [])
    for (const message of guardMessages(text, finding)) add(finding.field, message);
  const known = new Set(detailsInputIds);
  const summary = [
    ...detailsInputIds.flatMap((field) => byField.get(field) ?? []),
    ...[...byField].filter(([field]) => !known.has(field)).flatMap(([, messages]) => messages),
  ];
  const messages = Object.fromEntries(
    detailsInputIds.map((field) => [field, (byField.get(field) ?? []).join(' ')]),
  );
  const { values } = view;
  const counts = (ids: readonly string[]) =>
    ids.map((id) => ({
      id,
      label: countLabel(text, id),
      hasValue: typeof values[id] === 'number',
      value: values[id] ?? 0,
      message: messages[id] ?? '',
    }));
  const textOf = (id: string) => (values[id] === undefined ? '' : String(values[id]));
  return expandCard('action-details', {
    notice: view.notice ?? '',
    problemHeading: t.problemHeading,
    summary,
    title: d.title,
    intro: d.intro(view.actionTitle),
    privacy: d.privacy,
    monitoring: choicesOf(d.monitoring, Reach.shape.monitoring.options),
    reachCounts: counts(['core20', 'core20plus']),
    plusCounts: counts(plusIds),
    characteristicCounts: counts(characteristicIds),
    otherCounts: counts(['preferNotToSay']),
    // Kept open when something in it is filled in or needs fixing, so nothing is hidden from the person.
    groupsOpen: groupCountIds.some((id) => values[id] !== undefined || messages[id] !== ''),
    adjustments: choicesOf(d.adjustments, Adjustment.options),
    payments: choicesOf(d.payment, payments),
    changeStatuses: choicesOf(d.changeStatuses, ChangeStatus.options),
    feedbackMethods: choicesOf(d.feedbackMethods, FeedbackMethod.options),
    values: Object.fromEntries(
      detailsInputIds.filter((id) => !detailsCountIds.includes(id)).map((id) => [id, textOf(id)]),
    ),
    messages,
    confirm: (view.findings ?? []).some((finding) => finding.warnings.length > 0),
    labels: {
      tagsHeading: d.tagsHeading,
      tags: d.tagsLabel,
      tagsPlaceholder: d.tagsPlaceholder,
      tagsHint: d.tagsHint,
      reachHeading: d.reachHeading,
      reachHint: d.reachHint,
      monitoring: d.monitoringLabel,
      groupsToggle: d.groupsToggle,
      groupsHint: d.groupsHint,
      plusHeading: d.plusHeading,
      characteristicsHeading: d.characteristicsHeading,
      characteristicsHint: d.characteristicsHint,
      countError: d.countError,
      adjustmentsHeading: d.adjustmentsHeading,
      adjustments: d.adjustmentsLabel,
      paymentHeading: d.paymentHeading,
      payment: d.paymentLabel,
      changeHeading: d.changeHeading,
      change: d.changeLabel,
      changeReason: d.changeReasonLabel,
      textPlaceholder: t.textPlaceholder,
      feedbackHeading: d.feedbackHeading,
      feedbackDate: d.feedbackDateLabel,
      feedbackMethod: d.feedbackMethodLabel,
      choose: d.choose,
      evidenceHeading: d.evidenceHeading,
      evidence: d.evidenceLabel,
      evidencePlaceholder: d.evidencePlaceholder,
      evidenceHint: d.evidenceHint,
      confirm: t.confirmLabel,
      confirmTitle: t.confirmTitle,
    },
    save: view.save,
    back: view.back,
  });
}

/** The details card's values for an action's saved details, so nothing is typed twice. */
export function detailsValuesOf(details: ActionDetails | undefined): DetailsFormValues {
  if (!details) return {};
  const { reach, change, feedback } = details;
  const values: DetailsFormValues = {};
  const set = (id: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') values[id] = value;
  };
  set('tags', details.tags.join(', '));
  if (reach) {
    set('monitoring', reach.monitoring);
    set('core20', reach.core20);
    set('core20plus', reach.core20plus);
    for (const [group, count] of Object.entries(reach.plus)) set(`plus.${group}`, count);
    for (const [key, count] of Object.entries(reach.characteristics)) set(`characteristic.${key}`, count);
    set('preferNotToSay', reach.preferNotToSay);
  }
  set('adjustments', details.adjustments.join(','));
  set('payment', details.payment);
  set('changeStatus', change?.status);
  set('changeReason', change?.reason);
  set('feedbackGivenOn', feedback?.givenOn);
  set('feedbackMethod', feedback?.method);
  set('evidenceLink', details.evidenceLink);
  return values;
}

type Fact = { title: string; value: string };

/** An action's details in words for its receipt; the counts as numbers, for only the author sees them. */
function detailsInWords(
  text: Text,
  details: ActionDetails | undefined,
): { detailFacts: Fact[]; reachFacts: Fact[]; detailTexts: { heading: string; text: string }[] } {
  const t = text.actions;
  const d = t.details;
  const f = t.detailFacts;
  if (!details) return { detailFacts: [], reachFacts: [], detailTexts: [] };
  const { reach, change, feedback } = details;
  const fact = (title: string, value: string | undefined): Fact[] => (value ? [{ title, value }] : []);
  const number = (title: string, count: number | undefined): Fact[] =>
    count === undefined ? [] : [{ title, value: String(count) }];
  const detailFacts = [
    ...fact(f.tags, details.tags.join(', ')),
    ...fact(f.adjustments, details.adjustments.map((item) => d.adjustments[item] ?? item).join(', ')),
    ...fact(f.payment, details.payment && (d.payment[details.payment] ?? details.payment)),
    ...fact(f.change, change && (d.changeStatuses[change.status] ?? change.status)),
    ...fact(
      f.feedback,
      feedback &&
        t.feedbackGiven(
          formatLocalDate(text, feedback.givenOn),
          feedback.method && (d.feedbackMethods[feedback.method] ?? feedback.method),
        ),
    ),
    ...fact(f.evidence, details.evidenceLink),
  ];
  const reachFacts = reach
    ? [
        ...fact(f.monitoring, d.monitoring[reach.monitoring] ?? reach.monitoring),
        ...number(f.core20, reach.core20),
        ...number(f.core20plus, reach.core20plus),
        ...PlusGroup.options.flatMap((group) => number(d.plus[group] ?? group, reach.plus[group])),
        ...Characteristic.options.flatMap((key) =>
          number(d.characteristics[key] ?? key, reach.characteristics[key]),
        ),
        ...number(f.preferNotToSay, reach.preferNotToSay),
      ]
    : [];
  const detailTexts = [
    ...(change?.reason ? [{ heading: t.whyNot, text: change.reason }] : []),
    ...(details.feedbackNotPossible ? [{ heading: t.whyNotTold, text: details.feedbackNotPossible }] : []),
  ];
  return { detailFacts, reachFacts, detailTexts };
}

// ---- The follow-up question --------------------------------------------------------------------------------

export type FollowUpView = {
  actionTitle: string;
  /** The day the action happened. */
  date: string;
  /** The reason the person typed, kept when it comes back with a problem. */
  reason?: string;
  /** What is wrong with the reason: 'required' or 'tooLong'. */
  problem?: string;
  findings?: FieldFinding[];
  notice?: string;
  told: CardAction;
  later: CardAction;
  notPossible: CardAction;
};

const followUpFacts = (text: Text, actionTitle: string, date: string): Fact[] => [
  { title: text.actions.followUp.action, value: actionTitle },
  { title: text.actions.followUp.date, value: formatLocalDate(text, date) },
];

/** "Have you told participants what changed because of their input?", with the three answers. */
export function actionFollowUpCard(text: Text, view: FollowUpView): AdaptiveCard {
  const f = text.actions.followUp;
  const box = text.actions.boxes['feedbackNotPossible'] ?? 'feedbackNotPossible';
  const found = (rules: GuardRule[]) =>
    text.checkins.list(rules.map((rule) => text.checkins.guardRules[rule]));
  const problems = [
    ...(view.problem ? [f.problems[view.problem] ?? f.problems['required']!] : []),
    ...(view.findings ?? []).flatMap((finding) =>
      finding.blocked.length
        ? [f.guardBlocked(box, found(finding.blocked))]
        : [f.guardWarning(box, found(finding.warnings))],
    ),
  ];
  // With something to fix, the reason box is shown open with its message; otherwise behind "Not possible".
  const open = problems.length > 0;
  return expandCard('action-follow-up', {
    notice: view.notice ?? '',
    heading: f.question,
    facts: followUpFacts(text, view.actionTitle, view.date),
    lines: [],
    quote: '',
    open,
    ask: !open,
    problems,
    reason: view.reason ?? '',
    why: f.why,
    labels: {
      reason: f.reasonLabel,
      reasonPlaceholder: f.reasonPlaceholder,
      reasonError: f.reasonError,
      showReason: f.notPossible,
    },
    buttons: [view.told, view.later],
    notPossible: view.notPossible,
  });
}

/** What a follow-up answer noted, or why no answer is needed. Dates are the organisation's local dates. */
export type FollowUpOutcome =
  | { kind: 'told'; on: string }
  | { kind: 'later'; on: string }
  | { kind: 'notPossible'; reason: string }
  | { kind: 'noAnswerNeeded'; because: 'gone' | 'told' | 'notPossible' };

export type FollowUpReceiptView = {
  /** The action, when it still exists. */
  actionTitle?: string;
  date?: string;
  outcome: FollowUpOutcome;
  notice?: string;
  actions: CardAction[];
};

/** After an answer (or when none is needed): what was noted, in words. */
export function followUpReceiptCard(text: Text, view: FollowUpReceiptView): AdaptiveCard {
  const f = text.actions.followUp;
  const { outcome } = view;
  const line =
    outcome.kind === 'told'
      ? f.toldReceipt(formatLocalDate(text, outcome.on))
      : outcome.kind === 'later'
        ? f.laterReceipt(formatLocalDate(text, outcome.on))
        : outcome.kind === 'notPossible'
          ? f.notPossibleReceipt
          : f.noAnswerNeeded[outcome.because];
  return expandCard('action-follow-up', {
    notice: view.notice ?? '',
    heading: f.title,
    facts: view.actionTitle && view.date ? followUpFacts(text, view.actionTitle, view.date) : [],
    lines: [line],
    quote: outcome.kind === 'notPossible' ? outcome.reason : '',
    open: false,
    ask: false,
    problems: [],
    reason: '',
    why: '',
    labels: { reason: '', reasonPlaceholder: '', reasonError: '', showReason: '' },
    buttons: view.actions,
    notPossible: { title: '', verb: '', data: {} },
  });
}
