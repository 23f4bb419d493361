import { describe, expect, it } from '@jest/globals';
import {
  applyTeamEvent,
  isPaused,
  isStaff,
  isTenantAllowed,
  withMembers,
  type Team,
  type TeamEvent,
} from '../../src/domain/roster.js';

const team: Team = {
  id: '19:t',
  name: 'Ward 7',
  tenantId: 't1',
  serviceUrl: 'https://smba.example.test/',
  state: 'active',
  channels: [{ id: '19:t', name: 'General', state: 'active' }],
  members: {},
  installed: true,
};

describe('applyTeamEvent', () => {
  const cases: [string, TeamEvent, Partial<Team>][] = [
    ['renamed', { kind: 'teamRenamed', name: 'Ward 7 (Respiratory)' }, { name: 'Ward 7 (Respiratory)' }],
    ['archived', { kind: 'teamArchived' }, { state: 'archived' }],
    ['deleted', { kind: 'teamDeleted' }, { state: 'deleted' }],
    ['restored', { kind: 'teamRestored' }, { state: 'active' }],
    [
      'channel created',
      { kind: 'channelCreated', channel: { id: '19:c', name: 'Handover' } },
      { channels: [team.channels[0]!, { id: '19:c', name: 'Handover', state: 'active' }] },
    ],
    [
      'channel deleted',
      { kind: 'channelDeleted', channel: { id: '19:t' } },
      { channels: [{ id: '19:t', name: 'General', state: 'deleted' }] },
    ],
    [
      'channel archived',
      { kind: 'channelArchived', channel: { id: '19:t' } },
      { channels: [{ id: '19:t', name: 'General', state: 'archived' }] },
    ],
    [
      'channel renamed',
      { kind: 'channelRenamed', channel: { id: '19:t', name: 'Main' } },
      { channels: [{ id: '19:t', name: 'Main', state: 'active' }] },
    ],
  ];
  it.each(cases)('%s', (_name, event, expected) => {
    expect(applyTeamEvent(team, event)).toEqual({ ...team, ...expected });
  });
});

describe('withMembers', () => {
  it('marks leavers with the time they left and lets them rejoin', () => {
    const joined = withMembers(team, ['a', 'b'], [], '2026-11-01T00:00:00Z');
    const left = withMembers(joined, [], ['a'], '2026-11-02T00:00:00Z');
    expect(left.members).toEqual({
      a: { addedAt: '2026-11-01T00:00:00Z', removedAt: '2026-11-02T00:00:00Z' },
      b: { addedAt: '2026-11-01T00:00:00Z' },
    });
    expect(withMembers(left, ['a'], [], '2026-11-03T00:00:00Z').members.a).toEqual({
      addedAt: '2026-11-03T00:00:00Z',
    });
  });
});

describe('who counts as staff', () => {
  it.each([
    [{ guest: false, tenantId: 't1' }, ['t1'], true],
    [{ guest: true, tenantId: 't1' }, ['t1'], false],
    [{ guest: false, tenantId: 't2' }, ['t1'], false],
    [{ guest: false, tenantId: 't2' }, [], true],
  ])('%p with allowed %p → %p', (person, allowed, expected) => {
    expect(isStaff(person, allowed)).toBe(expected);
  });

  it('an activity with no tenant is allowed only when any tenant is', () => {
    expect(isTenantAllowed(undefined, ['t1'])).toBe(false);
    expect(isTenantAllowed(undefined, [])).toBe(true);
  });
});

describe('isPaused', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it.each([
    [{ stopped: true }, true],
    [{ stopped: false, pausedUntil: '2026-11-24T00:00:00Z' }, true],
    [{ stopped: false, pausedUntil: '2026-11-23T09:59:59Z' }, false],
    [{ stopped: false }, false],
  ])('%p → %p', (preference, expected) => expect(isPaused(preference, now)).toBe(expected));
});
