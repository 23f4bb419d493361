// The services and handler dependencies as the composition root (src/index.ts) builds them, over the lowdb
// store on a benchmark's data directory, in this process: for the benchmarks that time store and service
// work without HTTP (write cost, digests). Deliveries are queued but nothing sends them.
import { randomBytes, randomUUID } from 'node:crypto';
import type { BotDeps } from '../src/bot/deps.js';
import { createLogger } from '../src/log.js';
import { loadCatalogue, loadHolidays } from '../src/reference-data.js';
import { cronSchedule } from '../src/scheduler/checkin-schedule.js';
import { systemClock } from '../src/services/clock.js';
import { createExports } from '../src/services/exports.js';
import { createServices } from '../src/services/index.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import type { Store } from '../src/store/store.js';
import { text } from '../src/text/index.js';
import { TENANT } from './synthetic-org.js';

const TIME_ZONE = 'Europe/London';
const catalogue = loadCatalogue();
const holidays = new Set(loadHolidays().dates);

export type OpenDeps = { deps: BotDeps; store: Store; close(): Promise<void> };

export async function openBotDeps(dataDir: string): Promise<OpenDeps> {
  const store = await openLowdbStore({ dataDir });
  const deps: BotDeps = {
    text,
    log: createLogger('silent'),
    settings: { anonymityMin: 5, timeZone: TIME_ZONE, allowedTenantIds: [TENANT] },
    newId: randomUUID,
    clock: systemClock,
    ...createServices({
      store,
      clock: systemClock,
      newId: randomUUID,
      bootstrapAdmins: [],
      allowedTenantIds: [TENANT],
      catalogue,
      holidays,
      schedule: (crons) => cronSchedule(crons, TIME_ZONE),
      timeZone: TIME_ZONE,
    }),
    exports: createExports({ clock: systemClock, randomBytes }),
    publicBaseUrl: 'http://127.0.0.1:3978',
  };
  return { deps, store, close: () => store.close() };
}
