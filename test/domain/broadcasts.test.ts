import { describe, expect, it } from '@jest/globals';
import {
  Broadcast,
  csvOf,
  estimateDuration,
  readDraft,
  readSchedule,
  refusedFor,
  reportOf,
  type Audience,
} from '../../src/domain/broadcasts.js';
import type { Delivery, DeliveryState, Recipient } from '../../src/domain/delivery.js';
import type { Roles } from '../../src/domain/permissions.js';
import type { QuietHours } from '../../src/domain/quiet-hours.js';

const london = 'Europe/London';
const workDays: QuietHours = { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' };

const filled = {
  title: '  Pulse closes on Sunday ',
  message: 'Please answer this week’s check-in: one minute, six questions.',
  buttonTitle: 'Read the guidance',
  buttonUrl: 'https://nhs.example.net/guidance',
  audience: 'units',
  unitIds: 'ward7, ward9,ward7',
};

describe('reading the compose card', () => {
  it('reads a filled card into a draft: trimmed, units once each, the button kept', () => {
    expect(readDraft(filled)).toEqual({
      ok: true,
      draft: {
        title: 'Pulse closes on Sunday',
        message: filled.message,
        button: { title: 'Read the guidance', url: 'https://nhs.example.net/guidance' },
        audience: { kind: 'units', unitIds: ['ward7', 'ward9'] },
      },
    });
  });

  it.each([
    ['everyone', { kind: 'everyone' }],
    ['notAnswered', { kind: 'notAnswered' }],
    ['managers', { kind: 'managers' }],
    ['channels', { kind: 'channels', unitIds: ['ward7', 'ward9'] }],
  ])('reads the %s audience, ignoring unit ids it does not use', (audience, expected) => {
    const read = readDraft({ ...filled, audience, buttonTitle: '', buttonUrl: ' ' });
    expect(read).toEqual({ ok: true, draft: expect.objectContaining({ audience: expected }) });
    expect(read.ok && 'button' in read.draft).toBe(false);
  });

  it.each([
    ['no title', { title: ' ' }, [{ field: 'title', problem: 'required' }]],
    ['no message', { message: undefined }, [{ field: 'message', problem: 'required' }]],
    ['a title of 81 characters', { title: 'a'.repeat(81) }, [{ field: 'title', problem: 'tooLong' }]],
    ['a message of 1,001', { message: 'a'.repeat(1_001) }, [{ field: 'message', problem: 'tooLong' }]],
    ['a button title of 41', { buttonTitle: 'a'.repeat(41) }, [{ field: 'buttonTitle', problem: 'tooLong' }]],
    ['an http link', { buttonUrl: 'http://nhs.example.net' }, [{ field: 'buttonUrl', problem: 'notHttps' }]],
    ['a script link', { buttonUrl: 'javascript:alert(1)' }, [{ field: 'buttonUrl', problem: 'notHttps' }]],
    [
      'a link with a password',
      { buttonUrl: 'https://me:pw@nhs.example.net/' },
      [{ field: 'buttonUrl', problem: 'notHttps' }],
    ],
    ['a link to no host', { buttonUrl: 'https://intranet/' }, [{ field: 'buttonUrl', problem: 'notHttps' }]],
    ['a button title without a link', { buttonUrl: '' }, [{ field: 'buttonUrl', problem: 'required' }]],
    ['a link without a button title', { buttonTitle: '' }, [{ field: 'buttonTitle', problem: 'required' }]],
    ['no audience', { audience: '' }, [{ field: 'audience', problem: 'required' }]],
    ['an unknown audience', { audience: 'all' }, [{ field: 'audience', problem: 'invalidChoice' }]],
    ['units but none chosen', { unitIds: ' , ' }, [{ field: 'unitIds', problem: 'required' }]],
    [
      'channels but none chosen',
      { audience: 'channels', unitIds: undefined },
      [{ field: 'unitIds', problem: 'required' }],
    ],
  ])('refuses %s, naming the input', (_case, change, problems) => {
    expect(readDraft({ ...filled, ...change })).toEqual({ ok: false, problems });
  });

  it.each([
    [
      'an NHS number in the message',
      { message: 'About 943 476 5919, please call' },
      'message',
      ['nhsNumber'],
    ],
    ['an email in the title', { title: 'Ask jo.bloggs@nhs.net' }, 'title', ['email']],
    ['a postcode on the button', { buttonTitle: 'Visit LS7 4SA' }, 'buttonTitle', ['postcode']],
  ])('blocks %s, naming the box and the rule but never the text', (_case, change, field, rules) => {
    const read = readDraft({ ...filled, ...change, confirmWarnings: 'true' });
    expect(read).toEqual({ ok: false, problems: [{ field, problem: 'patientData', rules }] });
    for (const text of Object.values(change)) expect(JSON.stringify(read)).not.toContain(text);
  });

  it('asks to confirm what the guard warns about, and takes the confirmation', () => {
    const warned = { ...filled, message: 'Thanks to Mrs Smith for her story at Board.' };
    expect(readDraft(warned)).toEqual({
      ok: false,
      problems: [{ field: 'message', problem: 'confirmPatientData', rules: ['titleAndName'] }],
    });
    expect(readDraft({ ...warned, confirmWarnings: true }).ok).toBe(true);
    expect(readDraft({ ...warned, confirmWarnings: 'false' }).ok).toBe(false);
  });
});

describe('who may send to which audience', () => {
  const lead: Roles = { admin: false, lead: true, managerOf: [] };
  const admin: Roles = { admin: true, lead: false, managerOf: [] };
  const manager: Roles = { admin: false, lead: false, managerOf: ['ward7', 'ward9'] };
  const staff: Roles = { admin: false, lead: false, managerOf: [] };
  const units = (...unitIds: string[]): Audience => ({ kind: 'units', unitIds });
  it.each([
    ['a lead, everyone', lead, { kind: 'everyone' }, undefined],
    ['an admin, channels', admin, { kind: 'channels', unitIds: ['x'] }, undefined],
    ['a manager, own units', manager, units('ward7', 'ward9'), undefined],
    ['a manager, another unit too', manager, units('ward7', 'ward12'), 'nudgeUnit'],
    ['a manager, own units’ channels', manager, { kind: 'channels', unitIds: ['ward7'] }, 'broadcast'],
    ['a manager, everyone', manager, { kind: 'everyone' }, 'broadcast'],
    ['a manager, not answered', manager, { kind: 'notAnswered' }, 'broadcast'],
    ['a manager, managers', manager, { kind: 'managers' }, 'broadcast'],
    ['staff, a unit', staff, units('ward7'), 'nudgeUnit'],
    ['staff, everyone', staff, { kind: 'everyone' }, 'broadcast'],
  ] as [string, Roles, Audience, string | undefined][])('%s → %s', (_case, roles, audience, refused) => {
    expect(refusedFor(roles, audience)).toBe(refused);
  });
});

describe('a broadcast record', () => {
  const base = {
    id: 'b1',
    sender: 'lead',
    senderRole: 'lead',
    title: 'T',
    message: 'M',
    audience: { kind: 'everyone' },
    state: 'scheduled',
    scheduledFor: '2026-12-01T09:00:00.000Z',
    createdAt: '2026-11-30T09:00:00.000Z',
  };
  it('needs the time a scheduled one goes, and an https button link', () => {
    expect(Broadcast.safeParse(base).success).toBe(true);
    expect(Broadcast.safeParse({ ...base, scheduledFor: undefined }).success).toBe(false);
    expect(
      Broadcast.safeParse({ ...base, button: { title: 'Go', url: 'http://x.example.net' } }).success,
    ).toBe(false);
    expect(Broadcast.safeParse({ ...base, message: 'a'.repeat(1_001) }).success).toBe(false);
  });
});

// London: BST starts at 01:00 UTC on Sunday 28 March 2027 (01:00-02:00 local does not exist) and ends at
// 01:00 UTC on Sunday 25 October 2026 (01:00-02:00 local happens twice).
describe('scheduling in the organisation’s zone', () => {
  const now = new Date('2026-10-20T12:00:00Z');
  it.each([
    ['a winter morning', '2026-11-24', '09:00', '2026-11-24T09:00:00.000Z', undefined],
    ['a summer morning', '2026-10-24', '09:00', '2026-10-24T08:00:00.000Z', undefined],
    ['before the spring gap', '2027-03-28', '00:30', '2027-03-28T00:30:00.000Z', undefined],
    [
      'in the spring gap: when the clocks jump',
      '2027-03-28',
      '01:30',
      '2027-03-28T01:00:00.000Z',
      'skippedHour',
    ],
    ['after the spring gap', '2027-03-28', '10:00', '2027-03-28T09:00:00.000Z', undefined],
    ['before the repeated hour', '2026-10-25', '00:30', '2026-10-24T23:30:00.000Z', undefined],
    [
      'in the repeated hour: its first time',
      '2026-10-25',
      '01:30',
      '2026-10-25T00:30:00.000Z',
      'repeatedHour',
    ],
    ['after the repeated hour', '2026-10-25', '02:00', '2026-10-25T02:00:00.000Z', undefined],
    ['the Monday after', '2026-10-26', '09:00', '2026-10-26T09:00:00.000Z', undefined],
  ])('%s: %s %s → %s', (_case, date, time, at, note) => {
    const read = readSchedule({ date, time }, now, london);
    expect(read).toEqual({ ok: true, at: new Date(at), ...(note ? { note } : {}) });
  });

  it('works in other zones: New York’s spring gap', () => {
    const read = readSchedule({ date: '2027-03-14', time: '02:30' }, now, 'America/New_York');
    expect(read).toEqual({ ok: true, at: new Date('2027-03-14T07:00:00Z'), note: 'skippedHour' });
  });

  it.each([
    ['no date', { time: '09:00' }, [{ field: 'date', problem: 'required' }]],
    ['no time', { date: '2026-11-24', time: '' }, [{ field: 'time', problem: 'required' }]],
    ['a date that is not', { date: '2026-02-30', time: '09:00' }, [{ field: 'date', problem: 'notADate' }]],
    ['a time that is not', { date: '2026-11-24', time: '25:00' }, [{ field: 'time', problem: 'notATime' }]],
    ['a minute ago', { date: '2026-10-20', time: '13:59' }, [{ field: 'time', problem: 'inPast' }]],
    [
      'more than a year ahead',
      { date: '2027-10-22', time: '09:00' },
      [{ field: 'date', problem: 'tooFarAhead' }],
    ],
  ])('refuses %s', (_case, inputs, problems) => {
    expect(readSchedule(inputs, new Date('2026-10-20T13:00:30Z'), london)).toEqual({ ok: false, problems });
  });

  it('takes the current minute, which the next minute’s run sends', () => {
    const read = readSchedule(
      { date: '2026-10-20', time: '14:00' },
      new Date('2026-10-20T13:00:30Z'),
      london,
    );
    expect(read).toEqual({ ok: true, at: new Date('2026-10-20T13:00:00Z') });
  });
});

const people = (count: number, prefix = 'p'): Recipient[] =>
  Array.from({ length: count }, (_, i) => ({ kind: 'person', aadObjectId: `${prefix}${i}` }));
const channels = (count: number): Recipient[] =>
  Array.from({ length: count }, (_, i) => ({ kind: 'conversation', conversationId: `19:c${i}` }));
const chatsOf = (recipients: Recipient[]) =>
  new Set(recipients.flatMap((r) => (r.kind === 'person' ? [r.aadObjectId] : [])));

describe('estimating how long delivery takes', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  const known = people(10_000);
  it.each([
    ['nobody', [], new Set<string>(), 30, 0, 0],
    ['30 people with chats at 30/s: one round', people(30), chatsOf(people(30)), 30, 30, 0],
    ['31 people: a second round', people(31), chatsOf(people(31)), 30, 31, 1.02],
    ['10,000 with chats at 500/s', known, chatsOf(known), 500, 10_000, 19.38],
    ['10,000 first contacts at 500/s: create + send', known, new Set<string>(), 500, 20_000, 39.78],
    [
      '3 channels, 2 chats and 5 first contacts at 4/s',
      [...channels(3), ...people(2, 'k'), ...people(5, 'n')],
      chatsOf(people(2, 'k')),
      4,
      15,
      3.06,
    ],
  ])('%s', (_case, recipients, existingChats, rate, requests, seconds) => {
    const estimate = estimateDuration(recipients, rate, { existingChats, now, timeZone: london });
    expect(estimate.requests).toBe(requests);
    expect(estimate.seconds).toBeCloseTo(seconds, 6);
    expect(estimate.waitingSeconds).toBeCloseTo(0, 6);
  });

  it('counts how long Teams takes to answer in each round when told', () => {
    const estimate = estimateDuration(people(60), 30, {
      existingChats: chatsOf(people(60)),
      now,
      timeZone: london,
      answerMs: 200,
    });
    expect(estimate.seconds).toBeCloseTo(1.22 + 0.2, 6);
  });

  it.each([
    ['inside the window: no wait', '2026-11-24T10:00:00Z', 31, 1.02],
    ['on Saturday: waits for Monday 08:00', '2026-11-28T12:00:00Z', 31, 44 * 3600 + 1.02],
    ['into BST: Friday 18:00 GMT waits for Monday 08:00 BST', '2027-03-26T18:00:00Z', 31, 61 * 3600 + 1.02],
    ['out of BST: Friday 18:00 BST waits for Monday 08:00 GMT', '2026-10-23T17:00:00Z', 31, 63 * 3600 + 1.02],
  ])('quiet hours %s', (_case, start, count, seconds) => {
    const recipients = people(count);
    const estimate = estimateDuration(recipients, 30, {
      existingChats: chatsOf(recipients),
      quietHours: workDays,
      now: new Date(start),
      timeZone: london,
    });
    expect(estimate.seconds).toBeCloseTo(seconds, 6);
    expect(estimate.sendingSeconds).toBeCloseTo(1.02, 6);
  });

  it('stops at the window’s close and goes on when the next opens', () => {
    // 2,000 requests at 10/s: 199 rounds after the first, 202.98 s of sending, 30 s before Friday 18:00.
    const recipients = people(2_000);
    const estimate = estimateDuration(recipients, 10, {
      existingChats: chatsOf(recipients),
      quietHours: workDays,
      now: new Date('2026-11-27T17:59:30Z'),
      timeZone: london,
    });
    expect(estimate.sendingSeconds).toBeCloseTo(202.98, 6);
    expect(estimate.waitingSeconds).toBeCloseTo(62 * 3600, 6);
    expect(estimate.seconds).toBeCloseTo(62 * 3600 + 202.98, 6);
  });

  it('refuses a send rate below one a second', () => {
    expect(() => estimateDuration(people(1), 0, { existingChats: new Set(), now, timeZone: london })).toThrow(
      /send rate/,
    );
  });
});

let sequence = 0;
function delivery(recipient: Recipient, state: DeliveryState, fields: Partial<Delivery> = {}): Delivery {
  return {
    id: `d${++sequence}`,
    batchId: 'broadcast:b1',
    kind: 'broadcast',
    recipient,
    content: { card: 'broadcast', data: { broadcastId: 'b1' } },
    respectsQuietHours: true,
    notBefore: '2026-11-24T10:00:00.000Z',
    attempts: 1,
    state,
    possiblyDuplicated: false,
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    ...fields,
  };
}
const person = (aadObjectId: string): Recipient => ({ kind: 'person', aadObjectId });

const mixed = [
  delivery(person('ada'), 'delivered', { activityId: '1', possiblyDuplicated: true }),
  delivery(person('bo'), 'delivered'),
  delivery(person('cy'), 'blocked', { failure: { status: 403, code: 'MessageWritesBlocked' } }),
  delivery(person('di'), 'notFound', { failure: { status: 404, code: 'NoConversation' } }),
  delivery(person('ed'), 'failed', { failure: { status: 502 } }),
  delivery(person('fay'), 'cancelled'),
  delivery(person('gus'), 'pending'),
  delivery(person('hal'), 'sending'),
];
const responses = { acknowledgedBy: ['ada', 'bo', 'outsider'], readBy: ['ada', 'bo', 'cy', 'outsider'] };

describe('the delivery report', () => {
  it('counts every state, the failure codes, duplicates, and acknowledgements and reads from recipients only', () => {
    const report = reportOf(mixed, { kind: 'everyone' }, responses);
    expect(report).toMatchObject({
      total: 8,
      delivered: 2,
      blocked: 1,
      notFound: 1,
      tooLarge: 0,
      failed: 1,
      cancelled: 1,
      pending: 1,
      sending: 1,
      possiblyDuplicated: 1,
      failures: { MessageWritesBlocked: 1, NoConversation: 1, '502': 1 },
      acknowledged: 2,
      readAtLeast: 3,
      done: false,
      countsOnly: false,
    });
    expect(report.rows?.map((row) => [row.recipientId, row.state, row.code, row.acknowledged])).toEqual([
      ['ada', 'delivered', undefined, true],
      ['bo', 'delivered', undefined, true],
      ['cy', 'blocked', 'MessageWritesBlocked', false],
      ['di', 'notFound', 'NoConversation', false],
      ['ed', 'failed', '502', false],
      ['fay', 'cancelled', undefined, false],
      ['gus', 'pending', undefined, false],
      ['hal', 'sending', undefined, false],
    ]);
  });

  it('gives counts only for a "not answered" audience: no row, no id anywhere', () => {
    const tagged = mixed.map((d) => ({
      ...d,
      recipient: person(`aad-${(d.recipient as { aadObjectId: string }).aadObjectId}`),
    }));
    const report = reportOf(
      tagged,
      { kind: 'notAnswered' },
      {
        acknowledgedBy: responses.acknowledgedBy.map((id) => `aad-${id}`),
        readBy: responses.readBy.map((id) => `aad-${id}`),
      },
    );
    expect(report).toMatchObject({ countsOnly: true, delivered: 2, acknowledged: 2, readAtLeast: 3 });
    expect(report.rows).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain('aad-');
  });

  it('counts everyone who acknowledged a channel post once, since readers are not recipients', () => {
    const posted = [delivery({ kind: 'conversation', conversationId: '19:general' }, 'delivered')];
    const report = reportOf(
      posted,
      { kind: 'channels', unitIds: ['ward7'] },
      {
        acknowledgedBy: ['ada', 'bo'],
        readBy: [],
      },
    );
    expect(report).toMatchObject({ acknowledged: 2, done: true });
    expect(report.rows).toEqual([
      {
        recipientKind: 'conversation',
        recipientId: '19:general',
        state: 'delivered',
        possiblyDuplicated: false,
        acknowledged: false,
      },
    ]);
  });

  it('exports ids and states as CSV, quoting what needs it and disarming formulas', () => {
    const rows = reportOf(
      [
        delivery(person('ada'), 'delivered'),
        delivery({ kind: 'conversation', conversationId: '=cmd,"x"' }, 'blocked', {
          failure: { status: 403 },
        }),
      ],
      { kind: 'everyone' },
      { acknowledgedBy: ['ada'], readBy: [] },
    ).rows!;
    expect(csvOf(rows)).toBe(
      'recipient_type,recipient_id,state,failure_code,possibly_duplicated,acknowledged\r\n' +
        'conversation,"\'=cmd,""x""",blocked,403,false,false\r\n' +
        'person,ada,delivered,,false,true\r\n',
    );
  });
});
