// Small valid entities for store tests. Each factory takes overrides so a test states only what it cares about.
import type { Action } from '../../src/domain/actions.js';
import type { AuditEntry } from '../../src/domain/audit.js';
import type { Broadcast } from '../../src/domain/broadcasts.js';
import type { Cycle, MeasureRecord, PulseRecord } from '../../src/domain/checkins.js';
import type { Delivery } from '../../src/domain/delivery.js';
import type { ConversationRef, Person, Team } from '../../src/domain/roster.js';
import type { Unit } from '../../src/domain/units.js';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';

export function samplePerson(overrides: Partial<Person> = {}): Person {
  return {
    aadObjectId: 'aad-ada',
    teamsUserId: '29:ada',
    name: 'Ada Lovelace',
    tenantId: TENANT,
    guest: false,
    checkins: { stopped: false },
    firstSeenAt: '2025-03-03T09:00:00.000Z',
    ...overrides,
  };
}

export function sampleConversation(overrides: Partial<ConversationRef> = {}): ConversationRef {
  return {
    conversationId: 'a:personal-ada',
    scope: 'personal',
    serviceUrl: SERVICE_URL,
    tenantId: TENANT,
    botId: '28:bot',
    aadObjectId: 'aad-ada',
    installed: true,
    installedAt: '2025-03-03T09:00:00.000Z',
    ...overrides,
  };
}

export function sampleTeam(overrides: Partial<Team> = {}): Team {
  return {
    id: '19:ward-7@thread.tacv2',
    name: 'Ward 7',
    aadGroupId: '22222222-2222-4222-8222-222222222222',
    tenantId: TENANT,
    serviceUrl: SERVICE_URL,
    state: 'active',
    channels: [{ id: '19:ward-7@thread.tacv2', name: 'General', state: 'active' }],
    members: { 'aad-ada': { addedAt: '2025-03-03T09:00:00.000Z' } },
    installed: true,
    installedBy: 'aad-ada',
    installedAt: '2025-03-03T09:00:00.000Z',
    ...overrides,
  };
}

export function sampleUnit(overrides: Partial<Unit> = {}): Unit {
  return {
    id: '19:ward-7@thread.tacv2',
    name: 'Ward 7',
    level: 'unit',
    parentId: 'org-northshire',
    teamId: '19:ward-7@thread.tacv2',
    tracked: true,
    createdAt: '2025-03-03T09:00:00.000Z',
    createdBy: 'aad-ada',
    ...overrides,
  };
}

/** An audit entry at `at` (UTC, toISOString() form) with id `id`. */
export function sampleAudit(id: string, at: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at,
    actor: 'aad-ada',
    action: 'unit.track',
    targets: ['19:ward-7@thread.tacv2'],
    outcome: 'done',
    ...overrides,
  };
}

/** A pending delivery to a person, due at `notBefore`, in batch "broadcast-1" unless overridden. */
export function sampleDelivery(id: string, notBefore: string, overrides: Partial<Delivery> = {}): Delivery {
  return {
    id,
    batchId: 'broadcast-1',
    kind: 'broadcast',
    recipient: { kind: 'person', aadObjectId: `aad-${id}` },
    content: { card: 'message', data: { messageId: 'm1' } },
    respectsQuietHours: true,
    notBefore,
    attempts: 0,
    state: 'pending',
    possiblyDuplicated: false,
    createdAt: '2025-03-03T08:00:00.000Z',
    updatedAt: '2025-03-03T08:00:00.000Z',
    ...overrides,
  };
}

export function sampleCycle(overrides: Partial<Cycle> = {}): Cycle {
  return {
    id: '2026-W48',
    openingDay: '2026-11-23',
    opensAt: '2026-11-23T09:00:00.000Z',
    nudgeAt: '2026-11-25T12:00:00.000Z',
    closesAt: '2026-11-29T23:59:00.000Z',
    openedBy: 'schedule',
    expected: { 'aad-ada': '19:ward-7@thread.tacv2' },
    measures: { '19:ward-7@thread.tacv2': { owners: ['aad-grace'], measureIds: ['p1-papers-parity'] } },
    ...overrides,
  };
}

export function samplePulse(overrides: Partial<PulseRecord> = {}): PulseRecord {
  return {
    aadObjectId: 'aad-ada',
    unitId: '19:ward-7@thread.tacv2',
    choices: { p1: 'yes', p2: 'no', p3: 'notApplicable', p4: 'yes', p5: 'yes', p6: 'no' },
    version: 1,
    answeredAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

export function sampleMeasureAnswer(overrides: Partial<MeasureRecord> = {}): MeasureRecord {
  return {
    measureId: 'p1-partner-seats',
    unitId: '19:ward-7@thread.tacv2',
    cycleId: '2026-W48',
    openingDay: '2026-11-23',
    value: { scale: 'percent', numerator: 3, denominator: 5 },
    answeredBy: 'aad-grace',
    answeredAt: '2026-11-23T11:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** A patient input action logged for Ward 7 in November 2026 (id '2026-11-a1'). */
export function sampleAction(overrides: Partial<Action> = {}): Action {
  return {
    id: '2026-11-a1',
    unitId: '19:ward-7@thread.tacv2',
    owner: 'aad-ada',
    type: 'focus-group',
    title: 'Discharge letters focus group',
    date: '2026-11-18',
    principles: ['p1', 'p3'],
    participants: { patients: 6, carers: 2, public: 0 },
    depth: 'involve',
    whatWeHeard: 'Letters arrive after the follow-up appointment.',
    shareable: false,
    noPatientConfirmed: true,
    version: 1,
    createdAt: '2026-11-18T14:00:00.000Z',
    updatedAt: '2026-11-18T14:00:00.000Z',
    ...overrides,
  };
}

/** A reminder sent to everyone by a partnership lead on 23 November 2026 (id 'b1'). */
export function sampleBroadcast(overrides: Partial<Broadcast> = {}): Broadcast {
  return {
    title: 'Pulse closes on Sunday',
    message: 'One minute, six questions.',
    button: { title: 'Read more', url: 'https://nhs.example.net/pulse' },
    audience: { kind: 'everyone' },
    id: 'b1',
    sender: 'aad-ada',
    senderRole: 'lead',
    state: 'sending',
    createdAt: '2026-11-23T09:00:00.000Z',
    sentAt: '2026-11-23T09:00:01.000Z',
    counts: { recipients: 3, unreachable: [{ reason: 'guest', count: 1 }] },
    ...overrides,
  };
}
