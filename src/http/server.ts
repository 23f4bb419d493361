// The HTTP surface: POST /api/messages for Teams, GET /healthz (alive), GET /readyz (able to serve) and the
// export download page, GET and POST /exports/:token (exports.ts).
// Bad input gets a 4xx and never takes the process down; shutdown lets in-flight turns finish.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import { inTurn, type Logger } from '../log.js';
import { addExportRoutes, type ExportDownloads } from './exports.js';
import { InboundActivity, MAX_ID_LENGTH } from './inbound-activity.js';

export const MAX_BODY_BYTES = 256 * 1024;

export type HttpDeps = {
  /** Hands a validated request to the bot adapter, which writes the response. */
  processActivity: (req: Request, res: Response) => Promise<void>;
  /** Names of the parts that are not ready; empty when the bot can serve. */
  notReady: () => string[];
  /** The download page's offers and files. */
  exports: ExportDownloads;
  log: Logger;
};

export type HttpServer = {
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, then waits (up to `graceMs`) for turns in flight. */
  close(graceMs?: number): Promise<void>;
};

export function createHttpServer({ processActivity, notReady, exports, log }: HttpDeps): HttpServer {
  const server = restify.createServer({ name: 'patient-partnership-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));
  let inFlight = 0;
  let drained: (() => void) | undefined;

  server.post('/api/messages', async (req: Request, res: Response) => {
    const activity = InboundActivity.safeParse(req.body);
    if (!activity.success) {
      log.warn(
        { problems: activity.error.issues.map((issue) => issue.path.join('.')) },
        'http: rejected a malformed activity',
      );
      res.send(400, {
        error:
          'The request body is not a Bot Framework activity: it needs type, channelId, serviceUrl, from, ' +
          `recipient and conversation, with ids as Teams sends them (text of at most ${MAX_ID_LENGTH} characters).`,
      });
      return;
    }
    inFlight++;
    const started = performance.now();
    try {
      await inTurn(randomUUID(), async () => {
        await processActivity(req, res);
        const ms = Math.round(performance.now() - started);
        log.info({ activityType: activity.data.type, status: res.statusCode, ms }, 'http: activity handled');
      });
    } catch (error) {
      log.error(
        { err: { name: (error as Error).name, message: (error as Error).message } },
        'http: the adapter failed',
      );
      if (!res.headersSent) res.send(400, { error: 'The activity could not be processed.' });
    } finally {
      if (--inFlight === 0) drained?.();
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const waiting = notReady();
    res.send(waiting.length === 0 ? 200 : 503, {
      status: waiting.length === 0 ? 'ready' : 'not ready',
      waiting,
    });
  });

  addExportRoutes(server, exports, log);

  server.on(
    'restifyError',
    (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
      // The Agents Playground and load balancers probe with GET; only refused bot traffic is worth a warning.
      const level = error.statusCode === 404 || error.statusCode === 405 ? 'debug' : 'warn';
      // A download token is a secret: its path is logged without it.
      const path = req.path().startsWith('/exports/') ? '/exports/…' : req.path();
      log[level]({ path, status: error.statusCode, error: error.name }, 'http: request refused');
      callback();
    },
  );

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      }),
    close: async (graceMs = 10_000) => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => (drained = resolve)), delay(graceMs)]);
      }
      server.server.closeIdleConnections?.();
      await Promise.race([stopped, delay(graceMs)]);
    },
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
