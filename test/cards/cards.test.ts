// Every card the bot can send, rendered with real wording and checked by the official Adaptive Cards library.
import { describe, expect, it } from '@jest/globals';
import { personalButtons } from '../../src/bot/buttons.js';
import type { AdaptiveCard } from '../../src/cards/card.js';
import { helpCard } from '../../src/cards/help-card.js';
import { channelWelcomeCard, errorCard, groupChatWelcomeCard } from '../../src/cards/notice-cards.js';
import { welcomeCard } from '../../src/cards/welcome-card.js';
import { text } from '../../src/text/index.js';
import { cardText } from '../support/cards.js';
import { cardProblems } from '../support/validate-card.js';

const tz = 'Europe/London';
const cards: [string, AdaptiveCard][] = [
  [
    'welcome',
    welcomeCard(text, {
      anonymityMin: 5,
      guest: false,
      actions: personalButtons(text, { kind: 'on' }, 'c1'),
    }),
  ],
  [
    'welcome (guest)',
    welcomeCard(text, {
      anonymityMin: 5,
      guest: true,
      actions: personalButtons(text, { kind: 'guest' }, 'c4'),
    }),
  ],
  [
    'help (personal, paused)',
    helpCard(text, {
      scope: 'personal',
      timeZone: tz,
      status: { kind: 'paused', until: '2026-12-07T10:00:00Z' },
      notice: 'Done.',
      actions: personalButtons(text, { kind: 'paused', until: '2026-12-07T10:00:00Z' }, 'c2'),
    }),
  ],
  ['help (channel)', helpCard(text, { scope: 'channel', timeZone: tz, actions: [] })],
  ['help (group chat)', helpCard(text, { scope: 'groupChat', timeZone: tz, actions: [] })],
  ['channel welcome', channelWelcomeCard(text)],
  ['group chat welcome', groupChatWelcomeCard(text)],
  ['error', errorCard(text, 'unknownAction', personalButtons(text, { kind: 'guest' }, 'c3'))],
];

describe('cards', () => {
  it.each(cards)('%s parses and validates cleanly as Adaptive Card 1.5', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(25_000);
  });

  it('the validator does catch a broken card', () => {
    expect(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'Input.Text', id: 'a' },
          { type: 'Input.Text', id: 'a' },
        ],
      }),
    ).not.toEqual([]);
  });

  it('shows a date in plain English in the organisation time zone, and status in words', () => {
    const card = helpCard(text, {
      scope: 'personal',
      timeZone: tz,
      status: { kind: 'paused', until: '2026-12-07T00:30:00Z' },
      actions: [],
    });
    expect(cardText(card)).toContain('Your check-ins are paused until 7 December 2026.');
  });

  it('buttons carry the idempotency key of the card they are on', () => {
    const actions = personalButtons(text, { kind: 'on' }, 'card-42');
    expect(actions.map((action) => action.data.cardId)).toEqual(['card-42', 'card-42', 'card-42']);
  });
});
