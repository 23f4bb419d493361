// The Teams adapter: an empty bot id means anonymous local mode (the Agents Playground, tests). With a bot id,
// every request must carry a Bot Framework token for this bot; any other request answers 401 and runs no handler.
import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';

export type BotIdentity = {
  id: string;
  password: string;
  tenantId: string;
  type: 'SingleTenant' | 'UserAssignedMSI';
  /** Where channel tokens' signing keys are published; unset means the public Azure cloud's. */
  openIdMetadataUrl?: string | undefined;
  /** The issuer channel tokens must carry; unset means the public Azure cloud's. */
  tokenIssuer?: string | undefined;
};

// The public Azure cloud's values (botframework-connector's AuthenticationConstants). Once either channel
// setting is given, botbuilder stops filling in its defaults and takes every setting from the configuration.
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

// botbuilder refuses a bad token with a 401 AuthenticationError, but lets the token library's own rejections
// (bad signature, not yet valid, malformed) through as plain errors, which CloudAdapter answers with 500.
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);
const isRefusal = (error: unknown) =>
  error instanceof Error &&
  (TOKEN_ERRORS.has(error.name) || (error as Error & { statusCode?: unknown }).statusCode === 401);

export class BotAdapter extends TeamsAdapter {
  /**
   * Processes an HTTP request the HTTP layer has already checked is an activity. A request without a valid
   * token for this bot answers 401 and runs no handler. A check that fails for any other reason (the key
   * service unreachable) is left to CloudAdapter, which checks again and answers it.
   */
  async handle(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const authorization = req.headers.authorization ?? req.headers.Authorization ?? '';
    const activity = req.body as unknown as Activity;
    const checked = await this.botFrameworkAuthentication
      .authenticateRequest(activity, Array.isArray(authorization) ? '' : authorization)
      .then(
        (authenticated) => ({ authenticated }),
        (error: unknown) => ({ error }),
      );
    if ('error' in checked) {
      if (isRefusal(checked.error)) return end(res, 401, UNAUTHORIZED);
      return this.process(req, res, logic);
    }
    // The turn runs on this check's result: CloudAdapter.process would check the token a second time, which
    // was a tenth of the bot's CPU under load. What else process does is done here (the activity's dates),
    // or by the HTTP layer before (the request is a POST of an activity, checked by InboundActivity).
    let invoke: Awaited<ReturnType<typeof this.processActivity>>;
    try {
      invoke = await this.processActivity(checked.authenticated, withDates(activity), logic);
    } catch (error) {
      // A turn that failed is the bot's fault, not the request's; the HTTP layer logs it without its text.
      end(res, 500, { error: 'The bot could not handle this activity. Please try again.' });
      throw error;
    }
    end(res, invoke?.status ?? 200, invoke?.body);
  }
}

/** The activity as CloudAdapter.process hands it to a turn: its times as Dates, with their strings kept beside. */
function withDates(activity: Activity): Activity {
  const times = [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const;
  const fields = activity as unknown as Record<string, unknown>;
  for (const [field, raw] of times) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    fields[raw] = value;
    fields[field] = new Date(value);
  }
  return activity;
}

const UNAUTHORIZED = { error: 'Unauthorized: a valid Bot Framework token for this bot is required.' };

function end(res: Response, status: number, body?: unknown): void {
  res.status(status);
  if (body) res.send(body);
  res.end();
}

export function createTeamsAdapter(identity: BotIdentity): BotAdapter {
  const settings = {
    MicrosoftAppId: identity.id,
    MicrosoftAppPassword: identity.password,
    // Anonymous mode has no identity to be single-tenant with; botbuilder expects the MultiTenant type there.
    MicrosoftAppType: identity.id ? identity.type : 'MultiTenant',
    MicrosoftAppTenantId: identity.tenantId,
    ...(identity.openIdMetadataUrl || identity.tokenIssuer
      ? {
          ...PUBLIC_CLOUD,
          ...(identity.openIdMetadataUrl && {
            ToBotFromChannelOpenIdMetadataUrl: identity.openIdMetadataUrl,
          }),
          ...(identity.tokenIssuer && { ToBotFromChannelTokenIssuer: identity.tokenIssuer }),
        }
      : {}),
  };
  return new BotAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}
