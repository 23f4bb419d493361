// A small typed client for the Agents Playground's browserless API (version 0.2.28): the same internal HTTP
// and websocket endpoints its own web UI uses. Pinned with the package; see TOOLCHAIN.md.
import WebSocket from 'ws';

export type PlaygroundUser = { id: string; name: string; aadObjectId: string; email?: string };
export type PlaygroundConfig = {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string; name: string };
  groupChats: { id: string; name: string; members: string[] }[];
  teams: { id: string; name: string; channels: { id: string; name: string }[]; members: string[] }[];
};

export type Attachment = { contentType: string; content?: unknown };
export type PlaygroundMessage = {
  messageId: string;
  timestamp: number;
  from: { id: string; name?: string };
  text?: string;
  attachments?: Attachment[];
};
/** What the Playground pushes on its conversation stream when the bot sends or updates a message. */
export type PlaygroundEvent = {
  action: 'createMessage' | 'updateMessage' | (string & {});
  actionConversationId: string;
  message: PlaygroundMessage;
};

export type SentMessage = {
  messageId: string;
  timestamp: number;
  /** Set for a channel post: its thread. */ postConversationId?: string;
};
/** The body of the bot's invoke response. */
export type InvokeResponse = { statusCode?: number; type?: string; value?: unknown };

export const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';

export class PlaygroundClient {
  private readonly received: PlaygroundEvent[] = [];
  private readonly waiters = new Set<{ check: (event: PlaygroundEvent) => void }>();

  private constructor(
    readonly baseUrl: string,
    readonly config: PlaygroundConfig,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      let event: PlaygroundEvent;
      try {
        event = JSON.parse(String(data)) as PlaygroundEvent;
      } catch {
        return;
      }
      this.received.push(event);
      for (const waiter of [...this.waiters]) waiter.check(event);
    });
  }

  /** Reads the mock Teams configuration (which waits for the bot to answer) and opens the event stream. */
  static async connect(baseUrl: string): Promise<PlaygroundClient> {
    const { config } = (await request(baseUrl, 'GET', '/_internal/v1/config')) as {
      config: PlaygroundConfig;
    };
    const socket = new WebSocket(
      `${baseUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`,
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new PlaygroundClient(baseUrl, config, socket);
  }

  get me(): PlaygroundUser {
    return this.config.currentUser;
  }

  /** Every event received so far, oldest first. */
  get events(): readonly PlaygroundEvent[] {
    return this.received;
  }

  /** A position in the event stream: pass it to waitFor to ignore everything that came before. */
  mark(): number {
    return this.received.length;
  }

  /** Installs the bot in a conversation: the bot gets installationUpdate (add) and conversationUpdate (membersAdded). */
  async install(conversationId: string): Promise<void> {
    await request(
      this.baseUrl,
      'POST',
      `/_debug/conversation/${encodeURIComponent(conversationId)}/installation`,
      {},
    );
  }

  /** Sends a message as the current user. Group chats and channels deliver it to the bot only if it is @mentioned. */
  async send(conversationId: string, text: string, { mentionBot = false } = {}): Promise<SentMessage> {
    const { bot } = this.config;
    const at = `<at>${bot.name}</at>`;
    return (await request(
      this.baseUrl,
      'POST',
      `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      {
        type: 'text',
        text: mentionBot ? `${at} ${text}` : text,
        textFormat: 'plain',
        from: { id: this.me.id },
        ...(mentionBot ? { mentions: [{ mentioned: { id: bot.id, name: bot.name }, text: at }] } : {}),
      },
    )) as SentMessage;
  }

  /**
   * Sends a message to the bot as another mock user, through the Playground's "mock an activity" endpoint
   * (POST /_internal/v1/customActivities): its message API accepts only the current user. The activity is
   * built from the Playground's own template for the conversation, with what Teams adds to a real message
   * (the bot @mention entity; for a channel, the team and channel in channelData). The Playground answers
   * before it delivers the activity, so wait for the bot's reply, not for this call.
   * In a channel, pass the channel's id: the bot's reply then starts a new post in that channel.
   */
  async sendAs(
    user: PlaygroundUser,
    conversationId: string,
    text: string,
    { mentionBot = false } = {},
  ): Promise<void> {
    const { bot, tenantId } = this.config;
    const template = (await request(
      this.baseUrl,
      'GET',
      `/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`,
    )) as { conversation?: { conversationType?: string } } & Record<string, unknown>;
    const at = `<at>${bot.name}</at>`;
    const channelId = conversationId.split(';')[0] ?? conversationId;
    const team = this.config.teams.find((candidate) =>
      candidate.channels.some((channel) => channel.id === channelId),
    );
    const inChannel = template.conversation?.conversationType === 'channel' && team !== undefined;
    await request(this.baseUrl, 'POST', '/_internal/v1/customActivities', {
      ...template,
      type: 'message',
      text: mentionBot ? `${at} ${text}` : text,
      textFormat: 'plain',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      ...(mentionBot
        ? { entities: [{ type: 'mention', mentioned: { id: bot.id, name: bot.name }, text: at }] }
        : {}),
      channelData: inChannel
        ? {
            teamsChannelId: channelId,
            teamsTeamId: team.id,
            tenant: { id: tenantId },
            team: { id: team.id },
            channel: { id: channelId },
          }
        : { tenant: { id: tenantId } },
    });
  }

  /** Presses an Action.Execute button on a card the bot sent; resolves with the bot's invoke response. */
  async execute({
    conversationId,
    replyToId,
    verb,
    data,
  }: {
    conversationId: string;
    /** The messageId of the card the button is on. */
    replyToId: string;
    verb: string;
    data: unknown;
  }): Promise<InvokeResponse> {
    return (await request(this.baseUrl, 'POST', '/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
      from: { id: this.me.id },
      conversation: { id: conversationId },
      replyToId,
    })) as InvokeResponse;
  }

  /** Resolves with the first event after `since` (default: the start) that matches, or fails after timeoutMs. */
  waitFor(
    predicate: (event: PlaygroundEvent) => boolean,
    {
      since = 0,
      timeoutMs = 10_000,
      what = 'a matching event',
    }: { since?: number; timeoutMs?: number; what?: string } = {},
  ): Promise<PlaygroundEvent> {
    const seen = this.received.slice(since).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        check: (event: PlaygroundEvent) => {
          if (!predicate(event)) return;
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const got = this.received.slice(since).map(describeEvent);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; received instead:\n${got.join('\n') || '(nothing)'}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Waits for a message from the bot in the given conversation (a channel thread's id for a thread reply). */
  waitForBotMessage(
    conversationId: string,
    match: (message: PlaygroundMessage) => boolean = () => true,
    options: { since?: number; timeoutMs?: number; what?: string } = {},
  ): Promise<PlaygroundMessage> {
    return this.waitFor(
      (event) =>
        event.action === 'createMessage' &&
        event.actionConversationId === conversationId &&
        event.message.from.id === this.config.bot.id &&
        match(event.message),
      { what: `a bot message in ${conversationId}`, ...options },
    ).then((event) => event.message);
  }

  close(): void {
    this.socket.terminate();
  }
}

/** The Adaptive Card in a message, if it carries one. */
export function adaptiveCardOf(message: PlaygroundMessage): unknown {
  return message.attachments?.find((attachment) => attachment.contentType === adaptiveCardType)?.content;
}

function describeEvent(event: PlaygroundEvent): string {
  return `${event.action} in ${event.actionConversationId}: ${JSON.stringify(event.message).slice(0, 300)}`;
}

async function request(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} -> HTTP ${response.status}: ${text.slice(0, 500)}`);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
