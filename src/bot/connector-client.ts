// Talks to the Bot Connector service directly for proactive sends. The SDK's clients retry 429s and 5xx
// on their own, which would hide Teams' answers from the delivery worker and break its rate limit; this
// client makes exactly one request per call and returns Teams' answer as it is.
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { BotIdentity } from './adapter.js';

export type ConnectorAnswer = { status: number; body: Record<string, unknown>; retryAfterMs?: number };

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
const REQUEST_TIMEOUT_MS = 15_000;

/** Bearer tokens for the bot's identity; none in anonymous local mode. */
export function tokenProvider(identity: BotIdentity): () => Promise<string | undefined> {
  if (!identity.id) return async () => undefined;
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: identity.id,
    MicrosoftAppPassword: identity.password,
    MicrosoftAppType: identity.type,
    MicrosoftAppTenantId: identity.tenantId,
  });
  const credentials = factory.createCredentials(
    identity.id,
    BOT_FRAMEWORK_SCOPE,
    `https://login.microsoftonline.com/${identity.tenantId}`,
    true,
  );
  // Every credential the factory makes (secret or managed identity) is an AppCredentials with getToken.
  return async () => ((await credentials) as unknown as { getToken(): Promise<string> }).getToken();
}

export async function connectorRequest(
  serviceUrl: string,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  token: string | undefined,
): Promise<ConnectorAnswer> {
  const response = await fetch(new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`), {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    status: response.status,
    body: parsed,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1_000 } : {}),
  };
}

/**
 * Teams' reason for a refusal: the sub-code of a blocked bot, else the error code. A blocked bot's 403 carries
 * its sub-code inside a JSON string in `message` (`{ errorCode: 209, message: "{...subCode...}" }`).
 */
export function failureCode(body: Record<string, unknown>): string | undefined {
  const error = body.error as { code?: unknown } | undefined;
  const subCode = typeof body.subCode === 'string' ? body.subCode : subCodeIn(body.message);
  return subCode ?? (typeof error?.code === 'string' ? error.code : undefined);
}

function subCodeIn(message: unknown): string | undefined {
  if (typeof message !== 'string') return undefined;
  return /"subCode"\s*:\s*"([A-Za-z]+)"/.exec(message)?.[1];
}
