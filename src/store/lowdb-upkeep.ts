// Retention purges and erasures for the lowdb store: every part's share (file-upkeep.ts, delivery-files.ts,
// audit-files.ts) and the core file's, one upkeep at a time, so a purge never deletes a file an erasure is
// rewriting.
//
// An erasure touches many files, and a stop can cut it short. Its pseudonym is noted in core.json before any
// file changes, and the note goes in the same write that removes the person: an erasure cut short is finished
// with the same pseudonym (by the next erasure of the person, or when the store opens), so one person never
// becomes two pseudonyms and every count stays right.
import { addCounts, mentions, replaceId, type ErasureCounts } from '../domain/erasure.js';
import type { CoreFile } from './core-file.js';
import { eraseFromCore, recordTable } from './core-erasure.js';
import type { Db, Gate, TrackedWriter } from './db.js';
import { validRecord } from './records.js';
import type { Store } from './store.js';
import { checkErasure, eraseParts, purgeParts, type UpkeepPart } from './upkeep.js';

export type LowdbCore = { db: Db<CoreFile>; writer: TrackedWriter; gate: Gate };

export function lowdbUpkeep(core: LowdbCore, parts: readonly UpkeepPart[]) {
  const { db, writer, gate } = core;
  let turn: Promise<unknown> = Promise.resolve();
  const alone = <T>(work: () => Promise<T>): Promise<T> => {
    gate.refuseIfClosed();
    const mine = turn.then(work);
    turn = mine.catch(() => undefined);
    return mine;
  };

  /** The pseudonym the person's erasure goes on with: one noted earlier wins. On disk before it returns. */
  async function begin(id: string, pseudonym: string): Promise<string> {
    gate.refuseIfClosed();
    const noted = db.data.erasures?.[id];
    if (noted !== undefined) return noted;
    db.data.erasures = { ...db.data.erasures, [id]: pseudonym };
    await writer.write();
    return pseudonym;
  }

  /** The core file's share, with the note of the erasure removed, in one write. */
  async function finish(id: string, pseudonym: string): Promise<Partial<ErasureCounts>> {
    gate.refuseIfClosed();
    const data = db.data;
    const { counts } = eraseFromCore(
      {
        people: recordTable(data.people, 'people'),
        conversations: recordTable(data.conversations, 'conversations'),
        teams: recordTable(data.teams, 'teams'),
        units: recordTable(data.units, 'units'),
        roles: recordTable(data.roles, 'roles'),
      },
      id,
      pseudonym,
    );
    if (data.settings && mentions(data.settings, id))
      data.settings = validRecord('settings', replaceId(data.settings, id, pseudonym));
    const { [id]: _finished, ...others } = data.erasures ?? {};
    if (Object.keys(others).length > 0) data.erasures = others;
    else delete data.erasures;
    await writer.write();
    return counts;
  }

  const erasePerson: Store['erasePerson'] = (id, pseudonym) =>
    alone(async () => {
      checkErasure(id, pseudonym);
      const used = await begin(id, pseudonym);
      const counts = await eraseParts(parts, id, used);
      return { pseudonym: used, counts: addCounts(counts, await finish(id, used)) };
    });

  return {
    purgeBefore: ((cutoff) => alone(() => purgeParts(parts, cutoff))) as Store['purgeBefore'],
    erasePerson,
    /** Finishes the erasures a stop cut short. */
    async resume(): Promise<void> {
      for (const [id, pseudonym] of Object.entries(db.data.erasures ?? {})) await erasePerson(id, pseudonym);
    },
  };
}
