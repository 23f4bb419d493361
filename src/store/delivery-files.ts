// The lowdb store's deliveries: one journal per batch under DATA_DIR/deliveries (format and why not lowdb:
// delivery-journal.ts). Every batch with unfinished items is held in memory, indexed (delivery-index.ts);
// a finished batch is compacted to its done file and forgotten, and read from that file when asked for.
// - A save is on disk (fsynced) before it resolves, and only then seen by reads: the delivery worker never
//   acts on a state a crash could take back.
// - Saves are admitted one at a time, in call order, then written by their batch's JournalWriter, which
//   merges saves that arrive while it writes into its next append (group commit).
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { batchProgress, type Delivery } from '../domain/delivery.js';
import { addCounts, erasedDelivery, mentions, type ErasureCounts } from '../domain/erasure.js';
import { batchExpired, type PurgeCounts, type RetentionCutoff } from '../domain/retention.js';
import { batchFileStem, batchIdOfStem, fitsFileName, isBatchFileStem } from './batch-names.js';
import type { Gate } from './db.js';
import {
  byBatch,
  checkKnown,
  dueQuery,
  newDeliveries,
  validDeliveries,
  type DeliveryMethods,
} from './delivery-changes.js';
import { DeliveryIndex } from './delivery-index.js';
import { DeliveryLeases } from './delivery-leases.js';
import {
  compactJournal,
  journalFile,
  readDoneFile,
  readJournal,
  rewriteBatchFile,
  type Journal,
} from './delivery-journal.js';
import { JournalWriter } from './journal-writer.js';
import { LateUpdates } from './late-updates.js';
import { createDirectory, removeTemporaryFiles, syncPath } from './json-file.js';
import { byId } from './ordering.js';
import { validRecord } from './records.js';
import { FILES_AT_ONCE, inTurns, type UpkeepPart } from './upkeep.js';

type Batch = { id: string; stem: string; writer: JournalWriter };
/** What a save writes to one batch, given what that batch already holds; it may refuse by throwing. */
type Change = (batch: Batch, items: Delivery[]) => Delivery[];

export type DeliveryFiles = { methods: DeliveryMethods; flush(): Promise<void>; upkeep: UpkeepPart };

export async function openDeliveryFiles(dir: string, gate: Gate): Promise<DeliveryFiles> {
  await createDirectory(dir);
  await removeTemporaryFiles(dir);
  const files = new DeliveryFilesTable(dir, gate);
  await files.load();
  return {
    methods: files.methods(),
    flush: () => files.flush(),
    upkeep: {
      purge: (cutoff) => files.purge(cutoff),
      erase: (aadObjectId, pseudonym) => files.erase(aadObjectId, pseudonym),
    },
  };
}

class DeliveryFilesTable {
  private readonly index = new DeliveryIndex();
  private readonly batches = new Map<string, Batch>();
  private readonly late = new LateUpdates();
  private readonly leases = new DeliveryLeases();
  private admission: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly gate: Gate,
  ) {}

  /** Reads every journal: each is a batch with unfinished items, or one whose compaction was cut short. */
  async load(): Promise<void> {
    const names = new Set(await readdir(this.dir));
    for (const name of names) {
      const stem = /^(.*)\.jsonl$/.exec(name)?.[1];
      if (stem === undefined || !isBatchFileStem(stem)) continue;
      const contents = await readJournal(join(this.dir, name), stem);
      if (!contents) continue;
      const done = names.has(`${stem}.done.jsonl`) ? await readDoneFile(this.doneFile(stem), stem) : [];
      this.index.put(done ?? []);
      this.index.put(contents.records);
      const batch = this.hold(
        contents.batchId,
        journalFile(join(this.dir, name), contents.batchId, contents.size),
      );
      if (this.index.finished(batch.id)) await this.finish(batch);
    }
  }

  methods(): DeliveryMethods {
    const onDisk = (batch: Batch, { id }: Delivery) => this.index.get(batch.id, id) !== undefined;
    const methods: DeliveryMethods = {
      enqueueDeliveries: async (items) => {
        this.gate.refuseIfClosed();
        // A delivery staged by an earlier call is written again as that call staged it: this call too must
        // resolve only once it is on disk, and the first enqueue still wins.
        await this.admit(validDeliveries(items), (batch, group) =>
          newDeliveries(group, (item) => onDisk(batch, item)).map(
            (item) => batch.writer.stagedRecord(item.id) ?? item,
          ),
        );
      },
      dueDeliveries: async (now, limit) => this.index.due(dueQuery(now, limit), limit),
      nextDeliveryTime: async () => this.index.next(),
      interruptedDeliveries: async () => this.index.interrupted(),
      updateDeliveries: async (items) => {
        this.gate.refuseIfClosed();
        await this.admit(validDeliveries(items), (batch, group) => {
          // Translated here, in turn, so an update that waited for an erasure sees its renames.
          const translated = this.late.translate(group);
          checkKnown(
            translated,
            (item) => onDisk(batch, item) || batch.writer.stagedRecord(item.id) !== undefined,
          );
          return translated;
        });
      },
      batchDeliveries: async (batchId) =>
        this.index.batch(batchId) ?? (await this.finishedBatch(batchId)).sort(byId),
      // A batch being sent is counted as it is saved (delivery-index.ts); only a finished one is read.
      batchProgress: async (batchId) =>
        this.index.progress(batchId) ?? batchProgress(await this.finishedBatch(batchId)),
      deliveryBatches: async () => {
        // Batches with unfinished items are held; finished ones are their done files, named by their ids.
        const ids = new Set([...this.index.batchIds(), ...(await this.doneStems()).map(batchIdOfStem)]);
        const found: string[] = [];
        for (const id of ids) if ((await methods.batchProgress(id)).total > 0) found.push(id);
        return found.sort();
      },
      claimDeliveries: async (claim) => {
        this.gate.refuseIfClosed();
        let claimed = { items: [] as Delivery[], reclaimed: 0 };
        // Chosen in turn, from what is on disk with the saves still being written applied, and leased at once:
        // a claim admitted next sees these as taken.
        await this.admit(
          () => (claimed = this.leases.claim(this.index, claim, (item) => this.latest(item))).items,
          (_batch, group) => group,
        );
        return structuredClone(claimed);
      },
      renewDeliveryLeases: async (lease, items) => {
        const valid = validDeliveries(items);
        return this.leases.renew(lease, valid, this.late.translate(valid));
      },
      releaseDeliveries: async (owner, items) => {
        this.gate.refuseIfClosed();
        const lost: Delivery[] = [];
        await this.admit(validDeliveries(items), (_batch, group) => {
          const released = this.leases.release(owner, group, this.late.translate(group));
          lost.push(...released.lost);
          return released.kept;
        });
        return lost;
      },
    };
    return methods;
  }

  /** A batch not held in memory: its done file, if it has one. */
  private async finishedBatch(batchId: string): Promise<Delivery[]> {
    if (!fitsFileName(batchId)) return [];
    const stem = batchFileStem(batchId);
    return (await readDoneFile(this.doneFile(stem), stem)) ?? [];
  }

  /** The item's latest state: a save staged for it and not yet on disk, or what the index holds. */
  private latest(item: Delivery): Delivery {
    return this.batches.get(item.batchId)?.writer.stagedRecord(item.id) ?? item;
  }

  /**
   * Resolves when every save asked for so far is on disk and every compaction it started is done: saves
   * join the admission queue in the call itself, so close() finishes all of those that passed its gate.
   */
  async flush(): Promise<void> {
    await this.admission;
    await Promise.all([...this.batches.values()].map(({ writer }) => writer.settled()));
  }

  /**
   * Deletes the done files of batches whose every delivery ended before the cutoff. Batches held in memory
   * have unfinished deliveries (or a compaction still to do), so they are left for a later purge.
   */
  async purge(cutoff: RetentionCutoff): Promise<Partial<PurgeCounts>> {
    this.gate.refuseIfClosed();
    return this.exclusively(async () => {
      const held = new Set([...this.batches.values()].map((batch) => batch.stem));
      let deliveryBatches = 0;
      await inTurns(await this.doneStems(), FILES_AT_ONCE, async (stem) => {
        if (held.has(stem)) return;
        if (!batchExpired((await readDoneFile(this.doneFile(stem), stem)) ?? [], cutoff)) return;
        await rm(this.doneFile(stem), { force: true });
        deliveryBatches++;
      });
      if (deliveryBatches > 0) await syncPath(this.dir);
      return { deliveryBatches };
    });
  }

  /**
   * Puts the pseudonym in place of the person in every delivery that names them (ids, recipients, card data),
   * rewriting each file that holds one whole: the journal of a batch in memory and every done file.
   */
  async erase(id: string, pseudonym: string): Promise<Partial<ErasureCounts>> {
    this.gate.refuseIfClosed();
    return this.exclusively(async () => {
      let counts: Partial<ErasureCounts> = {};
      const count = (records: readonly Delivery[]) => {
        for (const record of records)
          counts = addCounts(counts, erasedDelivery(record, id, pseudonym).counts);
      };
      const erase = (records: readonly Delivery[]) =>
        records.map((record) => validRecord('deliveries', erasedDelivery(record, id, pseudonym).record));
      const held = new Map([...this.batches.values()].map((batch) => [batch.stem, batch]));
      await inTurns(await this.doneStems(), FILES_AT_ONCE, async (stem) => {
        const records = (await readDoneFile(this.doneFile(stem), stem)) ?? [];
        if (!mentions(records, id)) return;
        // A held batch is counted below, from everything it holds.
        if (!held.has(stem)) count(records);
        await rewriteBatchFile(this.doneFile(stem), records[0]!.batchId, erase(records));
      });
      for (const batch of held.values()) {
        const records = this.index.batch(batch.id) ?? [];
        if (!mentions(records, id)) continue;
        count(records);
        for (const record of records) if (mentions(record, id)) this.late.note(record, id, pseudonym);
        const erased = erase(records);
        const { journal } = batch.writer;
        // Every writer has settled (exclusively), so nothing is being appended.
        if (journal.size > 0) journal.replaced(await rewriteBatchFile(journal.file, batch.id, erased));
        this.index.replace(batch.id, erased);
        if (this.index.finished(batch.id)) await this.finish(batch);
      }
      return counts;
    });
  }

  /** Runs the work alone: no save is admitted until it is done, and every write already begun has ended. */
  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.admission.then(async () => {
      await Promise.all([...this.batches.values()].map(({ writer }) => writer.settled()));
      return work();
    });
    this.admission = turn.catch(() => undefined);
    return turn;
  }

  private async doneStems(): Promise<string[]> {
    return (await readdir(this.dir)).flatMap((name) => {
      const stem = /^(.*)\.done\.jsonl$/.exec(name)?.[1];
      return stem !== undefined && isBatchFileStem(stem) ? [stem] : [];
    });
  }

  /**
   * Every batch is decided before any is staged, so a refused call saves nothing. Items given as a function
   * are chosen in turn, when every save admitted before has been staged.
   */
  private async admit(items: Delivery[] | (() => Delivery[]), change: Change): Promise<void> {
    const admitted = this.admission.then(async () => {
      const groups = byBatch(typeof items === 'function' ? items() : items);
      let batches: Batch[];
      do batches = await this.loadBatches([...groups.keys()]);
      while (!batches.every((batch) => this.batches.get(batch.id) === batch));
      // From here until the writers have staged the records nothing yields, so no batch is dropped under us.
      const writes = batches.map((batch) => [batch, change(batch, groups.get(batch.id)!)] as const);
      return { written: Promise.all(writes.map(([batch, records]) => batch.writer.write(records))) };
    });
    // The next save is admitted as soon as this one is staged, while this one's write is still going on.
    this.admission = admitted.catch(() => undefined);
    const { written } = await admitted;
    await written;
  }

  /** The batches, held in memory; loading one from its done file may let another finish and be dropped. */
  private async loadBatches(ids: string[]): Promise<Batch[]> {
    const batches: Batch[] = [];
    for (const id of ids) batches.push(this.batches.get(id) ?? (await this.reopen(id)));
    return batches;
  }

  /** A batch not held is new or finished: a save to a finished one brings its done file back into memory. */
  private async reopen(batchId: string): Promise<Batch> {
    const stem = batchFileStem(batchId);
    this.index.put((await readDoneFile(this.doneFile(stem), stem)) ?? []);
    return this.hold(batchId, journalFile(join(this.dir, `${stem}.jsonl`), batchId));
  }

  private hold(id: string, journal: Journal): Batch {
    const batch: Batch = {
      id,
      stem: batchFileStem(id),
      writer: new JournalWriter(journal, id, {
        written: (records) => this.index.put(records),
        drained: async () => {
          if (this.index.holds(id) && this.index.finished(id)) await this.finish(batch);
        },
      }),
    };
    this.batches.set(id, batch);
    return batch;
  }

  /** Compacts a finished batch to its done file and forgets it. */
  private async finish(batch: Batch): Promise<void> {
    const { journal } = batch.writer;
    try {
      await compactJournal(journal, this.doneFile(batch.stem), batch.id, this.index.batch(batch.id)!);
    } catch {
      // Nothing is lost: the journal still holds every state. The batch stays in memory, and the next
      // finishing save or start-up compacts it again. The save that finished it was on disk and resolved.
      return;
    }
    // Saves that arrived meanwhile start a new journal, read over the done file at start-up.
    if (batch.writer.hasWaiting) return;
    this.batches.delete(batch.id);
    this.index.drop(batch.id);
  }

  private doneFile(stem: string): string {
    return join(this.dir, `${stem}.done.jsonl`);
  }
}
