// An erasure's share of the core records, the same in every store: the person's record and roles go, their
// personal chats and team memberships go, and teams, units and other chats keep working under the pseudonym.
import {
  addCounts,
  erasedConversation,
  erasedTeam,
  erasedUnit,
  mentions,
  type ErasureCounts,
} from '../domain/erasure.js';
import type { Roles } from '../domain/permissions.js';
import type { ConversationRef, Person, Team } from '../domain/roster.js';
import type { Unit } from '../domain/units.js';
import { validRecord, type RecordTable } from './records.js';
import { eraseInTable, type Table } from './upkeep.js';

export type CoreTables = {
  people: Table<Person>;
  conversations: Table<ConversationRef>;
  teams: Table<Team>;
  units: Table<Unit>;
  roles: Table<Roles>;
};

/** Changes the tables in place; `changed` says whether anything is to be written. */
export function eraseFromCore(
  tables: CoreTables,
  id: string,
  pseudonym: string,
): { counts: Partial<ErasureCounts>; changed: boolean } {
  const touches = (record: unknown) => mentions(record, id);
  const own = (_record: unknown, key: string) => key === id;
  const results = [
    eraseInTable(tables.people, () => ({ record: undefined, counts: { person: 1 } }), own),
    eraseInTable(tables.roles, () => ({ record: undefined, counts: { roles: 1 } }), own),
    eraseInTable(tables.conversations, (c) => erasedConversation(c, id, pseudonym), touches),
    eraseInTable(tables.teams, (team) => erasedTeam(team, id, pseudonym), touches),
    eraseInTable(tables.units, (unit) => erasedUnit(unit, id, pseudonym), touches),
  ];
  return {
    counts: results.reduce<Partial<ErasureCounts>>((sum, result) => addCounts(sum, result.counts), {}),
    changed: results.some((result) => result.changed),
  };
}

/** A table over a Map, validating what is put in as every save does (when it holds records of a table). */
export function mapTable<T>(map: Map<string, T>, table?: RecordTable): Table<T> {
  return {
    entries: () => map.entries(),
    set: (key, record) => void map.set(key, table ? (validRecord(table, record) as T) : record),
    delete: (key) => void map.delete(key),
  };
}

/** A table over a plain object of records (a lowdb document's), validating what is put in. */
export function recordTable<T>(records: Record<string, T>, table: RecordTable): Table<T> {
  return {
    entries: () => Object.entries(records),
    set: (key, record) => void (records[key] = validRecord(table, record) as T),
    delete: (key) => void delete records[key],
  };
}
