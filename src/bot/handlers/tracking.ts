// "track this team" and "stop tracking this team", @mentioned in one of the team's channels.
import type { TurnContext } from 'botbuilder';
import type { Action, Roles } from '../../domain/permissions.js';
import { scopeOf, teamIdOf } from '../activity.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { teamsDirectory } from '../teams-directory.js';

type TeamCommand = (actor: string, roles: Roles, teamId: string, context: TurnContext) => Promise<string>;

/** A command about the team it is typed in: only in a channel, only for those the permission table allows. */
function teamCommand({ text, access }: BotDeps, action: Action, run: TeamCommand) {
  return async (context: TurnContext): Promise<void> => {
    const teamId = teamIdOf(context.activity);
    if (scopeOf(context.activity) !== 'channel' || !teamId) {
      return void (await context.sendActivity(text.tracking.onlyInChannel));
    }
    const actor = context.activity.from.aadObjectId ?? '';
    const allowed = await access.check(actor, action, teamId);
    const reply = allowed.allowed
      ? await run(actor, allowed.roles, teamId, context)
      : refusal(text, allowed.action);
    await context.sendActivity(reply);
  };
}

export const trackTeam = (deps: BotDeps) =>
  teamCommand(deps, 'trackTeam', async (actor, roles, teamId, context) => {
    const { text } = deps;
    const result = await deps.units.trackTeam(actor, roles, teamId);
    if (result.kind === 'unknownTeam') return text.tracking.unknownTeam;
    if (result.kind === 'alreadyTracked') return text.tracking.alreadyTracked(result.unit.name);
    await deps.roster.syncMembers(teamId, teamsDirectory(context, deps.log));
    return text.tracking.tracked(result.unit.name);
  });

export const stopTracking = (deps: BotDeps) =>
  teamCommand(deps, 'manageUnit', async (actor, _roles, teamId) => {
    const { text } = deps;
    const result = await deps.units.stopTracking(actor, teamId);
    if (result.kind === 'stopped') return text.tracking.stopped(result.unit.name);
    return text.tracking.notTracked(result.name || text.tracking.thisTeam);
  });
