// Looks people and channels up in Teams for the roster. Failures are answers too: "not known yet".
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import type { Logger } from '../log.js';
import type { MemberDetails, TeamsDirectory } from '../services/roster.js';

const PAGE_SIZE = 500;

export function teamsDirectory(context: TurnContext, log: Logger): TeamsDirectory {
  const failed = (what: string) => (error: unknown) => {
    log.warn({ err: summary(error) }, `roster: could not ${what}; will try again later`);
    return undefined;
  };
  return {
    member: (teamsUserId) =>
      TeamsInfo.getMember(context, teamsUserId).then(details, failed('look up a member')),
    channels: async () => {
      const channels =
        (await TeamsInfo.getTeamChannels(context).catch(failed('list the team channels'))) ?? [];
      return channels.flatMap((channel) =>
        channel.id ? [{ id: channel.id, name: channel.name ?? '' }] : [],
      );
    },
    allMembers: async (teamId) => {
      const members: MemberDetails[] = [];
      let continuationToken: string | undefined;
      try {
        do {
          const page = await TeamsInfo.getPagedTeamMembers(context, teamId, PAGE_SIZE, continuationToken);
          members.push(...page.members.filter((member) => member.aadObjectId).map(details));
          continuationToken = page.continuationToken || undefined;
        } while (continuationToken);
        return members;
      } catch (error) {
        return failed('read the team members')(error);
      }
    },
  };
}

function details(member: TeamsChannelAccount): MemberDetails {
  return {
    aadObjectId: member.aadObjectId ?? '',
    teamsUserId: member.id,
    name: member.name ?? '',
    tenantId: member.tenantId ?? '',
    guest: member.userRole === 'guest' || member.userRole === 'anonymous',
  };
}

const summary = (error: unknown) => ({
  name: (error as Error)?.name,
  status: (error as { statusCode?: number })?.statusCode,
});
