// The bot's route table: reads like a table of contents. Specific routes first, catch-alls last
// (teams-ai takes the first match in registration order; message strings match as substrings, so
// commands are anchored regular expressions).
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { isTenantAllowed, type Scope } from '../domain/roster.js';
import { command, inboundFacts, mentionsBot, scopeOf, tenantOf } from './activity.js';
import type { BotDeps } from './deps.js';
import {
  actionsDelete,
  actionsDeleteConfirm,
  actionsDetails,
  actionsDetailsSave,
  actionsEdit,
  actionsNew,
  actionsPage,
  actionsSave,
  actionsShow,
  logActionCommand,
  myActionsCommand,
} from './handlers/actions.js';
import { followUpLater, followUpNotPossible, followUpTold } from './handlers/action-follow-up.js';
import { auditCommand, auditPage } from './handlers/audit.js';
import {
  broadcastAck,
  broadcastCancel,
  broadcastCancelConfirm,
  broadcastChange,
  broadcastCommand,
  broadcastNew,
  broadcastPreview,
  broadcastProgress,
  broadcastsCommand,
  broadcastSend,
  broadcastsPage,
  readReceipt,
  remindersButton,
} from './handlers/broadcasts.js';
import {
  sendCheckinsNow,
  showCheckin,
  showCheckinButton,
  statusCommand,
} from './handlers/checkin-commands.js';
import { checkinButton, checkinCommand } from './handlers/checkins.js';
import { away, measuresPage, measuresSubmit, pulseChange, pulseSubmit } from './handlers/checkins-answers.js';
import { loggableName, refuseInvoke, turnError, unknownInvoke } from './handlers/errors.js';
import { eraseChoose, eraseCommand, eraseConfirm, eraseSearch } from './handlers/erase.js';
import { helpButton, helpMessage } from './handlers/help.js';
import { askForPrimaryUnit, chooseUnit, myUnitCommand } from './handlers/my-unit.js';
import { rolesCommand, rolesEdit, rolesSave, rolesSearch } from './handlers/roles.js';
import {
  digestCommand,
  digestShow,
  digestWeek,
  postOrganisationSummariesHere,
  postSummariesHere,
  postSummariesNow,
  stopOrganisationSummariesHere,
  stopSummariesHere,
} from './handlers/summaries.js';
import { stopTracking, trackTeam } from './handlers/tracking.js';
import { unitActionsCommand, unitActionsPage } from './handlers/unit-actions.js';
import { unitSetupCommand, unitSetupSave, unitSetupShow } from './handlers/unit-setup.js';
import { unitsAdd, unitsCommand, unitsParent } from './handlers/units.js';
import { welcome } from './handlers/welcome.js';
import { whoAmI } from './handlers/who-am-i.js';
import {
  settingsCommand,
  settingsReset,
  settingsResetConfirm,
  settingsSave,
  settingsShow,
} from './handlers/settings.js';
import { exportCommand, exportContinue, exportNew } from './handlers/exports.js';
import { teamsDirectory } from './teams-directory.js';
import { verbs } from './verbs.js';

/** A typed command, understood only where it makes sense (group chats get help only). */
const typed =
  (words: string, scopes: readonly Scope[] = ['personal']) =>
  async (context: TurnContext) =>
    scopes.includes(scopeOf(context.activity)) && command(words).test(context.activity.text ?? '');

export type BotAppOptions = { adapter?: TeamsAdapter; botAppId?: string };

export function createBotApp(deps: BotDeps, options: BotAppOptions = {}): Application<TurnState> {
  const app = new Application<TurnState>({
    ...options,
    startTypingTimer: false,
    removeRecipientMention: true,
  });

  app.turn('beforeTurn', admitAndRecord(deps));
  app.turn('afterTurn', askForPrimaryUnit(deps));

  app.conversationUpdate('membersAdded', welcome(deps));
  app.teamsReadReceipt(readReceipt(deps));

  app.message(typed('send check-?ins now'), sendCheckinsNow(deps));
  app.message(typed('(set\\s*up check-?ins|check-?ins? set\\s*up)'), unitSetupCommand(deps));
  app.message(typed('check-?in'), showCheckin(deps));
  app.message(typed('status'), statusCommand(deps));
  app.message(typed('snooze'), checkinCommand(deps, 'snooze'));
  app.message(typed('stop'), checkinCommand(deps, 'stop'));
  app.message(typed('(resume|start)'), checkinCommand(deps, 'resume'));
  app.message(typed('who am i', ['personal', 'channel']), whoAmI(deps));
  app.message(typed('my unit'), myUnitCommand(deps));
  app.message(typed('(log (an )?action|new action)'), logActionCommand(deps));
  app.message(typed('my actions?'), myActionsCommand(deps));
  app.message(typed('unit actions?'), unitActionsCommand(deps));
  app.message(typed('roles'), rolesCommand(deps));
  app.message(typed('audit'), auditCommand(deps));
  app.message(typed('units'), unitsCommand(deps));
  app.message(typed('track this team', ['personal', 'channel']), trackTeam(deps));
  app.message(typed('stop tracking this team', ['personal', 'channel']), stopTracking(deps));
  app.message(typed('post summar(y|ies) here', ['personal', 'channel']), postSummariesHere(deps));
  app.message(typed('stop summar(y|ies) here', ['personal', 'channel']), stopSummariesHere(deps));
  app.message(
    typed('post (the )?organi[sz]ation(al)? summar(y|ies) here', ['personal', 'channel']),
    postOrganisationSummariesHere(deps),
  );
  app.message(
    typed('stop (the )?organi[sz]ation(al)? summar(y|ies) here', ['personal', 'channel']),
    stopOrganisationSummariesHere(deps),
  );
  app.message(typed('post summar(y|ies) now'), postSummariesNow(deps));
  app.message(typed('(my )?digests?'), digestCommand(deps));
  app.message(typed('broadcast'), broadcastCommand(deps));
  app.message(typed('(my )?broadcasts'), broadcastsCommand(deps));
  app.message(typed('exports?'), exportCommand(deps));
  app.message(typed('settings'), settingsCommand(deps));
  app.message(typed('erase'), eraseCommand(deps));
  app.message(command('help'), helpMessage(deps));

  app.adaptiveCards.actionExecute(verbs.help, helpButton(deps));
  app.adaptiveCards.actionExecute(verbs.snooze, checkinButton(deps, 'snooze'));
  app.adaptiveCards.actionExecute(verbs.stop, checkinButton(deps, 'stop'));
  app.adaptiveCards.actionExecute(verbs.resume, checkinButton(deps, 'resume'));
  app.adaptiveCards.actionExecute(verbs.checkin, showCheckinButton(deps));
  app.adaptiveCards.actionExecute(verbs.pulseSubmit, pulseSubmit(deps));
  app.adaptiveCards.actionExecute(verbs.pulseChange, pulseChange(deps));
  app.adaptiveCards.actionExecute(verbs.away, away(deps));
  app.adaptiveCards.actionExecute(verbs.measuresSubmit, measuresSubmit(deps));
  app.adaptiveCards.actionExecute(verbs.measuresPage, measuresPage(deps));
  app.adaptiveCards.actionExecute(verbs.chooseUnit, chooseUnit(deps));
  app.adaptiveCards.actionExecute(verbs.auditPage, auditPage(deps));
  app.adaptiveCards.actionExecute(verbs.unitsAdd, unitsAdd(deps));
  app.adaptiveCards.actionExecute(verbs.unitsParent, unitsParent(deps));
  app.adaptiveCards.actionExecute(verbs.rolesSearch, rolesSearch(deps));
  app.adaptiveCards.actionExecute(verbs.rolesEdit, rolesEdit(deps));
  app.adaptiveCards.actionExecute(verbs.rolesSave, rolesSave(deps));
  app.adaptiveCards.actionExecute(verbs.unitSetupShow, unitSetupShow(deps));
  app.adaptiveCards.actionExecute(verbs.unitSetupSave, unitSetupSave(deps));
  app.adaptiveCards.actionExecute(verbs.actionsNew, actionsNew(deps));
  app.adaptiveCards.actionExecute(verbs.actionsSave, actionsSave(deps));
  app.adaptiveCards.actionExecute(verbs.actionsShow, actionsShow(deps));
  app.adaptiveCards.actionExecute(verbs.actionsEdit, actionsEdit(deps));
  app.adaptiveCards.actionExecute(verbs.actionsDelete, actionsDelete(deps));
  app.adaptiveCards.actionExecute(verbs.actionsDeleteConfirm, actionsDeleteConfirm(deps));
  app.adaptiveCards.actionExecute(verbs.actionsPage, actionsPage(deps));
  app.adaptiveCards.actionExecute(verbs.actionsDetails, actionsDetails(deps));
  app.adaptiveCards.actionExecute(verbs.actionsDetailsSave, actionsDetailsSave(deps));
  app.adaptiveCards.actionExecute(verbs.actionsFollowUpTold, followUpTold(deps));
  app.adaptiveCards.actionExecute(verbs.actionsFollowUpLater, followUpLater(deps));
  app.adaptiveCards.actionExecute(verbs.actionsFollowUpNotPossible, followUpNotPossible(deps));
  app.adaptiveCards.actionExecute(verbs.actionsUnitPage, unitActionsPage(deps));
  app.adaptiveCards.actionExecute(verbs.digestPrevious, digestWeek(deps));
  app.adaptiveCards.actionExecute(verbs.digestNext, digestWeek(deps));
  app.adaptiveCards.actionExecute(verbs.digestShow, digestShow(deps));
  app.adaptiveCards.actionExecute(verbs.broadcastNew, broadcastNew(deps));
  app.adaptiveCards.actionExecute(verbs.broadcastChange, broadcastChange(deps));
  app.adaptiveCards.actionExecute(verbs.broadcastPreview, broadcastPreview(deps));
  app.adaptiveCards.actionExecute(verbs.broadcastSend, broadcastSend(deps));
  app.adaptiveCards.actionExecute(verbs.broadcastProgress, broadcastProgress(deps));
  app.adaptiveCards.actionExecute(verbs.broadcastCancel, broadcastCancel(deps));
  app.adaptiveCards.actionExecute(verbs.broadcastCancelConfirm, broadcastCancelConfirm(deps));
  app.adaptiveCards.actionExecute(verbs.broadcastsPage, broadcastsPage(deps));
  app.adaptiveCards.actionExecute(verbs.broadcastAck, broadcastAck(deps));
  app.adaptiveCards.actionExecute(verbs.remindersStop, remindersButton(deps, 'stop'));
  app.adaptiveCards.actionExecute(verbs.remindersStart, remindersButton(deps, 'start'));

  app.adaptiveCards.actionExecute(verbs.exportsContinue, exportContinue(deps));
  app.adaptiveCards.actionExecute(verbs.exportsNew, exportNew(deps));
  app.adaptiveCards.actionExecute(verbs.settingsShow, settingsShow(deps));
  app.adaptiveCards.actionExecute(verbs.settingsSave, settingsSave(deps));
  app.adaptiveCards.actionExecute(verbs.settingsReset, settingsReset(deps));
  app.adaptiveCards.actionExecute(verbs.settingsResetConfirm, settingsResetConfirm(deps));

  app.adaptiveCards.actionExecute(verbs.eraseSearch, eraseSearch(deps));
  app.adaptiveCards.actionExecute(verbs.eraseChoose, eraseChoose(deps));
  app.adaptiveCards.actionExecute(verbs.eraseConfirm, eraseConfirm(deps));

  app.activity('invoke', unknownInvoke(deps));
  app.message(/[\s\S]*/, helpMessage(deps));

  app.error(turnError(deps));
  return app;
}

/**
 * Before any route: ignore other tenants, record what the activity says about people and places, and in
 * channels and group chats let through only messages that @mention the bot.
 */
function admitAndRecord(deps: BotDeps) {
  return async (context: TurnContext): Promise<boolean> => {
    const { activity } = context;
    const tenantId = tenantOf(activity);
    if (!isTenantAllowed(tenantId, deps.settings.allowedTenantIds)) {
      deps.log.warn(
        { tenantId, activityType: activity.type },
        'bot: ignored an activity from a tenant that is not allowed',
      );
      await refuseInvoke(context);
      return false;
    }
    const facts = inboundFacts(activity);
    if (facts) {
      const directory = teamsDirectory(context, deps.log);
      await deps.roster.record(facts, directory);
      if (facts.team) await deps.roster.syncIfDue(facts.team.id, directory);
    }
    deps.log.debug(
      { activityType: activity.type, invoke: loggableName(activity.name), scope: scopeOf(activity) },
      'bot: turn',
    );
    return activity.type !== 'message' || scopeOf(activity) === 'personal' || mentionsBot(activity);
  };
}
