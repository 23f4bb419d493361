import type { Logger } from '../log.js';
import type { AccessService } from '../services/access.js';
import type { ActionsService } from '../services/actions.js';
import type { AuditLog } from '../services/audit-log.js';
import type { BroadcastsService } from '../services/broadcasts.js';
import type { ErasureService } from '../services/erasure.js';
import type { CardActions } from '../services/card-actions.js';
import type { CheckinCycles } from '../services/checkin-cycles.js';
import type { CheckinPreferences } from '../services/checkin-preferences.js';
import type { CheckinsService } from '../services/checkins.js';
import type { DeliveriesService } from '../services/deliveries.js';
import type { ExportsService } from '../services/exports.js';
import type { OwnerChanges } from '../services/owner-changes.js';
import type { RolesService } from '../services/roles.js';
import type { RosterService } from '../services/roster.js';
import type { SettingsService } from '../services/settings.js';
import type { SummariesService } from '../services/summaries.js';
import type { UnitsService } from '../services/units.js';
import type { Text } from '../text/index.js';

/** Everything the bot's handlers use, built in the composition root (or by a test). */
export type BotDeps = {
  text: Text;
  log: Logger;
  settings: { anonymityMin: number; timeZone: string; allowedTenantIds: readonly string[] };
  roster: RosterService;
  preferences: CheckinPreferences;
  cardActions: CardActions;
  access: AccessService;
  audit: AuditLog;
  units: UnitsService;
  roles: RolesService;
  deliveries: DeliveriesService;
  checkinCycles: CheckinCycles;
  checkins: CheckinsService;
  ownerChanges: OwnerChanges;
  actions: ActionsService;
  summaries: SummariesService;
  broadcasts: BroadcastsService;
  /** Erasing a person's data on request (admins). */
  erasure: ErasureService;
  /** The settings admins change on the settings card, over the environment's: read `current()` at each use. */
  adminSettings: SettingsService;
  /** Download links (in memory, 15 minutes, once each) for the export page. */
  exports: ExportsService;
  /** Where the bot's own server is reached from a browser (PUBLIC_BASE_URL): the export page's links start here. */
  publicBaseUrl: string;
  newId: () => string;
  /** The services' clock, where the bot itself needs the time (a scheduled broadcast's date is read against it). */
  clock: () => Date;
};
