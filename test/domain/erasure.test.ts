// Erasure rules, record by record: who the person was goes, what they contributed stays under the pseudonym.
import { describe, expect, it } from '@jest/globals';
import {
  erasedConversation,
  erasedDelivery,
  erasedTeam,
  erasedUnit,
  erasedUnitCheckins,
  isErased,
  mentions,
  pseudonymOf,
  replaceId,
} from '../../src/domain/erasure.js';
import type { Delivery } from '../../src/domain/delivery.js';
import type { Unit } from '../../src/domain/units.js';
import {
  sampleConversation,
  sampleDelivery,
  sampleMeasureAnswer,
  samplePulse,
  sampleTeam,
  sampleUnit,
} from '../store/samples.js';

const ID = 'aad-sam';
const P = pseudonymOf('1f2e');

describe('finding and replacing an id', () => {
  it.each([
    ['aad-sam', true],
    ['person:aad-sam', true],
    ['ward-7:aad-sam:left:aad-manager', true],
    ['aad-sam2', false],
    ['x-aad-sam', false],
    ['aad-samuel', false],
    ['', false],
  ])('%p mentions the id: %p', (value, found) => {
    expect(mentions(value, ID)).toBe(found);
    expect(mentions({ [value]: 1 }, ID)).toBe(found);
    expect(mentions([{ deep: [value] }], ID)).toBe(found);
  });

  it('replaces it in strings, keys and arrays, and nowhere it is only part of a longer id', () => {
    const value = {
      owner: ID,
      id: `person:${ID}`,
      [ID]: 'ward-7',
      others: ['aad-sam2', ID],
      count: 3,
      flag: true,
      none: null,
    };
    expect(replaceId(value, ID, P)).toEqual({
      owner: P,
      id: `person:${P}`,
      [P]: 'ward-7',
      others: ['aad-sam2', P],
      count: 3,
      flag: true,
      none: null,
    });
  });

  it('treats characters that mean something in a pattern as plain text', () => {
    expect(replaceId({ a: 'a.b', b: 'axb' }, 'a.b', P)).toEqual({ a: P, b: 'axb' });
  });

  it('knows a pseudonym when it sees one', () => {
    expect(isErased(P)).toBe(true);
    expect(isErased(ID)).toBe(false);
  });
});

describe('a unit’s check-ins', () => {
  it('keeps the pulse under the pseudonym without its comment, and drops the copies of cards sent to them', () => {
    const { record, counts } = erasedUnitCheckins(
      {
        pulses: {
          [ID]: samplePulse({ aadObjectId: ID, comment: 'A patient partner joined us.' }),
          'aad-ada': samplePulse({ comment: 'Kept.' }),
        },
        measures: { m1: sampleMeasureAnswer({ measureId: 'm1', answeredBy: ID }) },
        copies: [
          { aadObjectId: ID, card: 'pulse', conversationId: 'a:sam', activityId: '1' },
          { aadObjectId: 'aad-ada', card: 'pulse', conversationId: 'a:ada', activityId: '2' },
        ],
      },
      ID,
      P,
    );
    expect(counts).toEqual({ pulses: 1, comments: 1, measureAnswers: 1, cardCopies: 1 });
    const { comment: _dropped, ...pulse } = samplePulse({ aadObjectId: P, comment: 'x' });
    expect(record!.pulses).toEqual({ [P]: pulse, 'aad-ada': samplePulse({ comment: 'Kept.' }) });
    expect(record!.measures['m1']!.answeredBy).toBe(P);
    expect(record!.copies.map((copy) => copy.aadObjectId)).toEqual(['aad-ada']);
  });

  it('changes nothing, and counts nothing, for someone else', () => {
    const checkins = { pulses: { 'aad-ada': samplePulse() }, measures: {}, copies: [] };
    expect(erasedUnitCheckins(checkins, ID, P)).toEqual({
      record: checkins,
      counts: { pulses: 0, comments: 0, measureAnswers: 0, cardCopies: 0 },
    });
  });

  it('finds nothing under an id every object inherits', () => {
    const checkins = { pulses: { 'aad-ada': samplePulse() }, measures: {}, copies: [] };
    expect(erasedUnitCheckins(checkins, 'constructor', P).record).toEqual(checkins);
    expect(erasedTeam(sampleTeam(), 'constructor', P).counts).toEqual({ teams: 0 });
  });
});

describe('core records', () => {
  it('removes the person’s own chat, and keeps a channel they installed the bot in', () => {
    expect(erasedConversation(sampleConversation({ aadObjectId: ID }), ID, P)).toEqual({
      record: undefined,
      counts: { conversations: 1 },
    });
    const channel = sampleConversation({ scope: 'channel', aadObjectId: undefined, installedBy: ID });
    expect(erasedConversation(channel, ID, P).record).toEqual({ ...channel, installedBy: P });
  });

  it('takes them out of a team, keeping who installed it as the pseudonym', () => {
    const team = sampleTeam({
      members: { [ID]: { addedAt: 'x' }, 'aad-ada': { addedAt: 'y' } },
      installedBy: ID,
    });
    const { record, counts } = erasedTeam(team, ID, P);
    expect(record!.members).toEqual({ 'aad-ada': { addedAt: 'y' } });
    expect(record!.installedBy).toBe(P);
    expect(counts).toEqual({ teams: 1 });
  });

  it.each([
    [
      'owner',
      { principles: ['p1'], owner: ID, deputy: 'aad-ada' },
      { principles: ['p1'], deputy: 'aad-ada' },
      1,
    ],
    [
      'deputy',
      { principles: ['p1'], owner: 'aad-ada', deputy: ID },
      { principles: ['p1'], owner: 'aad-ada' },
      1,
    ],
    ['neither', { principles: ['p1'], owner: 'aad-ada' }, { principles: ['p1'], owner: 'aad-ada' }, 0],
  ] as const)('leaves a unit whose %s they were with nobody in their place', (_role, setup, after, held) => {
    const unit = sampleUnit({ checkins: setup as unknown as Unit['checkins'], createdBy: ID });
    const { record, counts } = erasedUnit(unit, ID, P);
    expect(record!.checkins).toEqual(after);
    expect(record!.createdBy).toBe(P);
    expect(counts).toEqual({ unitSetups: held });
  });
});

describe('a delivery', () => {
  const toSam = (state: Delivery['state']) =>
    sampleDelivery(`person:${ID}`, '2026-11-23T09:00:00.000Z', {
      recipient: { kind: 'person', aadObjectId: ID },
      content: { card: 'ownerGone', data: { aadObjectId: ID } },
      state,
    });

  it.each([
    ['pending', 'cancelled'],
    ['sending', 'sending'],
    ['delivered', 'delivered'],
  ] as const)('to them, %s, becomes %s under the pseudonym', (state, after) => {
    const { record } = erasedDelivery(toSam(state), ID, P);
    expect(record).toMatchObject({
      id: `person:${P}`,
      state: after,
      recipient: { kind: 'person', aadObjectId: P },
      content: { data: { aadObjectId: P } },
    });
  });

  it('to someone else, about them, keeps going', () => {
    const about = sampleDelivery('d1', '2026-11-23T09:00:00.000Z', {
      content: { card: 'ownerGone', data: { aadObjectId: ID } },
    });
    const { record, counts } = erasedDelivery(about, ID, P);
    expect(record).toMatchObject({ state: 'pending', content: { data: { aadObjectId: P } } });
    expect(counts).toEqual({ deliveries: 1 });
  });
});
