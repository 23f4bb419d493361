// The follow-up question on an action's follow-up date: "Feedback given today", "Remind me in 2 weeks" or
// "Not possible (why)". Each answer replaces the card with what was noted, once per card; the service checks
// that the action is the person's own, whatever the card sent. The reason passes the patient-data guard and
// is never logged: only the box and the rule are.
import { z } from 'zod';
import { errorCard } from '../../cards/notice-cards.js';
import { ActionId } from '../../domain/actions.js';
import { findOwnAction, followUpCard, followUpReceipt } from '../action-views.js';
import type { BotDeps } from '../deps.js';
import { INPUT_MAX, logFindings, notAmongYours, personOf, refusedNotYours, type Handler } from './actions.js';

const AnswerData = z.object({
  cardId: z.string().min(1).max(100),
  actionId: ActionId,
  /** The "Why not" box, on "Not possible". */
  reason: z.unknown().optional(),
});

type Answer = 'told' | 'later' | 'notPossible';

/** The answer as it stands after an earlier press of the same card: what was noted, or the question again. */
async function alreadyAnswered(deps: BotDeps, aadObjectId: string, actionId: string) {
  const notice = deps.text.notices.alreadyDone;
  const action = await findOwnAction(deps, aadObjectId, actionId);
  if (!action) return notAmongYours(deps);
  const { details, followUpOn } = action;
  const noted =
    details?.feedback || details?.feedbackNotPossible || (followUpOn && followUpOn > deps.actions.today());
  return noted
    ? followUpReceipt(deps, action, notice)
    : followUpCard(deps, aadObjectId, actionId, { notice });
}

function answer(deps: BotDeps, kind: Answer): Handler {
  return async (context, _state, data) => {
    const input = AnswerData.safeParse(data);
    if (!input.success) return errorCard(deps.text, 'badInput');
    const aadObjectId = personOf(context);
    const { cardId, actionId } = input.data;
    const raw = input.data.reason;
    const reason = typeof raw === 'string' ? raw.slice(0, INPUT_MAX) : undefined;
    if (!(await deps.cardActions.claim(cardId))) return alreadyAnswered(deps, aadObjectId, actionId);
    const outcome = await deps.actions.followUpAnswer(
      aadObjectId,
      actionId,
      kind === 'notPossible' ? { kind, reason } : { kind },
    );
    const kept = reason === undefined ? {} : { reason };
    switch (outcome.kind) {
      case 'saved':
        return followUpReceipt(deps, outcome.action);
      case 'invalid':
        return followUpCard(deps, aadObjectId, actionId, {
          ...kept,
          problem: outcome.problems[0]?.problem ?? 'required',
        });
      case 'guard':
        logFindings(deps, outcome.findings);
        return followUpCard(deps, aadObjectId, actionId, { ...kept, findings: outcome.findings });
      case 'notFound':
        return followUpCard(deps, aadObjectId, actionId);
      case 'notYours':
        return refusedNotYours(deps, aadObjectId, 'action.followUp', actionId);
    }
  };
}

export const followUpTold = (deps: BotDeps): Handler => answer(deps, 'told');
export const followUpLater = (deps: BotDeps): Handler => answer(deps, 'later');
export const followUpNotPossible = (deps: BotDeps): Handler => answer(deps, 'notPossible');
