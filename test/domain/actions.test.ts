import { describe, expect, it } from '@jest/globals';
import {
  Action,
  actionMonth,
  guardDetails,
  guardEntry,
  readActionDetails,
  readActionEntry,
} from '../../src/domain/actions.js';

const TODAY = '2026-11-30';
const filled = {
  type: 'focus-group',
  title: '  Discharge letters focus group ',
  date: '2026-11-26',
  principles: 'p2,p6',
  patients: '9',
  carers: 3,
  public: '',
  depth: 'involve',
  whatWeHeard: 'Letters arrive after the follow-up appointment.',
  whatWeDid: '',
  followUpOn: '2026-12-10',
  shareable: 'true',
  noPatient: 'true',
};

describe('reading the "log action" card', () => {
  it('reads a filled card into an entry: trimmed text, principles in order, blank counts as 0', () => {
    expect(readActionEntry(filled, TODAY)).toEqual({
      ok: true,
      confirmed: true,
      entry: {
        type: 'focus-group',
        title: 'Discharge letters focus group',
        date: '2026-11-26',
        principles: ['p2', 'p6'],
        participants: { patients: 9, carers: 3, public: 0 },
        depth: 'involve',
        whatWeHeard: 'Letters arrive after the follow-up appointment.',
        followUpOn: '2026-12-10',
        shareable: true,
      },
    });
  });

  it('leaves sharing off unless the person turns it on', () => {
    const read = readActionEntry({ ...filled, shareable: undefined }, TODAY);
    expect(read.ok && read.entry.shareable).toBe(false);
  });

  it('names every problem beside its input, and nothing is read', () => {
    const read = readActionEntry(
      {
        type: 'picnic',
        title: 'x'.repeat(81),
        date: '2026-02-30',
        principles: 'p2,p9',
        patients: '-1',
        carers: '2.5',
        public: '1e3',
        depth: '',
        whatWeHeard: 'y'.repeat(501),
        followUpOn: 'soon',
        noPatient: 'false',
      },
      TODAY,
    );
    expect(read).toEqual({
      ok: false,
      problems: [
        { field: 'type', problem: 'invalidChoice' },
        { field: 'title', problem: 'tooLong' },
        { field: 'date', problem: 'notADate' },
        { field: 'principles', problem: 'invalidChoice' },
        { field: 'patients', problem: 'negative' },
        { field: 'carers', problem: 'notAWholeNumber' },
        { field: 'public', problem: 'notAWholeNumber' },
        { field: 'depth', problem: 'required' },
        { field: 'whatWeHeard', problem: 'tooLong' },
        { field: 'followUpOn', problem: 'notADate' },
        { field: 'noPatient', problem: 'notConfirmed' },
      ],
    });
  });

  it('requires type, title, date, principles and depth', () => {
    const read = readActionEntry({ noPatient: true }, TODAY);
    expect(read.ok ? [] : read.problems.map((p) => `${p.field}:${p.problem}`)).toEqual([
      'type:required',
      'title:required',
      'date:required',
      'principles:required',
      'depth:required',
    ]);
  });

  it.each([
    ['2025-11-28', 'tooLongAgo'],
    ['2027-12-02', 'tooFarAhead'],
  ])('refuses a date far from today (%s) as a typing slip', (date, problem) => {
    const read = readActionEntry({ ...filled, date, followUpOn: '' }, TODAY);
    expect(read.ok ? [] : read.problems).toEqual([{ field: 'date', problem }]);
  });

  it('refuses a follow-up before the action, and counts above the sane limit', () => {
    const read = readActionEntry({ ...filled, followUpOn: '2026-11-20', patients: 100_001 }, TODAY);
    expect(read.ok ? [] : read.problems).toEqual([
      { field: 'patients', problem: 'tooLarge' },
      { field: 'followUpOn', problem: 'followUpBeforeDate' },
    ]);
  });
});

describe('guarding an entry', () => {
  it('names each free-text field where something was found, and what kind', () => {
    expect(
      guardEntry({
        title: 'Workshop',
        whatWeHeard: 'Contact jo.bloggs@example.test about 943 476 5919',
        whatWeDid: 'Mrs Smith (DOB 01/02/1950) asked for large print',
      }),
    ).toEqual([
      { field: 'whatWeHeard', blocked: ['nhsNumber', 'email'], warnings: [] },
      { field: 'whatWeDid', blocked: [], warnings: ['dateOfBirth', 'titleAndName'] },
    ]);
  });

  it('finds nothing in ordinary entries', () => {
    expect(
      guardEntry({ title: 'Board story: maternity', whatWeHeard: 'Ward 10, 12 beds, 10:30–12:00' }),
    ).toEqual([]);
  });
});

describe('the stored action', () => {
  it('keeps its month in its id, and requires the no-patient confirmation', () => {
    const read = readActionEntry(filled, TODAY);
    if (!read.ok) throw new Error('the filled card should read');
    const action = {
      ...read.entry,
      id: '2026-11-3f2a',
      unitId: 'ward-7',
      owner: 'aad-1',
      noPatientConfirmed: true,
      version: 1,
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedAt: '2026-11-30T10:00:00.000Z',
    };
    expect(Action.safeParse(action).success).toBe(true);
    expect(Action.safeParse({ ...action, noPatientConfirmed: false }).success).toBe(false);
    expect(Action.safeParse({ ...action, id: 'abc' }).success).toBe(false);
    expect(actionMonth(action.id)).toBe('2026-11');
  });
});

describe('reading the "Add details" card', () => {
  const options = { today: TODAY, participants: 14, allowedDomains: [] as string[] };

  it('reads tags, reach as counts, adjustments, payment, change, feedback and an https link', () => {
    const read = readActionDetails(
      {
        tags: 'Transition, discharge transition',
        monitoring: 'selfReported',
        core20: '5',
        core20plus: '7',
        'plus.ethnicMinority': '3',
        'characteristic.disability': 2,
        preferNotToSay: '',
        adjustments: 'bsl,stepFree',
        payment: 'yes',
        changeStatus: 'agreed',
        feedbackGivenOn: '2026-11-28',
        feedbackMethod: 'letter',
        evidenceLink: ' https://intranet.nhs.example/you-said-we-did ',
      },
      options,
    );
    expect(read).toEqual({
      ok: true,
      details: {
        tags: ['transition', 'discharge'],
        reach: {
          monitoring: 'selfReported',
          core20: 5,
          core20plus: 7,
          plus: { ethnicMinority: 3 },
          characteristics: { disability: 2 },
        },
        adjustments: ['bsl', 'stepFree'],
        payment: 'yes',
        change: { status: 'agreed' },
        feedback: { givenOn: '2026-11-28', method: 'letter' },
        evidenceLink: 'https://intranet.nhs.example/you-said-we-did',
      },
    });
  });

  it('records nothing about reach when none is given', () => {
    const read = readActionDetails({}, options);
    expect(read).toEqual({ ok: true, details: { tags: [], adjustments: [] } });
  });

  it('names each problem: counts above those who took part, no reason, bad links and tags', () => {
    const read = readActionDetails(
      {
        tags: 'transition, Not a tag!',
        monitoring: 'estimated',
        core20plus: '15',
        'characteristic.age': '-2',
        adjustments: 'bsl,teleport',
        payment: 'maybe',
        changeStatus: 'notPossible',
        evidenceLink: 'http://intranet.nhs.example/x',
      },
      options,
    );
    expect(read.ok ? [] : read.problems.map((p) => `${p.field}:${p.problem}`)).toEqual([
      'tags:badTag',
      'core20plus:overParticipants',
      'characteristic.age:negative',
      'adjustments:invalidChoice',
      'changeReason:reasonNeeded',
      'payment:invalidChoice',
      'evidenceLink:notHttps',
    ]);
  });

  it('asks how reach was known when counts are given without it', () => {
    expect(readActionDetails({ core20plus: '4' }, options)).toEqual({
      ok: false,
      problems: [{ field: 'monitoring', problem: 'required' }],
    });
  });

  it('takes evidence links only from the allowed domains when the organisation lists them', () => {
    const allowed = { ...options, allowedDomains: ['nhs.example'] };
    expect(readActionDetails({ evidenceLink: 'https://files.nhs.example/a' }, allowed).ok).toBe(true);
    expect(readActionDetails({ evidenceLink: 'https://nhs.example.evil.test/a' }, allowed)).toEqual({
      ok: false,
      problems: [{ field: 'evidenceLink', problem: 'domainNotAllowed' }],
    });
  });

  it('guards the reason a change was not possible', () => {
    const read = readActionDetails(
      { changeStatus: 'notPossible', changeReason: 'Mr Brown (NHS 943 476 5919) declined' },
      options,
    );
    if (!read.ok) throw new Error('should read');
    expect(guardDetails(read.details)).toEqual([
      { field: 'changeReason', blocked: ['nhsNumber'], warnings: ['titleAndName'] },
    ]);
  });
});
