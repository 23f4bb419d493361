// Looks people and channels up in Teams for the roster. Failures are answers too: "not known yet".
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../log.js';
import type { TeamsDirectory } from '../services/roster.js';

export function teamsDirectory(context: TurnContext, log: Logger): TeamsDirectory {
  return {
    async member(teamsUserId) {
      try {
        const member = await TeamsInfo.getMember(context, teamsUserId);
        return {
          aadObjectId: member.aadObjectId ?? '',
          teamsUserId: member.id,
          name: member.name ?? '',
          tenantId: member.tenantId ?? '',
          guest: member.userRole === 'guest' || member.userRole === 'anonymous',
        };
      } catch (error) {
        log.warn(
          { err: summary(error) },
          'roster: could not look up a member; will try again on their next activity',
        );
        return undefined;
      }
    },
    async channels() {
      try {
        const channels = await TeamsInfo.getTeamChannels(context);
        return channels.flatMap((channel) =>
          channel.id ? [{ id: channel.id, name: channel.name ?? '' }] : [],
        );
      } catch (error) {
        log.warn({ err: summary(error) }, 'roster: could not list the team channels');
        return [];
      }
    },
  };
}

const summary = (error: unknown) => ({
  name: (error as Error)?.name,
  status: (error as { statusCode?: number })?.statusCode,
});
