// Patient input actions: the short "log action" card (also the edit form), its receipt (also the "Delete
// this action?" question) and "my actions", five at a time. The guard's messages name the box and the kind
// of detail found, never the text; the person's own text is shown back only to them, on their own card.
import {
  ActionType,
  Depth,
  entryInputIds,
  type Action,
  type EntryProblem,
  type FieldFinding,
} from '../domain/actions.js';
import type { GuardRule } from '../domain/patient-data-guard.js';
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
      actions: [
        { ...edit, tooltip: `${edit.title}: ${action.title}` },
        { ...remove, tooltip: `${remove.title}: ${action.title}` },
      ],
    })),
    actions: view.actions,
  });
}

/** A short card for "You need to be in a team …" and "Done. The action is deleted." */
export function actionNoticeCard(text: Text, body: string, actions: CardAction[] = []): AdaptiveCard {
  return expandCard('checkin-notice', { title: text.actions.formTitle, body, actions });
}
