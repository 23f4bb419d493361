// The broadcast cards (writing one, the preview, the reminder people get and its "Thanks, noted" version, the
// sender's report and the list), rendered with real wording and checked by the official Adaptive Cards
// library.
import { describe, expect, it } from '@jest/globals';
import {
  broadcastComposeCard,
  broadcastListCard,
  broadcastPreviewCard,
  broadcastReminderCard,
  broadcastReportCard,
  reminderNotedCard,
  reminderWhy,
  type ComposeView,
  type PreviewView,
  type ReminderView,
  type ReportView,
} from '../../src/cards/broadcast-cards.js';
import type { AdaptiveCard, CardAction } from '../../src/cards/card.js';
import {
  readDraft,
  reportOf,
  type Audience,
  type Broadcast,
  type BroadcastReport,
} from '../../src/domain/broadcasts.js';
import type { Delivery, DeliveryState } from '../../src/domain/delivery.js';
import { text } from '../../src/text/index.js';
import { buttonTitles, cardText, elements, input, inputs, type Card, type Node } from '../support/cards.js';
import { cardProblems } from '../support/validate-card.js';

const b = text.broadcasts;
const action = (title: string, verb: string): CardAction => ({ title, verb, data: { cardId: 'card-1' } });
const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');
const ward = (n: number) => ({ title: `Ward ${n}`, value: `19:ward-${n}@thread.tacv2` });

function composeView(overrides: Partial<ComposeView> = {}): ComposeView {
  return {
    mode: 'any',
    units: [ward(7), ward(9)],
    timeZone: 'Europe/London',
    values: {},
    preview: action(b.labels.preview, 'broadcast.preview'),
    ...overrides,
  };
}

function reminderView(overrides: Partial<ReminderView> = {}): ReminderView {
  return {
    title: 'This week’s check-in closes on Sunday',
    message: 'It takes a minute. Managers see only totals.',
    button: { title: 'Read the guide', url: 'https://www.nhs.uk/guide' },
    why: reminderWhy(text, { audience: 'units', unitNames: ['Ward 7'], senderRole: 'lead' }),
    place: 'person',
    gotIt: action(b.gotIt, 'broadcast.ack'),
    stopOrStart: action(b.stop, 'reminders.stop'),
    ...overrides,
  };
}

function previewView(overrides: Partial<PreviewView> = {}): PreviewView {
  return {
    reminder: broadcastReminderCard(text, reminderView()),
    audience: 'everyone',
    recipients: 40,
    unreachable: [
      { reason: 'guest', count: 12 },
      { reason: 'stoppedReminders', count: 3 },
    ],
    generalChannels: 0,
    estimate: { seconds: 240, requests: 80, sendingSeconds: 240, waitingSeconds: 0 },
    send: action(b.send, 'broadcast.send'),
    change: action(b.change, 'broadcast.change'),
    ...overrides,
  };
}

const broadcast = (overrides: Partial<Broadcast> = {}): Broadcast => ({
  id: 'b-1',
  title: 'This week’s check-in closes on Sunday',
  message: 'It takes a minute.',
  audience: { kind: 'everyone' },
  sender: 'aad-priya',
  senderRole: 'lead',
  state: 'sent',
  createdAt: '2026-11-23T10:00:00.000Z',
  sentAt: '2026-11-23T10:00:05.000Z',
  counts: { recipients: 12, unreachable: [{ reason: 'guest', count: 2 }] },
  ...overrides,
});

/** A delivery per recipient in the given state, ids that must never show on a counts-only report. */
function deliveries(states: DeliveryState[]): Delivery[] {
  return states.map((state, i) => ({
    id: `person:aad-recipient-${i}`,
    batchId: 'broadcast:b-1',
    kind: 'broadcast',
    recipient: { kind: 'person', aadObjectId: `aad-recipient-${i}` },
    content: { card: 'broadcast', data: { broadcastId: 'b-1' } },
    respectsQuietHours: true,
    notBefore: '2026-11-23T10:00:00.000Z',
    attempts: 1,
    state,
    ...(state === 'blocked' ? { failure: { status: 403, code: 'MessageWritesBlocked' } } : {}),
    ...(state === 'failed' ? { failure: { status: 500, code: 'ServiceError' } } : {}),
    possiblyDuplicated: i === 0,
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
  }));
}

const STATES: DeliveryState[] = [
  ...Array<DeliveryState>(9).fill('delivered'),
  'blocked',
  'notFound',
  'failed',
];

function report(audience: Audience, states = STATES): Omit<BroadcastReport, 'rows'> {
  const all = reportOf(deliveries(states), audience, {
    acknowledgedBy: ['aad-recipient-1', 'aad-recipient-2', 'aad-recipient-1', 'someone-else'],
    readBy: ['aad-recipient-1', 'aad-recipient-3', 'aad-recipient-4'],
  });
  const { rows: _rows, ...counts } = all;
  return counts;
}

function reportView(overrides: Partial<ReportView> = {}): ReportView {
  const audience = overrides.broadcast?.audience ?? { kind: 'everyone' };
  return {
    broadcast: broadcast(),
    report: report(audience),
    audience: 'everyone',
    timeZone: 'Europe/London',
    exportable: audience.kind !== 'notAnswered',
    ...(audience.kind === 'notAnswered' ? {} : { downloadUrl: 'https://bot.example.nhs.uk/exports/a-token' }),
    actions: [action(b.refresh, 'broadcast.progress')],
    ...overrides,
  };
}

/** The compose card with the problems readDraft finds in these inputs. */
function composeWith(values: Record<string, string>): AdaptiveCard {
  const read = readDraft({ audience: 'everyone', ...values });
  if (read.ok) throw new Error('expected problems');
  return broadcastComposeCard(text, composeView({ values, problems: read.problems }));
}

const reminderContainer = (card: AdaptiveCard) =>
  elements(card).find((node) => node['id'] === 'reminder') as { items: Node[] } | undefined;

describe('the card to write a reminder', () => {
  it('labels every input, marks the required ones with a message, and says the time zone', () => {
    const card = broadcastComposeCard(text, composeView());
    expect(cardProblems(card)).toEqual([]);
    expect(inputs(card).map((node) => node['id'])).toEqual([
      'title',
      'message',
      'buttonTitle',
      'buttonUrl',
      'audience',
      'unitIds',
      'when',
      'date',
      'time',
    ]);
    for (const node of inputs(card)) {
      expect(node['label']).toEqual(expect.any(String));
      expect(node['label']).not.toBe('');
      if (node['isRequired']) expect(node['errorMessage']).toEqual(expect.any(String));
    }
    expect(input(card, 'date')?.['label']).toBe('Date, in UK time');
    expect(input(card, 'time')?.['label']).toBe('Time, in UK time');
    expect(input(card, 'unitIds')?.['isMultiSelect']).toBe(true);
    expect(input(card, 'confirmWarnings')).toBeUndefined();
    expect(buttonTitles(card as Card)).toEqual([b.labels.preview]);
    expect(cardText(card)).toContain(b.privacy);
  });

  it('offers leads every audience, and managers only the members of the units they manage', () => {
    const lead = broadcastComposeCard(text, composeView());
    const choices = (card: AdaptiveCard, id: string) =>
      (input(card, id)?.['choices'] as { value: string }[]).map((choice) => choice.value);
    expect(choices(lead, 'audience')).toEqual(['everyone', 'units', 'channels', 'notAnswered', 'managers']);
    const manager = broadcastComposeCard(text, composeView({ mode: 'manager', units: [ward(7)] }));
    expect(cardProblems(manager)).toEqual([]);
    expect(choices(manager, 'audience')).toEqual(['units']);
    expect(input(manager, 'audience')?.['value']).toBe('units');
    expect(choices(manager, 'unitIds')).toEqual([ward(7).value]);
    expect(cardText(manager)).toContain(b.managerIntro);
  });

  it('names the box and the kind of detail the guard found, keeping what was typed', () => {
    const message = 'Ring Sam on 07700 900123 or email sam@example.com';
    const card = composeWith({ title: 'Pulse', message });
    expect(cardProblems(card)).toEqual([]);
    const words = cardText(card);
    expect(words).toContain(b.problemHeading);
    expect(words).toContain('The ‘Message’ box looks like it contains an email address and a phone number.');
    expect(input(card, 'message')?.['value']).toBe(message);
    // A block is not something to confirm: only warnings bring the toggle.
    expect(input(card, 'confirmWarnings')).toBeUndefined();
  });

  it('asks to confirm a warning with the toggle, and says so by the box', () => {
    const card = composeWith({ title: 'Thank you Mrs Smith', message: 'For the flowers.' });
    expect(cardText(card)).toContain('The ‘Title’ box might contain a person’s name.');
    expect(input(card, 'confirmWarnings')).toMatchObject({
      label: b.labels.confirm,
      title: b.labels.confirmTitle,
    });
    const confirmed = readDraft({
      title: 'Thank you Mrs Smith',
      message: 'For the flowers.',
      audience: 'everyone',
      confirmWarnings: 'true',
    });
    expect(confirmed.ok).toBe(true);
  });

  it('says what to fix for each box, in the order the card shows them', () => {
    const card = composeWith({
      title: '',
      message: '',
      buttonTitle: 'Guide',
      buttonUrl: 'http://example.com',
    });
    const summary = cardText(card).split('\n').slice(1, 4);
    expect(summary).toEqual([
      b.problems['title']!['default'],
      b.problems['message']!['default'],
      b.problems['buttonUrl']!['notHttps'],
    ]);
  });

  it('stays under 25 KB with 60 units to choose from', () => {
    const units = Array.from({ length: 60 }, (_, i) => ({
      title: `Community nursing team ${i}`,
      value: `19:${'x'.repeat(32)}-${i}@thread.tacv2`,
    }));
    const card = broadcastComposeCard(text, composeView({ units }));
    expect(cardProblems(card)).toEqual([]);
    expect(input(card, 'unitIds')?.['style']).toBe('compact');
    expect(bytes(card)).toBeLessThan(25_000);
  });
});

describe('the reminder people get', () => {
  it('shows the title, message, link, "Got it", "Stop reminders" and why they got it', () => {
    const card = broadcastReminderCard(text, reminderView());
    expect(cardProblems(card)).toEqual([]);
    expect(buttonTitles(card as Card)).toEqual(['Read the guide', b.gotIt, b.stop]);
    expect(card['actions']).toContainEqual({
      type: 'Action.OpenUrl',
      title: 'Read the guide',
      url: 'https://www.nhs.uk/guide',
    });
    const words = cardText(card);
    expect(words).toContain('You get this because you are in Ward 7. It was sent by a partnership lead.');
    expect(words).toContain('Your weekly check-ins and their reminder are not affected');
  });

  it.each([
    [
      { audience: 'everyone', unitNames: [], organisation: 'Demo Trust', senderRole: 'lead' },
      'You get this because it was sent to everyone at Demo Trust by a partnership lead.',
    ],
    [
      { audience: 'everyone', unitNames: [], senderRole: 'admin' },
      'You get this because it was sent to everyone at your organisation by an admin.',
    ],
    [
      { audience: 'units', unitNames: ['Ward 7', 'Ward 9'], senderRole: 'manager' },
      'You get this because you are in Ward 7 or Ward 9. It was sent by a manager.',
    ],
    [
      { audience: 'channels', unitNames: ['Ward 7', 'Ward 9'], senderRole: 'lead' },
      'This was posted for everyone in Ward 7 and Ward 9 by a partnership lead.',
    ],
    [
      { audience: 'notAnswered', unitNames: [], senderRole: 'lead' },
      'You get this because you have not answered this week’s check-in yet. It was sent by a partnership lead.',
    ],
    [
      { audience: 'managers', unitNames: [], senderRole: 'admin' },
      'You get this because you manage a unit. It was sent by an admin.',
    ],
  ] as const)('says why: %p', (why, words) => {
    expect(reminderWhy(text, { ...why, unitNames: [...why.unitNames] })).toBe(words);
  });

  it('has no "Stop reminders" when posted in a channel', () => {
    const card = broadcastReminderCard(text, reminderView({ place: 'channel', button: undefined }));
    expect(cardProblems(card)).toEqual([]);
    expect(buttonTitles(card as Card)).toEqual([b.gotIt]);
    expect(cardText(card)).not.toContain('Stop reminders');
  });

  it('once stopped, says how to undo it with "Start reminders again"', () => {
    const card = broadcastReminderCard(
      text,
      reminderView({ stopped: true, notice: b.stopped, stopOrStart: action(b.start, 'reminders.start') }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card).split('\n')[0]).toBe(b.stopped);
    expect(b.stopped).toContain('Your weekly check-ins have not changed');
    expect(buttonTitles(card as Card)).toEqual(['Read the guide', b.gotIt, b.start]);
  });

  it('after "Got it", is a small "Thanks, noted" with the title and the link', () => {
    const card = reminderNotedCard(text, {
      title: 'Pulse closes Sunday',
      button: { title: 'Read the guide', url: 'https://www.nhs.uk/guide' },
      stopOrStart: action(b.stop, 'reminders.stop'),
    });
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card).split('\n').slice(0, 2)).toEqual([b.noted, 'Pulse closes Sunday']);
    expect(buttonTitles(card as Card)).toEqual(['Read the guide', b.stop]);
  });
});

describe('the preview', () => {
  it('shows the reminder exactly as recipients will, its buttons switched off but the link', () => {
    const reminder = broadcastReminderCard(text, reminderView());
    const card = broadcastPreviewCard(text, previewView({ reminder }));
    expect(cardProblems(card)).toEqual([]);
    const items = reminderContainer(card)?.items ?? [];
    expect(items.slice(0, -1)).toEqual(reminder['body']);
    const row = items.at(-1) as { type: string; actions: Node[] };
    expect(row.type).toBe('ActionSet');
    expect(row.actions.map((a) => a['title'])).toEqual(buttonTitles(reminder as Card));
    expect(row.actions.map((a) => a['isEnabled'])).toEqual([undefined, false, false]);
    expect(buttonTitles(card as Card)).toEqual([b.send, b.change]);
  });

  it('gives the number of recipients, who cannot be reached and why, and the time it will take', () => {
    const words = cardText(broadcastPreviewCard(text, previewView()));
    expect(words).toContain('It will go to 40 people.');
    expect(words).toContain('15 people cannot get it: 12 are guests and 3 have stopped reminders.');
    expect(words).toContain('Sending should take about 4 minutes.');
    expect(words).not.toContain('Reminders go out only at the times');
  });

  it.each([
    [20, 'less than a minute'],
    [60, 'about 1 minute'],
    [90 * 60, 'about 2 hours'],
    [3 * 86_400, 'about 3 days'],
  ])('says %p seconds as "%s"', (seconds, words) => {
    expect(b.duration(seconds)).toBe(words);
  });

  it('says when quiet hours make some wait, and when all should arrive', () => {
    const card = broadcastPreviewCard(
      text,
      previewView({
        estimate: { seconds: 15 * 3600, requests: 80, sendingSeconds: 240, waitingSeconds: 14 * 3600 },
        finishBy: '24 November 2026 at 08:04',
      }),
    );
    expect(cardText(card)).toContain(
      'Reminders go out only at the times your organisation allows, so some will wait until then. All should arrive by 24 November 2026 at 08:04.',
    );
    expect(cardText(card)).toContain('Sending should take about 4 minutes.');
  });

  it('for "not answered", counts paused check-ins with stopped reminders; for channels, the General channel', () => {
    const notAnswered = cardText(broadcastPreviewCard(text, previewView({ audience: 'notAnswered' })));
    expect(notAnswered).toContain('3 have stopped reminders or paused check-ins');
    const channels = cardText(
      broadcastPreviewCard(
        text,
        previewView({
          audience: 'channels',
          recipients: 2,
          unreachable: [{ reason: 'noChannel', count: 1 }],
          generalChannels: 2,
        }),
      ),
    );
    expect(channels).toContain('It will be posted in 2 channels.');
    expect(channels).toContain('1 unit cannot get it: 1 has no channel I can post in.');
    expect(channels).toContain('2 units have no summary channel, so their team’s General channel is used.');
  });

  it('for a scheduled one, says when, and explains a clock change', () => {
    const card = broadcastPreviewCard(
      text,
      previewView({
        schedule: { at: '28 March 2027 at 02:00 BST', asked: '01:30', note: 'skippedHour' },
        send: action(b.scheduleFor('28 March 2027 at 02:00'), 'broadcast.send'),
      }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain(
      'The clocks go forward that night, so 01:30 does not happen. It will go when they change, at 28 March 2027 at 02:00 BST.',
    );
    expect(buttonTitles(card as Card)).toEqual(['Schedule for 28 March 2027 at 02:00', b.change]);
    const plain = broadcastPreviewCard(
      text,
      previewView({ schedule: { at: '1 December 2026 at 09:00', asked: '09:00' } }),
    );
    expect(cardText(plain)).toContain('It will go on 1 December 2026 at 09:00.');
    expect(cardText(plain)).not.toContain('clocks');
  });

  it('with nobody to send to, says so and offers only "Change"', () => {
    const { send: _send, ...rest } = previewView({ recipients: 0 });
    const card = broadcastPreviewCard(text, rest);
    expect(cardText(card)).toContain('Nobody can get it at the moment.');
    expect(cardText(card)).toContain(b.nothingToSend);
    expect(cardText(card)).not.toContain('Sending should take');
    expect(buttonTitles(card as Card)).toEqual([b.change]);
  });

  it('stays under 25 KB with the longest message and button', () => {
    const reminder = broadcastReminderCard(
      text,
      reminderView({
        title: 'T'.repeat(80),
        message: 'Message text. '.repeat(72).slice(0, 1000),
        button: { title: 'B'.repeat(40), url: `https://www.nhs.uk/${'p'.repeat(1900)}` },
      }),
    );
    const card = broadcastPreviewCard(text, previewView({ reminder }));
    expect(cardProblems(card)).toEqual([]);
    expect(bytes(card)).toBeLessThan(25_000);
  });
});

describe('the report', () => {
  it('says what happened in words: delivered, blocked, not found, failed, cancelled, twice, Got it, read', () => {
    const card = broadcastReportCard(text, reportView());
    expect(cardProblems(card)).toEqual([]);
    const facts = Object.fromEntries(
      elements(card)
        .filter((node) => node['type'] === 'FactSet')
        .flatMap((node) => node['facts'] as { title: string; value: string }[])
        .map((fact) => [fact.title, fact.value]),
    );
    expect(facts).toMatchObject({
      [b.facts.to]: 'everyone',
      [b.counts.delivered]: '9',
      [b.counts.blocked]: '1',
      [b.counts.notFound]: '1',
      [b.counts.failed]: '1',
      [b.counts.cancelled]: '0',
      [b.counts.possiblyDuplicated]: '1',
    });
    expect(facts[b.counts.waiting]).toBeUndefined();
    const words = cardText(card);
    expect(words).toContain('Sent on 23 November 2026 at 10:00.');
    expect(words).toContain('2 selected Got it.');
    expect(words).toContain('At least 3 read it.');
    expect(words).toContain(b.readNote);
    expect(words).toContain('they blocked the app: 1');
    expect(words).toContain('Teams answered ServiceError: 1');
    expect(words).toContain('When it went, 2 people could not get it: 2 are guests.');
    expect(words).toContain(b.exportNote);
    const actions = card['actions'] as Record<string, unknown>[];
    expect(actions.map((action) => [action['type'], action['title'], action['url']])).toEqual([
      ['Action.Execute', b.refresh, undefined],
      ['Action.OpenUrl', b.downloadCsv, 'https://bot.example.nhs.uk/exports/a-token'],
    ]);
  });

  it('while it goes out, counts those waiting', () => {
    const audience: Audience = { kind: 'everyone' };
    const card = broadcastReportCard(
      text,
      reportView({
        broadcast: broadcast({ state: 'sending' }),
        report: report(audience, ['delivered', 'pending', 'pending', 'sending']),
      }),
    );
    expect(cardText(card)).toContain('Sending since 23 November 2026 at 10:00.');
    expect(cardText(card)).toContain(`${b.counts.waiting}\n3`);
  });

  it('for "not answered", shows counts only: no recipient id anywhere on the card', () => {
    const audience: Audience = { kind: 'notAnswered' };
    const card = broadcastReportCard(
      text,
      reportView({ broadcast: broadcast({ audience }), report: report(audience), exportable: false }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toMatch(/aad-recipient|someone-else/);
    expect(cardText(card)).toContain(b.countsOnly);
    expect(cardText(card)).not.toContain('export');
    expect(JSON.stringify(card)).not.toContain('Action.OpenUrl');
    expect(cardText(card)).toContain('2 selected Got it.');
  });

  it('for a scheduled one, says when it goes and shows no counts yet', () => {
    const card = broadcastReportCard(
      text,
      reportView({
        broadcast: broadcast({
          state: 'scheduled',
          scheduledFor: '2027-03-28T01:00:00.000Z',
          sentAt: undefined,
          counts: undefined,
        }),
        report: report({ kind: 'everyone' }, []),
        actions: [action(b.refresh, 'broadcast.progress'), action(b.cancel, 'broadcast.cancel')],
      }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain('Scheduled for 28 March 2027 at 02:00.');
    expect(cardText(card)).not.toContain(b.counts.delivered);
    expect(buttonTitles(card as Card)).toEqual([b.refresh, b.cancel]);
  });

  it('asks before cancelling', () => {
    const card = broadcastReportCard(
      text,
      reportView({
        broadcast: broadcast({ state: 'sending' }),
        question: b.confirmCancelSending,
        actions: [
          { ...action(b.cancelYes, 'broadcast.cancelConfirm'), style: 'destructive' },
          action(b.cancelNo, 'broadcast.progress'),
        ],
      }),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card).split('\n')[0]).toBe(b.confirmCancelSending);
    expect(buttonTitles(card as Card)).toEqual([b.cancelYes, b.cancelNo]);
  });
});

describe('the list', () => {
  it('shows each reminder with its state and who it went to, and a button to open its report', () => {
    const card = broadcastListCard(text, {
      items: [
        {
          broadcast: broadcast(),
          audience: 'everyone',
          senderName: 'Lee Jones',
          open: action(b.open, 'broadcast.progress'),
        },
      ],
      older: false,
      timeZone: 'Europe/London',
      actions: [action(b.older, 'broadcasts.page')],
    });
    expect(cardProblems(card)).toEqual([]);
    const words = cardText(card);
    expect(words).toContain('Sent on 23 November 2026 at 10:00.');
    expect(words).toContain('To: everyone');
    expect(words).toContain('Sent by Lee Jones');
    expect(elements(card).filter((node) => node['title'] === b.open)).toHaveLength(1);
  });

  it('says when there are none', () => {
    const card = broadcastListCard(text, { items: [], older: false, timeZone: 'Europe/London', actions: [] });
    expect(cardText(card)).toContain(b.none);
  });
});
