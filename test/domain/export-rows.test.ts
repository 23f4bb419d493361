// Who may export what, and each export's rows with the information-governance rules applied: pulse results
// only as the digests show them, small counts as "fewer than 8", action texts only when marked OK to share.
import { describe, expect, it } from '@jest/globals';
import type { Action } from '../../src/domain/actions.js';
import type { MeasureValue } from '../../src/domain/answers.js';
import type { Broadcast, BroadcastReport } from '../../src/domain/broadcasts.js';
import type { PrincipleId } from '../../src/domain/catalogue.js';
import { buildDigest, type DigestInput } from '../../src/domain/digest.js';
import { exportKindsFor, exportRefusal } from '../../src/domain/export-kinds.js';
import {
  actionRecord,
  actionRecords,
  auditRecord,
  broadcastRecord,
  resultRecords,
  type ResultRecord,
} from '../../src/domain/export-rows.js';
import { buildOrganisationDigest, type OrganisationUnit } from '../../src/domain/organisation-digest.js';
import type { Roles } from '../../src/domain/permissions.js';
import { tallyPulses, type PulseLike } from '../../src/domain/suppression.js';

const STAFF: Roles = { admin: false, lead: false, managerOf: [] };
const MANAGER: Roles = { admin: false, lead: false, managerOf: ['ward-7'] };
const LEAD: Roles = { admin: false, lead: true, managerOf: [] };
const ADMIN: Roles = { admin: true, lead: false, managerOf: [] };

describe('who may export what', () => {
  it('offers managers their units’ results, actions and their reminders; leads the board pack too; admins the audit log', () => {
    expect(exportKindsFor(STAFF)).toEqual([]);
    expect(exportKindsFor(MANAGER)).toEqual(['results', 'actions', 'broadcasts']);
    expect(exportKindsFor(LEAD)).toEqual(['results', 'actions', 'broadcasts', 'boardPack']);
    expect(exportKindsFor(ADMIN)).toEqual(['results', 'actions', 'broadcasts', 'audit', 'boardPack']);
  });

  it('limits managers to the units they manage, a made-up id included', () => {
    expect(exportRefusal(MANAGER, 'results', ['ward-7'])).toBeUndefined();
    expect(exportRefusal(MANAGER, 'actions', [])).toBeUndefined();
    expect(exportRefusal(MANAGER, 'results', ['ward-7', 'ward-9'])).toEqual({
      kind: 'exportUnit',
      unitId: 'ward-9',
    });
    expect(exportRefusal(MANAGER, 'actions', ['../../etc'])).toEqual({
      kind: 'exportUnit',
      unitId: '../../etc',
    });
    expect(exportRefusal(LEAD, 'results', ['ward-9'])).toBeUndefined();
  });

  it('keeps the audit log to admins and the board pack to leads and admins', () => {
    expect(exportRefusal(LEAD, 'audit', [])).toEqual({ kind: 'seeAudit' });
    expect(exportRefusal(MANAGER, 'audit', [])).toEqual({ kind: 'seeAudit' });
    expect(exportRefusal(ADMIN, 'audit', [])).toBeUndefined();
    expect(exportRefusal(MANAGER, 'boardPack', ['ward-7'])).toEqual({ kind: 'boardPack' });
    expect(exportRefusal(LEAD, 'boardPack', [])).toBeUndefined();
    expect(exportRefusal(STAFF, 'results', [])).toEqual({ kind: 'exportUnit' });
    expect(exportRefusal(STAFF, 'broadcasts', [])).toEqual({ kind: 'exportUnit' });
  });
});

// Cycle 2026-W48 opens on Monday 23 November 2026.
const cycle = { id: '2026-W48', openingDay: '2026-11-23' };
const week = { unitId: 'ward-7', cycleId: cycle.id, openingDay: cycle.openingDay, preview: false };
const pulses = (yes: number, no = 0, principle: PrincipleId = 'p1'): PulseLike[] => [
  ...Array.from({ length: yes }, () => ({ choices: { [principle]: 'yes' as const } })),
  ...Array.from({ length: no }, () => ({ choices: { [principle]: 'no' as const } })),
];
const maturity: MeasureValue = { scale: 'maturity', level: 'planning' };

function digest(overrides: Partial<DigestInput> = {}) {
  return buildDigest({
    cycle,
    audience: 'channel',
    k: 5,
    principles: ['p1', 'p2'],
    expected: 9,
    pulses: [],
    pulseHistory: [],
    measures: [],
    actions: [],
    ...overrides,
  });
}

const pulseRow = (records: ResultRecord[], principle: PrincipleId) =>
  records.find((record) => record.section === 'pulse' && record.principle === principle);

describe('results rows', () => {
  it('show no number at all for a unit with 4 answers when k is 5', () => {
    const records = resultRecords(week, digest({ pulses: pulses(3, 1) }));
    expect(pulseRow(records, 'p1')).toEqual({
      ...week,
      section: 'pulse',
      principle: 'p1',
      pulse: { shown: false, reason: 'tooFew' },
      trend: 'notEnoughData',
      leftOut: false,
    });
    expect(JSON.stringify(records.filter((r) => r.section === 'pulse'))).not.toMatch(
      /"(yes|no|applied|percent)"/,
    );
    // The response rate is shown whatever k is, as the digests show it: it says nothing of anyone's answers.
    expect(records[0]).toEqual({ ...week, section: 'responses', answered: 4, expected: 9, percent: 44 });
  });

  it('show yes, no, how many it applied to and the share once k people answered yes or no', () => {
    const records = resultRecords(week, digest({ pulses: pulses(4, 1) }));
    expect(pulseRow(records, 'p1')).toMatchObject({
      pulse: { shown: true, applied: 5, yes: 4, no: 1, percent: 80 },
    });
  });

  it('hide a principle that applied to fewer than k, even when k or more answered the pulse', () => {
    const many = [...pulses(3, 0, 'p2'), { choices: { p2: 'notApplicable' as const } }, ...pulses(2)];
    const records = resultRecords(week, digest({ pulses: many }));
    expect(pulseRow(records, 'p2')).toMatchObject({ pulse: { shown: false, reason: 'tooFewApplied' } });
  });

  it('carry each measure’s status and trend on the unit’s principles, as the digest judged them', () => {
    const records = resultRecords(
      week,
      digest({
        measures: [
          {
            measure: {
              id: 'p1-board-seats',
              principle: 'p1',
              scale: 'maturity',
              cadence: 'monthly',
              computed: false,
            },
            latest: { value: maturity, openingDay: '2026-11-02' },
          },
        ],
      }),
    );
    const measures = records.filter((record) => record.section === 'measure');
    expect(measures).toEqual([
      {
        ...week,
        section: 'measure',
        principle: 'p1',
        measureId: 'p1-board-seats',
        status: { status: 'amber', value: maturity },
        trend: 'notEnoughData',
      },
    ]);
  });

  it('use the organisation digest’s pooling: small units join only when together they reach k', () => {
    const organisation: OrganisationUnit = {
      unitId: 'org',
      name: 'Trust',
      level: 'organisation',
      expected: 0,
    };
    const ward = (unitId: string, expected: number): OrganisationUnit => ({
      unitId,
      name: unitId,
      level: 'unit',
      parentId: 'org',
      expected,
    });
    const build = (small: number) =>
      buildOrganisationDigest({
        cycle,
        k: 5,
        units: [organisation, ward('w1', 10), ward('w2', 4), ward('w3', 4)],
        tallies: {
          w1: tallyPulses(pulses(6, 2)),
          w2: tallyPulses(pulses(small)),
          w3: tallyPulses(pulses(0, 2)),
        },
        history: [],
        measures: [],
        actions: [],
      });
    // Ward 2's 2 and Ward 3's 2 make 4: left out, so the organisation's figure is Ward 1's alone.
    const leftOut = pulseRow(resultRecords({ ...week, unitId: 'org' }, build(2)), 'p1');
    expect(leftOut).toMatchObject({ pulse: { shown: true, yes: 6, no: 2, applied: 8 }, leftOut: true });
    // With 3 and 2 they reach 5 and are pooled in.
    const pooled = pulseRow(resultRecords({ ...week, unitId: 'org' }, build(3)), 'p1');
    expect(pooled).toMatchObject({ pulse: { shown: true, yes: 9, no: 4, applied: 13 }, leftOut: false });
  });
});

let sequence = 0;
function action(overrides: Partial<Action> = {}): Action {
  sequence += 1;
  return {
    id: `2026-11-a${sequence}`,
    unitId: 'ward-7',
    owner: 'aad-sam',
    type: 'focus-group',
    title: `Waiting room workshop ${sequence}`,
    date: '2026-11-20',
    principles: ['p4'],
    participants: { patients: 3, carers: 0, public: 40 },
    depth: 'involve',
    shareable: false,
    noPatientConfirmed: true,
    version: 1,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

describe('action rows', () => {
  it('show structured fields always, people from 1 to 7 as “fewer than 8”, and no text unless OK to share', () => {
    const record = actionRecord(
      action({
        whatWeHeard: 'Signs were hard to read',
        whatWeDid: 'New signs',
        details: {
          tags: ['signage'],
          adjustments: [],
          change: { status: 'notPossible', reason: 'No budget this year' },
          feedbackNotPossible: 'Anonymous survey',
        },
      }),
    )!;
    expect(record).toMatchObject({ patients: 'fewerThan8', carers: 0, public: 40, tags: ['signage'] });
    expect(record.change).toBe('notPossible');
    expect(record.shareable).toBe(false);
    expect(record.texts).toBeUndefined();
    expect(JSON.stringify(record)).not.toMatch(
      /Waiting room|Signs were|New signs|No budget|Anonymous survey|aad-sam/,
    );
  });

  it('include the title, what we heard and what we did for an action marked OK to share, never the reasons', () => {
    const record = actionRecord(
      action({
        shareable: true,
        whatWeHeard: 'Signs were hard to read',
        whatWeDid: 'New signs',
        details: {
          tags: [],
          adjustments: [],
          change: { status: 'notPossible', reason: 'No budget this year' },
          feedback: { givenOn: '2026-11-25' },
        },
      }),
    )!;
    expect(record.texts).toEqual({
      title: expect.stringMatching(/^Waiting room workshop/),
      whatWeHeard: 'Signs were hard to read',
      whatWeDid: 'New signs',
    });
    expect(record.toldParticipantsOn).toBe('2026-11-25');
    expect(JSON.stringify(record)).not.toContain('No budget');
  });

  it('leave out deleted actions and those outside the period, oldest first', () => {
    const records = actionRecords(
      [
        action({ date: '2026-11-20' }),
        action({ date: '2026-10-02' }),
        action({ date: '2026-11-01', deletedAt: '2026-11-02T00:00:00Z' }),
        action({ date: '2026-09-30' }),
        action({ date: '2027-01-01' }),
      ],
      { from: '2026-10-01', to: '2026-12-31' },
    );
    expect(records.map((record) => record.date)).toEqual(['2026-10-02', '2026-11-20']);
  });
});

describe('broadcast and audit rows', () => {
  it('give a broadcast as counts by state: never who got it', () => {
    const broadcast: Broadcast = {
      id: 'b-1',
      title: 'Check-in closes Sunday',
      message: 'One minute.',
      audience: { kind: 'units', unitIds: ['ward-7', 'ward-9'] },
      sender: 'aad-lee',
      senderRole: 'lead',
      state: 'sent',
      createdAt: '2026-11-20T09:00:00.000Z',
      sentAt: '2026-11-20T09:01:00.000Z',
    };
    const report: Omit<BroadcastReport, 'rows'> = {
      pending: 0,
      sending: 1,
      delivered: 7,
      blocked: 1,
      notFound: 0,
      tooLarge: 0,
      failed: 1,
      cancelled: 0,
      total: 10,
      possiblyDuplicated: 0,
      failures: { MessageWritesBlocked: 1, '500': 1 },
      acknowledged: 3,
      readAtLeast: 4,
      done: false,
      countsOnly: false,
    };
    const record = broadcastRecord(broadcast, report);
    expect(record).toMatchObject({ id: 'b-1', senderRole: 'lead', audience: 'units', units: 2 });
    expect(record.counts).toEqual({
      pending: 0,
      sending: 1,
      delivered: 7,
      blocked: 1,
      notFound: 0,
      tooLarge: 0,
      failed: 1,
      cancelled: 0,
      total: 10,
      possiblyDuplicated: 0,
      acknowledged: 3,
      readAtLeast: 4,
    });
    expect(JSON.stringify(record)).not.toContain('aad-lee');
  });

  it('give an audit entry’s actor and targets as ids, with names where known', () => {
    const entry = {
      id: 'e1',
      at: '2026-11-20T09:00:00.000Z',
      actor: 'aad-ada',
      action: 'roles.change',
      targets: ['aad-priya', 'ward-7', 'aad-gone'],
      outcome: 'done' as const,
    };
    const names = new Map([
      ['aad-ada', 'Ada Admin'],
      ['aad-priya', 'Priya Shah'],
      ['ward-7', 'Ward 7'],
    ]);
    expect(auditRecord(entry, names)).toEqual({
      ...entry,
      actorName: 'Ada Admin',
      targetNames: ['Priya Shah', 'Ward 7', undefined],
    });
  });
});
