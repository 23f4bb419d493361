// A fictional NHS trust for the benchmarks: N staff ("Test Person 00042") spread evenly over 100 wards, each
// ward a tracked Teams team with a manager, a measure owner and a summary channel, under one organisation
// unit; two partnership leads and an admin. Everyone has a 1:1 chat with the bot, as after a first weekly
// check-in. Pure: records only, written by generate.ts.
import { PrincipleId } from '../src/domain/catalogue.js';
import type { Roles } from '../src/domain/permissions.js';
import type { ConversationRef, Person, Team } from '../src/domain/roster.js';
import type { Unit } from '../src/domain/units.js';
import { conversationIdFor } from '../test/support/fake-connector.js';

export const UNITS = 100;
export const TENANT = 'tenant-bench-fictional';
export const BOT = { id: '28:bench-bot', name: 'Patient Partnership' };
/** Where the data says Teams reached everyone; inbound.ts moves it to the fake connector before a run. */
export const PLACEHOLDER_SERVICE_URL = 'https://smba.example.test/emea/';
export const ORGANISATION_ID = 'bench-organisation';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export const aadOf = (person: number) => `bench-aad-${pad(person, 5)}`;
export const teamsUserOf = (person: number) => `29:bench-user-${pad(person, 5)}`;
export const nameOf = (person: number) => `Test Person ${pad(person, 5)}`;
export const personalChatOf = (person: number) => conversationIdFor(teamsUserOf(person));
export const unitIdOf = (unit: number) => `19:bench-ward-${pad(unit, 3)}@thread.tacv2`;
export const unitOfPerson = (person: number) => person % UNITS;

/** The people of a ward, by person number: every hundredth person. */
export const membersOf = (unit: number, staff: number): number[] =>
  Array.from({ length: Math.ceil((staff - unit) / UNITS) }, (_, k) => unit + k * UNITS);

/** Each ward's manager is its first member, its measure owner its second; leads and the admin come next. */
export const managerOf = (unit: number) => unit;
export const ownerOf = (unit: number) => unit + UNITS;
export const LEADS = [2 * UNITS, 2 * UNITS + 1];
export const ADMIN = 2 * UNITS + 2;

/** One ward in ten works on four principles only, so its pulse asks four questions. */
export const principlesOf = (unit: number): PrincipleId[] =>
  unit % 10 === 9 ? ['p1', 'p2', 'p3', 'p5'] : [...PrincipleId.options];

export type Organisation = {
  people: Person[];
  conversations: ConversationRef[];
  teams: Team[];
  units: Unit[];
  roles: { aadObjectId: string; roles: Roles }[];
};

export function buildOrganisation(staff: number, since: string, now: string): Organisation {
  if (staff < 3 * UNITS) throw new Error(`bench: at least ${3 * UNITS} staff are needed, got ${staff}`);
  const everyone = Array.from({ length: staff }, (_, person) => person);
  const people = everyone.map((person): Person => ({
    aadObjectId: aadOf(person),
    teamsUserId: teamsUserOf(person),
    name: nameOf(person),
    tenantId: TENANT,
    guest: false,
    checkins: { stopped: false },
    firstSeenAt: since,
  }));
  const chat = (person: number): ConversationRef => ({
    conversationId: personalChatOf(person),
    scope: 'personal',
    serviceUrl: PLACEHOLDER_SERVICE_URL,
    tenantId: TENANT,
    botId: BOT.id,
    aadObjectId: aadOf(person),
    installed: true,
  });
  const wards = Array.from({ length: UNITS }, (_, unit) => unit);
  const channel = (unit: number): ConversationRef => ({
    conversationId: unitIdOf(unit),
    scope: 'channel',
    serviceUrl: PLACEHOLDER_SERVICE_URL,
    tenantId: TENANT,
    botId: BOT.id,
    teamId: unitIdOf(unit),
    installed: true,
  });
  const teams = wards.map((unit): Team => ({
    id: unitIdOf(unit),
    name: wardName(unit),
    tenantId: TENANT,
    serviceUrl: PLACEHOLDER_SERVICE_URL,
    state: 'active',
    channels: [{ id: unitIdOf(unit), name: 'General', state: 'active' }],
    members: Object.fromEntries(membersOf(unit, staff).map((person) => [aadOf(person), { addedAt: since }])),
    installed: true,
    membersSyncedAt: now,
  }));
  return {
    people,
    conversations: [...everyone.map(chat), ...wards.map(channel)],
    teams,
    units: [organisationUnit(since), ...wards.map((unit) => wardUnit(unit, since))],
    roles: [
      ...wards.map((unit) => ({ aadObjectId: aadOf(managerOf(unit)), roles: manages(unitIdOf(unit)) })),
      ...LEADS.map((lead) => ({
        aadObjectId: aadOf(lead),
        roles: { admin: false, lead: true, managerOf: [] },
      })),
      { aadObjectId: aadOf(ADMIN), roles: { admin: true, lead: false, managerOf: [] } },
    ],
  };
}

const manages = (unitId: string): Roles => ({ admin: false, lead: false, managerOf: [unitId] });
const wardName = (unit: number) => `Bench Ward ${pad(unit, 3)}`;

function organisationUnit(since: string): Unit {
  return {
    id: ORGANISATION_ID,
    name: 'Bench Hospitals NHS Trust (fictional)',
    level: 'organisation',
    tracked: true,
    createdAt: since,
    createdBy: aadOf(ADMIN),
    checkins: { principles: [...PrincipleId.options], owner: aadOf(LEADS[0]!) },
  };
}

function wardUnit(unit: number, since: string): Unit {
  return {
    id: unitIdOf(unit),
    name: wardName(unit),
    level: 'unit',
    parentId: ORGANISATION_ID,
    teamId: unitIdOf(unit),
    tracked: true,
    createdAt: since,
    createdBy: aadOf(ADMIN),
    checkins: {
      principles: principlesOf(unit),
      owner: aadOf(ownerOf(unit)),
      deputy: aadOf(managerOf(unit)),
    },
    summaryChannelId: unitIdOf(unit),
  };
}
