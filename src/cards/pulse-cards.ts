// The staff pulse: six yes/no questions and a comment, its receipt, and the small notices around it.
// The pulse is never pre-filled on a fresh card: each week's answers should be that week's (DOMAIN.md).
import type { AnswerProblem, PulseChoice } from '../domain/answers.js';
import type { PrincipleId } from '../domain/catalogue.js';
import type { GuardRule } from '../domain/patient-data-guard.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

export type PulseReason = 'scheduled' | 'nudge' | 'requested';

export type PulseView = {
  /** LocalDate 'YYYY-MM-DD', the Monday of the cycle. */
  weekOf: string;
  /** UTC ISO. */
  closesAt: string;
  timeZone: string;
  unitName: string;
  reason: PulseReason;
  /** Six, in order. */
  questions: { principle: PrincipleId; principleName: string; question: string }[];
  /** Values to show: on "Change my answers" this cycle's answers, after a problem what the person sent. Absent on a fresh card: the pulse is never pre-filled. */
  values?: { choices: Partial<Record<PrincipleId, string>>; comment?: string };
  problems?: AnswerProblem[];
  /** What the patient-data guard found in the comment. */
  guard?: { blocked: GuardRule[]; warnings: GuardRule[] };
  submit: CardAction;
  away: CardAction;
  stop: CardAction;
};

const pulseChoices = ['yes', 'no', 'notApplicable'] as const;

/** A cycle's Monday in words. It is a calendar date, not an instant, so no time zone may move it. */
export function formatLocalDate(text: Text, localDate: string): string {
  return text.formatDate(`${localDate}T12:00:00Z`, 'UTC');
}

/** "Answer question 3: Shared decision making and patient partnership". */
function pulseProblem(text: Text, view: PulseView, problem: AnswerProblem): string {
  const t = text.checkins;
  const index = view.questions.findIndex((question) => question.principle === problem.field);
  const what = index >= 0 ? t.questionRef(index + 1, view.questions[index]!.principleName) : t.commentRef;
  return t.problems[problem.problem](what);
}

function guardMessages(text: Text, guard: PulseView['guard']): string[] {
  const t = text.checkins;
  const found = (rules: GuardRule[]) => t.list(rules.map((rule) => t.guardRules[rule]));
  return [
    ...(guard?.blocked.length ? [t.guardBlocked(found(guard.blocked))] : []),
    ...(guard?.warnings.length ? [t.guardWarning(found(guard.warnings))] : []),
  ];
}

export function pulseCard(text: Text, view: PulseView): AdaptiveCard {
  const t = text.checkins;
  const problems = view.problems ?? [];
  const problemFor = (field: string) => {
    const problem = problems.find((candidate) => candidate.field === field);
    return problem ? pulseProblem(text, view, problem) : '';
  };
  const chosen = (principle: PrincipleId): string => {
    const value = view.values?.choices[principle];
    return pulseChoices.find((choice) => choice === value) ?? '';
  };
  return expandCard('pulse', {
    problemHeading: t.problemHeading,
    problems: [
      ...problems.map((problem) => pulseProblem(text, view, problem)),
      ...guardMessages(text, view.guard),
    ].map((message) => ({ message })),
    title: t.pulseTitle,
    why: view.reason === 'requested' ? '' : t.why[view.reason](view.unitName),
    privacy: t.privacy,
    answerAll: `${t.answerAll(view.questions.length)} ${t.openUntil(text.formatDate(view.closesAt, view.timeZone))}`,
    choices: pulseChoices.map((choice) => ({ title: t.choices[choice], value: choice })),
    questions: view.questions.map((question, index) => ({
      id: question.principle,
      principleName: question.principleName,
      label: t.questionLabel(index + 1, question.question),
      value: chosen(question.principle),
      problem: problemFor(question.principle),
    })),
    commentLabel: t.commentLabel,
    commentPlaceholder: t.commentPlaceholder,
    comment: view.values?.comment ?? '',
    commentProblem: problemFor('comment'),
    confirmLabel: view.guard?.warnings.length ? t.confirmLabel : '',
    confirmTitle: t.confirmTitle,
    submit: view.submit,
    awayTitle: t.away,
    awayLabel: t.awayLabel,
    awayError: t.awayError,
    away: view.away,
    stop: view.stop,
  });
}

export type PulseReceiptView = {
  weekOf: string;
  closesAt: string;
  timeZone: string;
  unitName: string;
  answers: { principleName: string; question: string; choice: PulseChoice }[];
  comment?: string;
  /** Absent once the cycle has closed. */
  change?: CardAction;
  notice?: string;
};

export function pulseReceiptCard(text: Text, view: PulseReceiptView): AdaptiveCard {
  const t = text.checkins;
  return expandCard('pulse-receipt', {
    notice: view.notice ?? '',
    title: t.pulseTitle,
    thanks: t.thanks(formatLocalDate(text, view.weekOf)),
    answers: view.answers.map((answer) => ({
      name: answer.principleName,
      answer: t.answerWords[answer.choice],
    })),
    commentHeading: view.comment ? t.yourComment : '',
    comment: view.comment ?? '',
    countsTowards: t.countsTowards(view.unitName),
    canChange: view.change ? t.canChangeUntil(text.formatDate(view.closesAt, view.timeZone)) : '',
    actions: view.change ? [view.change] : [],
  });
}

export type CheckinNoticeView = { title: string; body: string; actions?: CardAction[] };

/** A small card for "This check-in closed on …", "You are not due a check-in this week" and the like. */
export function checkinNoticeCard(view: CheckinNoticeView): AdaptiveCard {
  return expandCard('checkin-notice', { title: view.title, body: view.body, actions: view.actions ?? [] });
}
