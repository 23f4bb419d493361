// `npm run demo`'s data: a fresh ./data-demo holding synthetic, obviously fictional check-ins, measures and
// patient input actions for the Agents Playground's mock team (playground-trust.yml), with three fictional
// units beside it in its organisation (one too small to show on its own), so that the weekly summary, the
// digests and the leads' organisation digest have something to show at once. Eight closed weekly cycles end
// with the last complete week; the same data each time, relative to the current week (randomness comes from
// a fixed seed).
// Everything is written through the Store port, so every record passes the store's schemas, and every text
// passes the patient-data guard before anything is written.
//
//   tsx scripts/seed-demo.ts [--data-dir ./data-demo] [--service-url http://localhost:56150/_connector]
//
// The directory is replaced only when an earlier seed made it (it holds demo.json); any other is left alone.
import { existsSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig, withDotEnv } from '../src/config.js';
import type { Action, ActionDetails, ActionType, Depth, Participants } from '../src/domain/actions.js';
import type { MeasureValue, PulseChoice } from '../src/domain/answers.js';
import { maturityLevels, PrincipleId, type Catalogue, type Measure } from '../src/domain/catalogue.js';
import type { Cycle, MeasureRecord, PulseRecord } from '../src/domain/checkins.js';
import {
  addDays,
  atLocalTime,
  cycleIdOf,
  cycleMonday,
  isDue,
  localDateOf,
  openingDay,
  periodOf,
  previousCycleId,
  type LocalDate,
} from '../src/domain/cycles.js';
import { checkText } from '../src/domain/patient-data-guard.js';
import type { Roles } from '../src/domain/permissions.js';
import type { ConversationRef, Person, Team } from '../src/domain/roster.js';
import type { Unit } from '../src/domain/units.js';
import { loadCatalogue, loadHolidays } from '../src/reference-data.js';
import { cronSchedule, type CheckinCrons } from '../src/scheduler/checkin-schedule.js';
import { DataDirLockedError } from '../src/store/data-dir-lock.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { readTrustConfig, trustConfigPath } from './playground.mjs';

/** The file that marks a directory as made by this script, so that only such a directory is ever replaced. */
export const DEMO_MARKER = 'demo.json';
export const DEMO_WEEKS = 8;
export const DEMO_SEED = 20_260_707;
/** The organisation unit Ward 7 sits in. */
export const DEMO_ORGANISATION_ID = 'demo-organisation';
/** Where the Playground's mock connector listens when its usual port is free. */
export const DEFAULT_SERVICE_URL = 'http://localhost:56150/_connector';

const SYNTHETIC_ROLES = [
  ...Array<string>(6).fill('Nurse'),
  ...Array<string>(3).fill('Healthcare Assistant'),
  'Physiotherapist',
  'Occupational Therapist',
  'Pharmacist',
  'Ward Clerk',
  'Doctor',
];

export type SeedOptions = {
  dataDir: string;
  /** The current time: the last cycle is the last complete ISO week before it. */
  now?: Date;
  timeZone?: string;
  crons?: CheckinCrons;
  catalogue?: Catalogue;
  holidays?: ReadonlySet<LocalDate>;
  /** The Playground's connector, where the bot reaches the team channel and the personal chat. */
  serviceUrl?: string;
  trustConfigPath?: string;
};

export type SeedCounts = {
  people: number;
  units: number;
  cycles: number;
  pulses: number;
  measureAnswers: number;
  actions: number;
};

export type DemoData = {
  people: Person[];
  roles: { aadObjectId: string; roles: Roles }[];
  team: Team;
  conversations: ConversationRef[];
  units: Unit[];
  weeks: { cycle: Cycle; pulses: PulseRecord[]; answers: { unitId: string; records: MeasureRecord[] }[] }[];
  actions: Action[];
};

/** Why the seed will not touch the directory: said to the person, without a stack trace. */
export class DemoDirError extends Error {
  override readonly name = 'DemoDirError';
}

// ---- The mock trust ------------------------------------------------------------------------------------

const MockUser = z.object({ id: z.string().min(1), name: z.string().min(1), aadObjectId: z.string().min(1) });
const Trust = z.object({
  tenantId: z.string().min(1),
  bot: z.object({ id: z.string().min(1) }),
  currentUser: MockUser,
  users: z.array(MockUser).min(1),
  personalChat: z.object({ id: z.string().min(1) }),
  team: z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    aadGroupId: z.string().min(1).optional(),
    channels: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })).default([]),
  }),
});
type Trust = z.infer<typeof Trust>;

function readTrust(path: string): Trust {
  const parsed = Trust.safeParse(readTrustConfig(path));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`seed-demo: ${path} is not the mock data expected:\n  ${problems.join('\n  ')}`);
}

// ---- Deterministic randomness ----------------------------------------------------------------------------

/** mulberry32: small, fast and the same on every machine. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const shuffled = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return { next, int, pick, shuffled };
}
type Random = ReturnType<typeof randomFrom>;

// ---- The staff pulse -------------------------------------------------------------------------------------

/** Per principle: the chance of "yes" where it applied in week 0, its rise a week, and of "not applicable". */
const PULSE_PROFILE: Record<PrincipleId, { yes: number; rise: number; notApplicable: number }> = {
  p1: { yes: 0.62, rise: 0.015, notApplicable: 0.04 },
  p2: { yes: 0.45, rise: 0.045, notApplicable: 0.05 },
  p3: { yes: 0.56, rise: 0, notApplicable: 0.1 },
  p4: { yes: 0.34, rise: 0.03, notApplicable: 0.15 },
  p5: { yes: 0.4, rise: 0.05, notApplicable: 0.05 },
  p6: { yes: 0.5, rise: 0.01, notApplicable: 0.25 },
};

const PULSE_COMMENTS = [
  'Busy week, but we still made time to ask people what mattered to them.',
  'Teach-back is getting easier with practice.',
  'Fewer conversations than I would like: we were short-staffed on nights.',
  'The new discharge checklist made the conversations easier.',
  'It would help to have more time for the carers group.',
];

function pulseChoices(random: Random, week: number): PulseRecord['choices'] {
  const choices: PulseRecord['choices'] = {};
  for (const principle of PrincipleId.options) {
    const { yes, rise, notApplicable } = PULSE_PROFILE[principle];
    const roll = random.next();
    const choice: PulseChoice =
      roll < notApplicable ? 'notApplicable' : random.next() < yes + rise * week ? 'yes' : 'no';
    choices[principle] = choice;
  }
  return choices;
}

// ---- Measures --------------------------------------------------------------------------------------------

const percent = (numerator: number, denominator: number): MeasureValue => ({
  scale: 'percent',
  numerator,
  denominator,
});
const count = (value: number): MeasureValue => ({ scale: 'count', count: value });
const yesNo = (answer: 'yes' | 'no'): MeasureValue => ({ scale: 'yesNo', answer });
const maturity = (level: (typeof maturityLevels)[number]): MeasureValue => ({ scale: 'maturity', level });

/**
 * The built-in catalogue's measures, by week (0 to 7): a realistic spread whose statuses in the last week mix
 * red, amber, green and blue (the built-in measures set no targets, so counts and percentages read "no
 * target"; the colours come from maturity and yes/no measures). Others get a plain value by their scale.
 */
const MEASURE_VALUES: Record<string, (week: number) => MeasureValue> = {
  // Ward 7
  'p1-papers-parity': (w) =>
    yesNo((['no', 'no', 'yes', 'no', 'yes', 'yes', 'yes', 'yes'] as const)[w] ?? 'yes'),
  'p2-ais-needs': (w) => percent(11 + w, 20),
  'p2-write-to-patient': (w) => percent(5 + Math.floor(w / 2), 10),
  'p3-collaborate': (w) => percent(14 + w, 24),
  'p4-barriers-actioned': (w) => count(1 + Math.floor(w / 3)),
  'p5-changes-made': (w) => count(1 + Math.floor(w / 3)),
  'p5-fft-responses': (w) => count(42 + 3 * w),
  'p5-fft-positive': (w) => percent(36 + 3 * w, 42 + 3 * w),
  'p5-standing-forums': () => yesNo('no'),
  // The organisation
  'p1-partner-seats': (w) => percent(w < 4 ? 3 : 4, 12),
  'p1-safety-partners': (w) => count(w < 4 ? 2 : 3),
  'p1-safety-partners-attended': () => yesNo('yes'),
  'p1-payment-policy': () => maturity('planning'),
  'p1-partner-support': () => percent(5, 6),
  'p1-partner-voice': () => percent(7, 10),
  'p2-reader-panel': (w) => percent(18 + w, 30),
  'p2-plain-language': (w) => percent(22 + 2 * w, 40),
  'p2-interpreting': () => percent(183, 200),
  'p2-public-progress': () => maturity('inProgress'),
  'p3-sdm-training': (w) => percent(140 + 12 * w, 400),
  'p3-decision-aids': (w) => count(5 + Math.floor(w / 4)),
  'p3-involved-decisions': () => percent(61, 100),
  'p3-coproduced-changes': () => percent(3, 8),
  'p4-ehia': () => percent(9, 12),
  'p4-vcse-partners': () => count(4),
  'p4-experience-split': () => maturity('notStarted'),
  'p4-partner-diversity': () => maturity('planning'),
  'p5-complaint-learning': () => percent(14, 20),
  'p6-cross-org-projects': () => count(2),
  'p6-tell-once': () => percent(48, 100),
  'p6-care-coordinator': () => percent(30, 45),
  'p6-shared-insight': () => maturity('embedded'),
};

/** Left unanswered in the last week's period, so the digests show a "No update" and name its owner. */
const LATE_MEASURES = new Set(['p4-barriers-actioned', 'p6-care-coordinator']);

function measureValue(measure: Measure, week: number, index: number): MeasureValue {
  const known = MEASURE_VALUES[measure.id];
  if (known) return known(week);
  switch (measure.scale) {
    case 'maturity':
      return maturity(maturityLevels[index % maturityLevels.length]!);
    case 'yesNo':
      return yesNo(index % 3 === 0 ? 'no' : 'yes');
    case 'count':
      return count(2 + (index % 5));
    case 'percent':
      return percent(6 + (index % 4), 10);
  }
}

// ---- Patient input actions -------------------------------------------------------------------------------

type ActionTemplate = {
  type: ActionType;
  depth: Depth;
  principles: PrincipleId[];
  title: string;
  participants: Partial<Participants>;
  whatWeHeard?: string;
  whatWeDid?: string;
  shareable?: boolean;
  /** Participants were told what changed, two weeks on, when that day has come. */
  feedback?: NonNullable<ActionDetails['feedback']>['method'];
  details?: Partial<Omit<ActionDetails, 'feedback'>>;
};

const ACTIONS: ActionTemplate[] = [
  {
    type: 'survey',
    depth: 'consult',
    principles: ['p2', 'p5'],
    title: 'Discharge experience survey',
    participants: { patients: 24, carers: 6 },
    whatWeHeard: 'Patients wanted clearer information about the medicines they take home.',
    whatWeDid: 'We added a medicines checklist to the discharge pack.',
    shareable: true,
    feedback: 'webPage',
    details: { change: { status: 'implemented' }, payment: 'notApplicable' },
  },
  {
    type: 'focus-group',
    depth: 'involve',
    principles: ['p2', 'p3'],
    title: 'Carers focus group on visiting and updates',
    participants: { carers: 9 },
    whatWeHeard: 'Carers wanted a named contact and a regular time for updates.',
    whatWeDid: 'We set a daily update time and gave carers a contact card.',
    shareable: true,
    feedback: 'meeting',
    details: { change: { status: 'implemented' }, adjustments: ['eveningWeekend'], payment: 'yes' },
  },
  {
    type: 'codesign-workshop',
    depth: 'co-design',
    principles: ['p1', 'p3'],
    title: 'Co-design workshop on bedside handover',
    participants: { patients: 6, carers: 2, public: 1 },
    whatWeHeard: 'Patients asked to be part of handover conversations about their care.',
    whatWeDid: 'We are trying bedside handover with patients invited to join in.',
    shareable: true,
    details: { change: { status: 'agreed' }, payment: 'yes', adjustments: ['careCover'] },
  },
  {
    type: 'patient-panel',
    depth: 'involve',
    principles: ['p1', 'p2'],
    title: 'Patient panel review of the welcome leaflet',
    participants: { patients: 5, carers: 1, public: 2 },
    whatWeHeard: 'The leaflet used too much jargon and the print was small.',
    whatWeDid: 'We rewrote it in plain English, with a large-print version.',
    shareable: true,
    feedback: 'letter',
    details: { change: { status: 'implemented' }, adjustments: ['largePrint'] },
  },
  {
    type: 'interview',
    depth: 'consult',
    principles: ['p6'],
    title: 'Interviews about moving from hospital to community care',
    participants: { patients: 7, carers: 3 },
    whatWeHeard: 'People had to repeat their story to each new team.',
    whatWeDid: 'Every referral to community teams now carries a shared summary.',
    shareable: true,
    feedback: 'email',
    details: { tags: ['transition'], change: { status: 'implemented' } },
  },
  {
    type: 'board-story',
    depth: 'inform',
    principles: ['p1', 'p5'],
    title: 'Patient story at the divisional board',
    participants: { patients: 1 },
    details: { payment: 'yes' },
  },
  {
    type: 'community-outreach',
    depth: 'involve',
    principles: ['p4'],
    title: 'Outreach session at a community centre',
    participants: { patients: 3, public: 18 },
    whatWeHeard: 'Some people found our letters hard to read and the journey to us difficult.',
    whatWeDid: 'Letters now explain how to ask for an interpreter, with travel information.',
    shareable: true,
    details: {
      reach: {
        monitoring: 'selfReported',
        core20: 8,
        core20plus: 11,
        plus: { ethnicMinority: 7, inclusionHealth: 2 },
        characteristics: { age: 6, disability: 4, ethnicity: 7 },
        preferNotToSay: 2,
      },
      adjustments: ['interpreter', 'stepFree'],
      change: { status: 'implemented' },
    },
  },
  {
    type: 'complaint-change',
    depth: 'involve',
    principles: ['p5'],
    title: 'Learning from a concern about call bells at night',
    participants: { patients: 1, carers: 1 },
    whatWeHeard: 'Call bells were not always within reach at night.',
    whatWeDid: 'Night checks now include making sure every call bell is within reach.',
    shareable: true,
    details: { change: { status: 'implemented' } },
  },
  {
    type: 'safety-involvement',
    depth: 'involve',
    principles: ['p1', 'p6'],
    title: 'Falls prevention review with a patient safety partner',
    participants: { patients: 2 },
    feedback: 'meeting',
    details: { change: { status: 'agreed' }, payment: 'yes' },
  },
  {
    type: 'vcse-led',
    depth: 'involve',
    principles: ['p4', 'p5'],
    title: 'Listening event run by a local carers charity',
    participants: { carers: 12, public: 4 },
    whatWeHeard: 'Carers from some communities did not know they could visit outside set hours.',
    details: {
      reach: { monitoring: 'estimated', core20plus: 6, plus: { ethnicMinority: 5 }, characteristics: {} },
      adjustments: ['interpreter', 'eveningWeekend'],
    },
  },
  {
    type: 'digital-engagement',
    depth: 'consult',
    principles: ['p2', 'p5'],
    title: 'Online feedback form on appointment letters',
    participants: { patients: 31, public: 5 },
    whatWeHeard: 'Letters should say what to bring and who to call with questions.',
    feedback: 'webPage',
    details: { tags: ['letters'], reach: { monitoring: 'notCollected', plus: {}, characteristics: {} } },
  },
  {
    type: 'deliberative',
    depth: 'co-produce',
    principles: ['p3', 'p4'],
    title: 'Co-produced guide to choosing between treatments',
    participants: { patients: 8, carers: 3 },
    whatWeHeard: 'People wanted the options, risks and benefits side by side.',
    whatWeDid: 'Patients and staff wrote a one-page decision aid together.',
    shareable: true,
    feedback: 'panel',
    details: { change: { status: 'implemented' }, payment: 'yes', adjustments: ['hybrid'] },
  },
  {
    type: 'partner-recruitment',
    depth: 'inform',
    principles: ['p1'],
    title: 'Recruiting patient partners for the ward forum',
    participants: { public: 6 },
  },
  {
    type: 'survey',
    depth: 'consult',
    principles: ['p6'],
    title: 'Survey on transfers to rehabilitation',
    participants: { patients: 15, carers: 4 },
    whatWeHeard: 'Transfers late in the evening caused worry for patients and families.',
    whatWeDid: 'Transfers are now planned for the daytime wherever possible.',
    shareable: true,
    feedback: 'letter',
    details: { tags: ['transition'], change: { status: 'implemented' } },
  },
  {
    type: 'focus-group',
    depth: 'co-design',
    principles: ['p2', 'p4'],
    title: 'Focus group on easy read ward information',
    participants: { patients: 5, carers: 3 },
    whatWeHeard: 'The ward information was hard to follow for people with a learning disability.',
    whatWeDid: 'We made an easy read version of the ward information with the group.',
    shareable: true,
    details: {
      reach: {
        monitoring: 'selfReported',
        core20plus: 5,
        plus: { learningDisabilityAutism: 5 },
        characteristics: { disability: 5 },
      },
      adjustments: ['easyRead', 'careCover'],
      change: { status: 'implemented' },
    },
  },
  {
    type: 'interview',
    depth: 'involve',
    principles: ['p3', 'p6'],
    title: 'Talking with families about discharge to care homes',
    participants: { carers: 6 },
    whatWeHeard: 'Families wanted to be part of choosing a care home before the day of discharge.',
    details: { tags: ['transition'], change: { status: 'proposed' } },
  },
  {
    type: 'independent-voice-report',
    depth: 'inform',
    principles: ['p5'],
    title: 'Reading the local independent report on hospital food',
    participants: {},
    details: {
      change: { status: 'notPossible', reason: 'The menu is set by the catering contract this year.' },
    },
  },
  {
    type: 'other',
    depth: 'involve',
    principles: ['p5'],
    title: 'Refreshing the "you said, we did" board with patients',
    participants: { patients: 4 },
    whatWeDid: 'Patients chose what the board shows and how it is worded.',
    shareable: true,
    feedback: 'meeting',
  },
];
/** The last week always has a highlight to share and a change made. */
const LAST_WEEK_ACTION = 0;

// ---- Building the data -----------------------------------------------------------------------------------

const synthetic = (index: number) => {
  const role = SYNTHETIC_ROLES[index]!;
  const number = SYNTHETIC_ROLES.slice(0, index + 1).filter((other) => other === role).length;
  const name = `Demo ${role} ${String(number).padStart(2, '0')}`;
  return {
    id: `29:${name.toLowerCase().replaceAll(' ', '-')}`,
    name,
    aadObjectId: `00000000-de30-4000-8000-${String(index + 1).padStart(12, '0')}`,
  };
};

const clampTo = (at: Date, latest: Date) => new Date(Math.min(at.getTime(), latest.getTime()));

/**
 * Fictional units beside Ward 7 in the organisation, not Teams teams, so that the leads' organisation digest
 * has units to compare and one too small ever to be shown on its own. Their people are synthetic and not in
 * the Playground. `ahead` moves a unit's pulse ahead of Ward 7's (in weeks of its usual rise) or behind it.
 */
const OTHER_UNITS = [
  { id: 'demo-ward-9', name: 'Ward 9 (fictional)', role: 'Ward Nine Nurse', people: 9, ahead: -4 },
  {
    id: 'demo-outpatients',
    name: 'Outpatients (fictional)',
    role: 'Outpatients Nurse',
    people: 12,
    ahead: 6,
  },
  { id: 'demo-pharmacy', name: 'Pharmacy (fictional)', role: 'Pharmacy Technician', people: 3, ahead: 2 },
];

const otherPeople = () =>
  OTHER_UNITS.flatMap((unit, u) =>
    Array.from({ length: unit.people }, (_, index) => {
      const name = `Demo ${unit.role} ${String(index + 1).padStart(2, '0')}`;
      return {
        id: `29:${name.toLowerCase().replaceAll(' ', '-')}`,
        name,
        aadObjectId: `00000000-de30-4000-8001-${String((u + 1) * 100 + index + 1).padStart(12, '0')}`,
        unitId: unit.id,
        ahead: unit.ahead,
      };
    }),
  );

/** The demo's records, built in memory: pure apart from reading the mock data. */
export function buildDemo(options: Omit<SeedOptions, 'dataDir'> = {}): DemoData {
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? 'Europe/London';
  const crons = options.crons ?? {
    checkinOpens: '0 9 * * 1',
    checkinNudge: '0 12 * * 3',
    checkinCloses: '59 23 * * 0',
  };
  const catalogue = options.catalogue ?? loadCatalogue();
  const holidays = options.holidays ?? new Set(loadHolidays().dates);
  const serviceUrl = options.serviceUrl ?? DEFAULT_SERVICE_URL;
  const trust = readTrust(options.trustConfigPath ?? trustConfigPath);
  const schedule = cronSchedule(crons, timeZone);
  const random = randomFrom(DEMO_SEED);
  // The other units draw from their own sequence, so that Ward 7's data stay as they were without them.
  const otherRandom = randomFrom(DEMO_SEED + 1);

  // The weeks: eight, ending with the last complete ISO week before today.
  const today = localDateOf(now, timeZone);
  const cycleIds = [previousCycleId(cycleIdOf(today))];
  while (cycleIds.length < DEMO_WEEKS) cycleIds.unshift(previousCycleId(cycleIds[0]!));
  const timings = cycleIds.map((id) => {
    const monday = cycleMonday(id);
    const scheduled = schedule.openingIn(monday) ?? { day: monday, time: '09:00' };
    const day = openingDay(scheduled.day, holidays);
    const opensAt = atLocalTime(day, scheduled.time, timeZone);
    const closesAt = clampTo(schedule.closeAfter(opensAt), now);
    const nudgeAt = clampTo(schedule.nudgeAfter(opensAt), closesAt);
    return { id, monday, day, opensAt, nudgeAt, closesAt };
  });
  // Ward 7 was opted in, and the people met, on the Friday before the first week.
  const setUpAt = atLocalTime(addDays(timings[0]!.monday, -3), '14:00', timeZone).toISOString();

  // People: the mock trust's, and synthetic colleagues enough to clear the anonymity threshold.
  const me = trust.currentUser;
  const team = trust.team;
  const wardId = team.id;
  // By their place in the mock data: the staff nurse answers Ward 7's measures, and the patient partnership
  // lead is a lead who answers the organisation's.
  const measureOwner = trust.users[0]!;
  const lead = trust.users[2] ?? me;
  const mock = [me, ...trust.users];
  const everyone = [...mock, ...SYNTHETIC_ROLES.map((_, index) => synthetic(index))];
  const others = otherPeople();
  const placed = [...everyone.map((user) => ({ ...user, unitId: wardId })), ...others];
  const people: Person[] = placed.map((user) => ({
    aadObjectId: user.aadObjectId,
    teamsUserId: user.id,
    name: user.name,
    tenantId: trust.tenantId,
    guest: false,
    checkins: { stopped: false },
    primaryUnitId: user.unitId,
    firstSeenAt: setUpAt,
  }));
  const roles = [
    { aadObjectId: me.aadObjectId, roles: { admin: false, lead: true, managerOf: [wardId] } },
    ...(lead.aadObjectId === me.aadObjectId
      ? []
      : [{ aadObjectId: lead.aadObjectId, roles: { admin: false, lead: true, managerOf: [] } }]),
  ];
  const installed = { installed: true, installedBy: me.aadObjectId, installedAt: setUpAt };
  const teamRecord: Team = {
    id: team.id,
    name: team.name,
    ...(team.aadGroupId ? { aadGroupId: team.aadGroupId } : {}),
    tenantId: trust.tenantId,
    serviceUrl,
    state: 'active',
    channels: [
      { id: team.id, name: 'General', state: 'active' },
      ...team.channels.map((channel) => ({ ...channel, state: 'active' as const })),
    ],
    members: Object.fromEntries(everyone.map((user) => [user.aadObjectId, { addedAt: setUpAt }])),
    ...installed,
    // Read in full just now, so the bot does not re-read the Playground's shorter list on first contact.
    membersSyncedAt: now.toISOString(),
  };
  const conversations: ConversationRef[] = [
    {
      conversationId: team.id,
      scope: 'channel',
      serviceUrl,
      tenantId: trust.tenantId,
      botId: trust.bot.id,
      teamId: team.id,
      ...installed,
    },
    {
      conversationId: trust.personalChat.id,
      scope: 'personal',
      serviceUrl,
      tenantId: trust.tenantId,
      botId: trust.bot.id,
      aadObjectId: me.aadObjectId,
      ...installed,
    },
  ];
  const allPrinciples = [...PrincipleId.options];
  const units: Unit[] = [
    {
      id: DEMO_ORGANISATION_ID,
      name: 'Demo Hospitals NHS Trust (fictional)',
      level: 'organisation',
      tracked: true,
      createdAt: setUpAt,
      createdBy: me.aadObjectId,
      checkins: { principles: allPrinciples, owner: lead.aadObjectId },
    },
    {
      id: wardId,
      name: team.name,
      level: 'unit',
      parentId: DEMO_ORGANISATION_ID,
      teamId: team.id,
      tracked: true,
      createdAt: setUpAt,
      createdBy: me.aadObjectId,
      checkins: { principles: allPrinciples, owner: measureOwner.aadObjectId, deputy: me.aadObjectId },
      summaryChannelId: team.id,
    },
    ...OTHER_UNITS.map((unit): Unit => ({
      id: unit.id,
      name: unit.name,
      level: 'unit',
      parentId: DEMO_ORGANISATION_ID,
      tracked: true,
      createdAt: setUpAt,
      createdBy: me.aadObjectId,
    })),
  ];

  // The weekly cycles, with pulses and measure answers.
  const answering = [
    { unitId: wardId, level: 'unit' as const, owner: measureOwner.aadObjectId },
    { unitId: DEMO_ORGANISATION_ID, level: 'organisation' as const, owner: lead.aadObjectId },
  ];
  const lastAnswered = new Map<string, LocalDate>();
  const lastDay = timings[timings.length - 1]!.day;
  const weeks: DemoData['weeks'] = timings.map((timing, week) => {
    const within = (share: number) =>
      new Date(
        timing.opensAt.getTime() + share * (timing.closesAt.getTime() - timing.opensAt.getTime()),
      ).toISOString();
    const measures: Cycle['measures'] = {};
    const answers: DemoData['weeks'][number]['answers'] = [];
    for (const { unitId, level, owner } of answering) {
      const due = catalogue.measures.filter(
        (measure) =>
          measure.level === level &&
          !measure.computed &&
          isDue(measure.cadence, timing.day, lastAnswered.get(`${unitId} ${measure.id}`)),
      );
      measures[unitId] = { owners: [owner], measureIds: due.map((measure) => measure.id) };
      const answeredAt = within(0.15 + 0.3 * random.next());
      const records = due
        .filter(
          (measure) =>
            !(
              LATE_MEASURES.has(measure.id) &&
              periodOf(measure.cadence, timing.day) === periodOf(measure.cadence, lastDay)
            ),
        )
        .map((measure): MeasureRecord => ({
          measureId: measure.id,
          unitId,
          cycleId: timing.id,
          openingDay: timing.day,
          value: measureValue(measure, week, catalogue.measures.indexOf(measure)),
          answeredBy: owner,
          answeredAt,
          version: 1,
        }));
      for (const record of records) lastAnswered.set(`${unitId} ${record.measureId}`, timing.day);
      answers.push({ unitId, records });
    }
    // 70 to 90% of the ward answer the pulse.
    const respondents = random
      .shuffled(everyone)
      .slice(0, Math.round(everyone.length * (0.7 + 0.2 * random.next())));
    const pulses = respondents.map((user): PulseRecord => ({
      aadObjectId: user.aadObjectId,
      unitId: wardId,
      choices: pulseChoices(random, week),
      ...(random.next() < 0.12 ? { comment: random.pick(PULSE_COMMENTS) } : {}),
      version: random.next() < 0.1 ? 2 : 1,
      answeredAt: within(0.05 + 0.9 * random.next()),
    }));
    // 60 to 90% of each other unit answer too, with no comments.
    for (const unit of OTHER_UNITS) {
      const members = others.filter((user) => user.unitId === unit.id);
      const share = 0.6 + 0.3 * otherRandom.next();
      for (const user of otherRandom
        .shuffled(members)
        .slice(0, Math.max(1, Math.round(members.length * share))))
        pulses.push({
          aadObjectId: user.aadObjectId,
          unitId: unit.id,
          choices: pulseChoices(otherRandom, week + unit.ahead),
          version: 1,
          answeredAt: within(0.05 + 0.9 * otherRandom.next()),
        });
    }
    const cycle: Cycle = {
      id: timing.id,
      openingDay: timing.day,
      opensAt: timing.opensAt.toISOString(),
      nudgeAt: timing.nudgeAt.toISOString(),
      closesAt: timing.closesAt.toISOString(),
      openedBy: 'schedule',
      expected: Object.fromEntries([
        ...everyone.map((user) => [user.aadObjectId, wardId]),
        ...others.map((user) => [user.aadObjectId, user.unitId]),
      ]),
      measures,
      promptsQueuedAt: timing.opensAt.toISOString(),
      nudgedAt: timing.nudgeAt.toISOString(),
      closedAt: timing.closesAt.toISOString(),
    };
    return { cycle, pulses, answers };
  });

  // Two to four actions a week, logged by the mock people and a few synthetic colleagues.
  const owners = everyone.slice(0, mock.length + 3).map((user) => user.aadObjectId);
  const actions = timings.flatMap((timing, week) => {
    const last = week === timings.length - 1;
    const others = random.shuffled(
      ACTIONS.map((_, index) => index).filter((index) => index !== LAST_WEEK_ACTION),
    );
    const chosen = last ? [LAST_WEEK_ACTION, ...others] : others;
    return chosen.slice(0, random.int(2, 4)).map((template, index) =>
      buildAction(ACTIONS[template]!, {
        id: `demo-${timing.id.toLowerCase()}-${index + 1}`,
        date: addDays(timing.monday, random.int(0, 4)),
        unitId: wardId,
        owner: random.pick(owners),
        today,
        now,
        timeZone,
        random,
      }),
    );
  });

  return { people, roles, team: teamRecord, conversations, units, weeks, actions };
}

function buildAction(
  template: ActionTemplate,
  at: {
    id: string;
    date: LocalDate;
    unitId: string;
    owner: string;
    today: LocalDate;
    now: Date;
    timeZone: string;
    random: Random;
  },
): Action {
  const createdAt = clampTo(
    atLocalTime(
      addDays(at.date, at.random.int(0, 1)),
      `1${at.random.int(2, 7)}:${at.random.int(10, 59)}`,
      at.timeZone,
    ),
    at.now,
  ).toISOString();
  const givenOn = addDays(at.date, 14);
  const told = template.feedback !== undefined && givenOn < at.today;
  const details: ActionDetails | undefined =
    template.details || told
      ? {
          tags: [],
          adjustments: [],
          ...template.details,
          ...(told ? { feedback: { givenOn, method: template.feedback } } : {}),
        }
      : undefined;
  const followUpOn = told ? undefined : addDays(at.date, 28);
  const participants: Participants = { patients: 0, carers: 0, public: 0, ...template.participants };
  const updatedAt = told ? atLocalTime(givenOn, '15:00', at.timeZone).toISOString() : createdAt;
  return {
    id: `${createdAt.slice(0, 7)}-${at.id}`,
    unitId: at.unitId,
    owner: at.owner,
    type: template.type,
    title: template.title,
    date: at.date,
    principles: template.principles,
    participants,
    depth: template.depth,
    ...(template.whatWeHeard ? { whatWeHeard: template.whatWeHeard } : {}),
    ...(template.whatWeDid ? { whatWeDid: template.whatWeDid } : {}),
    ...(followUpOn ? { followUpOn } : {}),
    // Follow-up days already past were asked about, so the bot does not ask again at start.
    ...(followUpOn && followUpOn <= at.today ? { followUpAskedFor: followUpOn } : {}),
    shareable: template.shareable ?? false,
    noPatientConfirmed: true,
    version: details ? 2 : 1,
    createdAt,
    updatedAt,
    ...(details ? { details } : {}),
  };
}

// ---- The guard -------------------------------------------------------------------------------------------

/** Every text in the demo a person would have typed or could read, with where it is. */
export function demoTexts(data: DemoData): { where: string; text: string }[] {
  const texts: { where: string; text: string | undefined }[] = [
    ...data.people.map((person) => ({ where: `person ${person.aadObjectId}`, text: person.name })),
    ...data.units.map((unit) => ({ where: `unit ${unit.id}`, text: unit.name })),
    { where: 'team', text: data.team.name },
    ...data.team.channels.map((channel) => ({ where: `channel ${channel.id}`, text: channel.name })),
    ...data.weeks.flatMap(({ cycle, pulses }) =>
      pulses.map((pulse) => ({ where: `pulse ${cycle.id} ${pulse.aadObjectId}`, text: pulse.comment })),
    ),
    ...data.actions.flatMap((action) => [
      { where: `action ${action.id} title`, text: action.title },
      { where: `action ${action.id} whatWeHeard`, text: action.whatWeHeard },
      { where: `action ${action.id} whatWeDid`, text: action.whatWeDid },
      { where: `action ${action.id} change reason`, text: action.details?.change?.reason },
      { where: `action ${action.id} feedbackNotPossible`, text: action.details?.feedbackNotPossible },
    ]),
  ];
  return texts.flatMap(({ where, text }) => (text ? [{ where, text }] : []));
}

/** Refuses, naming each text and what the guard found, if any demo text would be refused or warned about. */
export function assertGuardPasses(data: DemoData): void {
  const findings = demoTexts(data).flatMap(({ where, text }) => {
    const { blocked, warnings } = checkText(text);
    const rules = [...blocked, ...warnings];
    return rules.length > 0 ? [`${where}: "${text}" (${rules.join(', ')})`] : [];
  });
  if (findings.length > 0)
    throw new Error(
      `seed-demo: the patient-data guard finds something in the demo's own text, so nothing was written. ` +
        `Change these texts in scripts/seed-demo.ts:\n  ${findings.join('\n  ')}`,
    );
}

// ---- Writing it ------------------------------------------------------------------------------------------

/** Makes way for a new demo: a missing or empty directory, or one an earlier seed made (and no bot holds). */
async function makeWay(dataDir: string): Promise<void> {
  if (!existsSync(dataDir)) return;
  if (!(await stat(dataDir)).isDirectory())
    throw new DemoDirError(`${dataDir} exists and is not a directory, so the demo cannot use it.`);
  const names = await readdir(dataDir);
  if (names.length === 0) return;
  if (!names.includes(DEMO_MARKER))
    throw new DemoDirError(
      `${dataDir} already exists and was not made by the demo (it has no ${DEMO_MARKER}), so it is left ` +
        'as it is. Move it away or delete it, then run the demo again.',
    );
  try {
    // Opening the store takes its lock: a demo bot still running on it holds that.
    await (await openLowdbStore({ dataDir })).close();
  } catch (error) {
    if (error instanceof DataDirLockedError)
      throw new DemoDirError(
        `${dataDir} is in use by a demo that is still running. Stop it (Ctrl+C) and run the demo again.`,
      );
    throw error;
  }
  await rm(dataDir, { recursive: true, force: true });
}

/** Replaces `dataDir` with a fresh demo (see the top of this file) and says what it holds. */
export async function seedDemo(options: SeedOptions): Promise<SeedCounts> {
  const data = buildDemo(options);
  assertGuardPasses(data);
  const dataDir = resolve(options.dataDir);
  await makeWay(dataDir);
  const store = await openLowdbStore({ dataDir });
  try {
    const first = data.weeks[0]!.cycle.id;
    const last = data.weeks[data.weeks.length - 1]!.cycle.id;
    // Marked first, so that a seed stopped half-way can be replaced by the next.
    const marker = {
      about:
        'Synthetic, fictional demo data for the Agents Playground. Safe to delete: the demo replaces it each time.',
      seededAt: (options.now ?? new Date()).toISOString(),
      cycles: { first, last },
    };
    await writeFile(join(dataDir, DEMO_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    for (const person of data.people) await store.savePerson(person);
    for (const { aadObjectId, roles } of data.roles) await store.saveRoles(aadObjectId, roles);
    await store.saveTeam(data.team);
    for (const conversation of data.conversations) await store.saveConversation(conversation);
    for (const unit of data.units) await store.saveUnit(unit);
    for (const { cycle, pulses, answers } of data.weeks) {
      if (!(await store.createCycle(cycle)))
        throw new Error(`seed-demo: cycle ${cycle.id} was there already`);
      for (const pulse of pulses) await store.savePulse(cycle.id, pulse);
      for (const { unitId, records } of answers)
        if (records.length > 0) await store.saveMeasureAnswers(cycle.id, unitId, records);
    }
    for (const action of data.actions) await store.saveAction(action);
  } finally {
    await store.close();
  }
  return {
    people: data.people.length,
    units: data.units.length,
    cycles: data.weeks.length,
    pulses: data.weeks.reduce((sum, week) => sum + week.pulses.length, 0),
    measureAnswers: data.weeks.reduce(
      (sum, week) => sum + week.answers.reduce((inner, { records }) => inner + records.length, 0),
      0,
    ),
    actions: data.actions.length,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: './data-demo' },
      'service-url': { type: 'string', default: DEFAULT_SERVICE_URL },
    },
  });
  const dataDir = values['data-dir'];
  // The same settings the bot will run with: its zone, schedule, catalogue and holidays.
  const config = loadConfig(withDotEnv('.env', { ...process.env, DATA_DIR: dataDir }));
  const counts = await seedDemo({
    dataDir,
    timeZone: config.orgTimeZone,
    crons: config.schedule,
    catalogue: loadCatalogue(config.catalogueFile),
    holidays: new Set(loadHolidays(config.holidaysFile).dates),
    serviceUrl: values['service-url'],
  });
  const perWeek = Math.round(counts.pulses / counts.cycles);
  console.log(
    `Seeded ${dataDir} with synthetic data: ${counts.people} people in ${counts.units - 1} units of one organisation, ${counts.cycles} weeks of ` +
      `check-ins (about ${perWeek} pulses a week), ${counts.measureAnswers} measure answers and ` +
      `${counts.actions} patient input actions.`,
  );
  if (config.anonymityMin > perWeek)
    console.log(`ANONYMITY_MIN is ${config.anonymityMin}, so the summaries will hide the pulse results.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof DemoDirError ? error.message : error);
    process.exit(1);
  });
}
