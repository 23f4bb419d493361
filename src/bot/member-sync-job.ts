// The daily job that re-reads every tracked team's members from Teams, without waiting for a message in
// the team: Teams' membership events are lost while the bot is down.
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference } from 'botbuilder';
import type { Job } from '../scheduler/scheduler.js';
import type { BotDeps } from './deps.js';
import { teamsDirectory } from './teams-directory.js';

export const MEMBER_SYNC_SCHEDULE = '0 3 * * *';

export function memberSyncJob(deps: BotDeps, adapter: TeamsAdapter, botAppId: string): Job {
  return {
    name: 'member-sync',
    schedule: MEMBER_SYNC_SCHEDULE,
    run: async () => {
      for (const team of await deps.units.trackedTeams()) {
        const reference: Partial<ConversationReference> = {
          channelId: 'msteams',
          serviceUrl: team.serviceUrl,
          conversation: {
            id: team.id,
            isGroup: true,
            conversationType: 'channel',
            tenantId: team.tenantId,
            name: '',
          },
          bot: { id: botAppId, name: '' },
        };
        try {
          await adapter.continueConversationAsync(botAppId, reference, async (context) => {
            // Skip only teams read in the last hour (when tracked, say): the job itself is daily.
            await deps.roster.syncIfDue(team.id, teamsDirectory(context, deps.log), 1);
          });
        } catch (error) {
          deps.log.warn(
            { teamId: team.id, err: { name: (error as Error).name } },
            'roster: daily member read failed',
          );
        }
      }
    },
  };
}
