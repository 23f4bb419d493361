// The inbound benchmark's yardstick: a bare botbuilder bot on the same HTTP stack as the product (restify with
// the same body parser, CloudAdapter in anonymous mode), answering every Action.Execute invoke with one
// constant card (BARE_CARD_FILE: the card the real bot answered, so both send the same bytes). No store, no
// routing, no services: what is left is the cost of HTTP, botbuilder and JSON that any bot pays.
import { readFileSync } from 'node:fs';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type AdaptiveCardInvokeResponse,
  type TurnContext,
} from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { MAX_BODY_BYTES } from '../src/http/server.js';
import { answerUsageRequests } from './usage.js';

const card = JSON.parse(readFileSync(process.env.BARE_CARD_FILE ?? '', 'utf8')) as Record<string, unknown>;

class BareBot extends ActivityHandler {
  protected override async onAdaptiveCardInvoke(_context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }
}

const bot = new BareBot();
const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppType: 'MultiTenant' }),
);
const server = restify.createServer({ name: 'bare-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/readyz', async (_req: Request, res: Response) => {
  res.send(200, { status: 'ready' });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
answerUsageRequests();
process.once('SIGTERM', () => server.close(() => process.exit(0)));
