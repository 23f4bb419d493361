import type { Scope } from '../domain/roster.js';
import type { Text } from '../text/index.js';
import { expandCard, type AdaptiveCard, type CardAction } from './card.js';

/** Where a person's check-ins stand, as the help card tells them. */
export type CheckinStatus = { kind: 'on' | 'stopped' | 'guest' } | { kind: 'paused'; until: string };

export type HelpView = {
  scope: Scope;
  timeZone: string;
  /** Managers, leads and admins also see the commands their role allows; nobody is shown what they may not do. */
  manager?: boolean;
  lead?: boolean;
  admin?: boolean;
  status?: CheckinStatus;
  /** A receipt for what the person just did, shown above the title. */
  notice?: string;
  actions: CardAction[];
};

export function helpCard(text: Text, view: HelpView): AdaptiveCard {
  const { help } = text;
  const personal = view.scope === 'personal';
  const commands = {
    personal: [
      ...help.commands,
      ...(view.manager || view.lead || view.admin
        ? [...help.managerCommands, ...text.broadcasts.helpCommands]
        : []),
      ...(view.lead || view.admin ? help.leadCommands : []),
      ...(view.admin ? help.adminCommands : []),
    ],
    channel: help.channelCommands,
    groupChat: help.groupChatCommands,
  };
  return expandCard('help', {
    notice: view.notice ?? '',
    title: help.title,
    intro: personal ? help.intro : view.scope === 'channel' ? help.channelIntro : help.groupChatIntro,
    commands: commands[view.scope],
    status: view.status ? statusSentence(text, view.status, view.timeZone) : '',
    actions: view.actions,
  });
}

export function statusSentence(text: Text, status: CheckinStatus, timeZone: string): string {
  if (status.kind === 'paused')
    return text.checkinStatus.pausedUntil(text.formatDate(status.until, timeZone));
  return text.checkinStatus[status.kind];
}
