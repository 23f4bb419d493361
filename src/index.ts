// Composition root: configuration, store, services, adapter, bot, HTTP server, graceful shutdown. No logic.
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createTeamsAdapter } from './bot/adapter.js';
import { createBotApp } from './bot/app.js';
import { tokenProvider } from './bot/connector-client.js';
import { memberSyncJob } from './bot/member-sync-job.js';
import { createTeamsSender } from './bot/teams-sender.js';
import type { BotDeps } from './bot/deps.js';
import { exportFileMaker } from './bot/export-views.js';
import { isAnonymous, loadConfig, withDotEnv, type Config } from './config.js';
import { WINDOW_MS } from './delivery/rate-gate.js';
import { createSharedRateGate } from './delivery/shared-rate-gate.js';
import { createDeliveryWorker } from './delivery/worker.js';
import { createHttpServer } from './http/server.js';
import { createLogger, type Logger } from './log.js';
import { loadCatalogue, loadHolidays } from './reference-data.js';
import { cronSchedule, weeklyJobs, type ScheduleCrons } from './scheduler/checkin-schedule.js';
import { systemClock } from './services/clock.js';
import { createScheduler } from './scheduler/scheduler.js';
import { embeddedLeadership, followLeadership } from './scheduler/leadership.js';
import { createServices } from './services/index.js';
import { createDownloads, createExports } from './services/exports.js';
import { actionFollowUpJob } from './scheduler/action-jobs.js';
import { broadcastSendJob } from './scheduler/broadcast-jobs.js';
import { retentionJob } from './scheduler/retention-jobs.js';
import { openLowdbStore } from './store/lowdb-store.js';
import { openPostgresStore } from './store/postgres-store.js';
import { createPostgresLeadership } from './store/postgres/leadership.js';
import { createPostgresSendSlots } from './store/postgres/rate.js';
import { text } from './text/index.js';

export type RunningBot = { port: number; stop(): Promise<void> };

/** Timings the product fixes and tests shorten. */
export type Tuning = {
  /** How long a delivery claim holds before another instance may take the items back (renewed meanwhile). */
  deliveryLeaseMs?: number;
  /** How often an instance sharing a PostgreSQL store reads settings another one saved. */
  settingsPollMs?: number;
};

const SETTINGS_POLL_MS = 30_000;
/** A request to Teams gives up after 15 s (bot/connector-client.ts); twice that covers a token fetch too. */
const SEND_HOLD_MS = 30_000;

export async function startBot(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  tuning: Tuning = {},
): Promise<RunningBot> {
  // Reference data first: a bad file stops start-up before anything is locked or opened.
  const catalogue = loadCatalogue(config.catalogueFile);
  const holidays = new Set(loadHolidays(config.holidaysFile).dates);
  let stopping: Promise<void> | undefined;
  let settingsPoll: NodeJS.Timeout | undefined;
  const store =
    config.store.kind === 'postgres'
      ? // config.ts refuses STORE=postgres without a DATABASE_URL.
        await openPostgresStore({
          connectionString: config.store.databaseUrl!,
          schema: config.store.databaseSchema,
        })
      : await openLowdbStore({
          dataDir: config.dataDir,
          lock: {
            onCompromised: (error) => {
              log.fatal(
                { err: { message: error.message } },
                'store: another process took the data directory lock; stopping',
              );
              void stop().finally(() => process.exit(1));
            },
          },
        });
  // Services queue deliveries; the worker, built below, sends them.
  const queued = { wake: () => {} };
  const services = createServices({
    store,
    clock: systemClock,
    newId: randomUUID,
    bootstrapAdmins: config.adminAadIds,
    allowedTenantIds: config.allowedTenantIds,
    catalogue,
    holidays,
    schedule: (crons) => cronSchedule(crons, config.orgTimeZone),
    crons: config.schedule,
    timeZone: config.orgTimeZone,
    evidenceDomains: config.evidenceLinkDomains,
    anonymityMin: config.anonymityMin,
    sendRate: config.sendRate,
    quietHours: config.quietHours,
    retentionMonths: config.retentionMonths,
    onDeliveriesQueued: () => queued.wake(),
  });
  // What admins saved on the settings card wins over the environment from the first job and the first send.
  await services.adminSettings.load();
  const live = services.adminSettings.current;
  const deps: BotDeps = {
    text,
    log,
    settings: {
      get anonymityMin() {
        return live().anonymityMin;
      },
      timeZone: config.orgTimeZone,
      allowedTenantIds: config.allowedTenantIds,
    },
    newId: randomUUID,
    clock: systemClock,
    ...services,
    exports: createExports({ clock: systemClock, randomBytes }),
    publicBaseUrl: config.publicBaseUrl,
  };
  const adapter = createTeamsAdapter(config.bot);
  const app = createBotApp(deps, { adapter, botAppId: config.bot.id });
  const scheduler = createScheduler({ claims: store, timeZone: config.orgTimeZone, log });
  scheduler.add(memberSyncJob(deps, adapter, config.bot.id));
  const weekly = (crons: ScheduleCrons) => weeklyJobs(deps.checkinCycles, services.summaries, crons);
  for (const job of weekly(live())) scheduler.add(job);
  scheduler.add(actionFollowUpJob(services.actions));
  scheduler.add(broadcastSendJob(services.broadcasts));
  scheduler.add(retentionJob(services.retention));
  // One instance runs the scheduled jobs: the one process owning a data directory, or with PostgreSQL the
  // instance holding the leadership lock. Every instance serves traffic and sends deliveries.
  const leadership =
    config.store.kind === 'postgres'
      ? createPostgresLeadership({
          connectionString: config.store.databaseUrl!,
          schema: config.store.databaseSchema,
          onProblem: (error) =>
            log.warn(
              { err: { name: error.name, code: (error as { code?: unknown }).code } },
              'scheduler: leadership connection problem',
            ),
        })
      : embeddedLeadership();
  const leaderTerms = followLeadership(leadership, scheduler, log);
  services.adminSettings.onChange(async (values) => {
    for (const job of weekly(values)) await scheduler.reschedule(job.name, job.schedule);
  });
  // With PostgreSQL every instance sends: the send rate is counted in the database for all of them together,
  // and settings saved on one instance are read again by the others.
  const sendSlots =
    config.store.kind === 'postgres'
      ? createPostgresSendSlots({
          connectionString: config.store.databaseUrl!,
          schema: config.store.databaseSchema,
          holdMs: SEND_HOLD_MS,
          windowMs: WINDOW_MS,
        })
      : undefined;
  const sending = createDeliveryWorker({
    store,
    sender: createTeamsSender(deps, `28:${config.bot.id}`, tokenProvider(config.bot)),
    log,
    sendRate: () => live().sendRate,
    quietHours: () => live().quietHours,
    timeZone: config.orgTimeZone,
    leaseMs: tuning.deliveryLeaseMs,
    rateGate:
      sendSlots &&
      ((rate) =>
        createSharedRateGate(sendSlots, rate, {
          onProblem: (error) =>
            log.warn(
              { err: { name: error.name, code: (error as { code?: unknown }).code } },
              'delivery: send rate database problem',
            ),
        })),
  });

  queued.wake = sending.wake;
  const http = createHttpServer({
    processActivity: (req, res) => adapter.handle(req, res, async (context) => void (await app.run(context))),
    notReady: () => [
      ...(stopping ? ['shutting down'] : []),
      // A follower serves traffic: its scheduler is meant to be stopped.
      ...(scheduler.running() || !leadership.isLeader() ? [] : ['scheduler']),
      ...(sending.running() ? [] : ['delivery worker']),
    ],
    exports: createDownloads({ exports: deps.exports, makeFile: exportFileMaker(deps) }),
    log,
  });
  const address = await http.listen(config.port, config.host);
  await leadership.acquire();
  await leaderTerms.settled();
  await sending.start();
  if (config.store.kind === 'postgres')
    settingsPoll = setInterval(
      () =>
        void services.adminSettings
          .reload()
          .catch((error: Error) =>
            log.warn({ err: { name: error.name } }, 'settings: could not read stored settings'),
          ),
      tuning.settingsPollMs ?? SETTINGS_POLL_MS,
    );
  log.info(
    { host: config.host, port: address.port, anonymous: isAnonymous(config), dataDir: config.dataDir },
    'bot: listening',
  );

  function stop(): Promise<void> {
    stopping ??= (async () => {
      await http.close();
      clearInterval(settingsPoll);
      // The scheduler's runs finish before the lock goes, so the next leader never overlaps them.
      await leaderTerms.stop();
      await leadership.close();
      await sending.stop();
      await sendSlots?.close();
      await store.close();
      log.info('bot: stopped');
    })();
    return stopping;
  }
  return { port: address.port, stop };
}

async function main(): Promise<void> {
  let bot: RunningBot;
  try {
    bot = await startBot(loadConfig(withDotEnv('.env')));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void bot.stop().then(() => process.exit(0)));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
