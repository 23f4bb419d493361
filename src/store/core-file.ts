// core.json: the small state every request may need (people, conversations, teams, units, roles, settings),
// read whole at start-up. A save of one record is appended to a journal beside it, folded in from time to time
// (core-journal.ts); other changes rewrite it whole.
import { join } from 'node:path';
import { z } from 'zod';
import { Roles } from '../domain/permissions.js';
import { StoredSettings } from '../domain/settings.js';
import { ConversationRef, Person, Team } from '../domain/roster.js';
import { Unit } from '../domain/units.js';
import { JsonFile, type Migration } from './json-file.js';

const CORE_VERSION = 2;
export const CoreFile = z.object({
  schemaVersion: z.literal(CORE_VERSION),
  people: z.record(z.string(), Person),
  conversations: z.record(z.string(), ConversationRef),
  teams: z.record(z.string(), Team),
  units: z.record(z.string(), Unit),
  /** By aadObjectId; only people holding a role have an entry. */
  roles: z.record(z.string(), Roles),
  /**
   * Card-action claims as earlier versions kept them (key to when claimed). They now live a file per day
   * (card-action-files.ts): the store moves any found here on open, and leaves this empty, still written so
   * that an earlier version can read the file.
   */
  cardActions: z.record(z.string(), z.string()),
  /** Each scheduled job's last claimed run (its scheduled time, UTC ISO); added in place, files without it are fine. */
  jobRuns: z.record(z.string(), z.string()).default({}),
  /** What admins set on the settings card; added in place, so files written before it read as none set. */
  settings: StoredSettings.optional(),
  /**
   * Erasures under way: each person's pseudonym by their aadObjectId, so an erasure cut short by a stop is
   * finished with the pseudonym it began with. Removed as the erasure ends, and absent when none is under way.
   */
  erasures: z.record(z.string(), z.string()).optional(),
});
export type CoreFile = z.infer<typeof CoreFile>;

/** The tables of records keyed by id, each saved through one path. */
export type CoreTable = 'people' | 'conversations' | 'teams' | 'units' | 'roles';

export const emptyCore = (): CoreFile => ({
  schemaVersion: CORE_VERSION,
  people: {},
  conversations: {},
  teams: {},
  units: {},
  roles: {},
  cardActions: {},
  jobRuns: {},
});

const migrations: Record<number, Migration> = {
  // Version 1 knew no units or roles.
  1: (data) => ({ ...data, units: {}, roles: {} }),
};

export const coreJsonFile = (dataDir: string): JsonFile<CoreFile> =>
  new JsonFile({
    file: join(dataDir, 'core.json'),
    schemaVersion: CORE_VERSION,
    schema: CoreFile,
    migrations,
  });
