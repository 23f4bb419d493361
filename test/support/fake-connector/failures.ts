// How Teams answers when it will not take a message, and which requests the fake answers that way.
// Bodies follow msteams-docs (bots/build-conversational-capability.md "Status codes", and
// send-proactive-messages.md for the 403 MessageWritesBlocked example).

export type Failure = { status: number; body?: unknown; headers?: Record<string, string> };

/** Which requests a rule or failNext applies to: sends and updates, conversation creation, or both. */
export type FailOn = 'messages' | 'create' | 'all';
/** A conversation or member id, or a test on each of the ids a request concerns. */
export type Match = string | ((id: string) => boolean);

const error = (status: number, code: string, message: string): Failure => ({
  status,
  body: { error: { code, message } },
});

/** Ready-made answers, as Teams sends them. */
export const teamsFailures = {
  conversationBlockedByUser: error(
    403,
    'ConversationBlockedByUser',
    'User blocked the conversation with the bot.',
  ),
  /** The documented shape: no `error` object; the subCode sits in a JSON string inside `message`. */
  messageWritesBlocked: {
    status: 403,
    body: {
      errorCode: 209,
      message: JSON.stringify(
        {
          subCode: 'MessageWritesBlocked',
          details: 'Thread is blocked from message writes.',
          errorCode: null,
          errorSubCode: null,
        },
        null,
        2,
      ).replace(/\n/g, '\r\n'),
    },
  } satisfies Failure,
  botNotInConversationRoster: error(
    403,
    'BotNotInConversationRoster',
    "The bot isn't part of the conversation roster.",
  ),
  botDisabledByAdmin: error(403, 'BotDisabledByAdmin', 'The tenant admin disabled this bot'),
  /** Proactive message to someone who has not installed the app in personal scope. */
  notInstalled: error(403, 'ForbiddenOperationException', "Bot isn't installed in user's personal scope"),
  /** 403 with no code at all, which Teams also sends. */
  forbidden: { status: 403, body: {} } satisfies Failure,
  conversationNotFound: error(404, 'ConversationNotFound', 'Conversation not found.'),
  messageSizeTooBig: error(413, 'MessageSizeTooBig', 'Message size too large.'),
  preconditionFailed: error(412, 'PreconditionFailed', 'Precondition failed, please try again.'),
  serviceError: (status: 500 | 502 | 503 | 504 = 500): Failure =>
    status === 503 || status === 504 ? { status, body: {} } : error(status, 'ServiceError', 'Service error.'),
};

type Rule = { match: Match; failure: Failure; on: FailOn };

export function createFailures() {
  const once = new Map<string, { failures: Failure[]; on: FailOn }>();
  const rules: Rule[] = [];
  const applies = (on: FailOn, kind: 'create' | 'messages') => on === 'all' || on === kind;

  return {
    failNext(id: string, failures: Failure[], on: FailOn = 'all') {
      once.set(id, { failures, on });
    },
    failFor(match: Match, failure: Failure, on: FailOn = 'messages') {
      rules.push({ match, failure, on });
    },
    /** The failure for a request concerning these ids (conversation id, then member id), if any. */
    take(ids: readonly string[], kind: 'create' | 'messages'): Failure | undefined {
      for (const id of ids) {
        const queued = once.get(id);
        if (queued && applies(queued.on, kind) && queued.failures.length) return queued.failures.shift();
      }
      const rule = rules.find(
        ({ match, on }) =>
          applies(on, kind) && ids.some((id) => (typeof match === 'string' ? match === id : match(id))),
      );
      return rule?.failure;
    },
  };
}
