// The lowdb store's deliveries: one journal per batch under DATA_DIR/deliveries (format and why not lowdb:
// delivery-journal.ts). Every batch with unfinished items is held in memory, indexed (delivery-index.ts);
// a finished batch is compacted to its done file and forgotten, and read from that file when asked for.
// - A save is on disk (fsynced) before it resolves, and only then seen by reads: the delivery worker never
//   acts on a state a crash could take back.
// - Saves are admitted one at a time, in call order, then written by their batch's JournalWriter, which
//   merges saves that arrive while it writes into its next append (group commit).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Delivery } from '../domain/delivery.js';
import { batchFileStem, fitsFileName, isBatchFileStem } from './batch-names.js';
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
import { compactJournal, readDoneFile, readJournal, type Journal } from './delivery-journal.js';
import { JournalWriter } from './journal-writer.js';
import { createDirectory, removeTemporaryFiles } from './json-file.js';
import { byId } from './ordering.js';

type Batch = { id: string; stem: string; writer: JournalWriter };
/** What a save writes to one batch, given what that batch already holds; it may refuse by throwing. */
type Change = (batch: Batch, items: Delivery[]) => Delivery[];

export type DeliveryFiles = { methods: DeliveryMethods; flush(): Promise<void> };

export async function openDeliveryFiles(dir: string, gate: Gate): Promise<DeliveryFiles> {
  await createDirectory(dir);
  await removeTemporaryFiles(dir);
  const files = new DeliveryFilesTable(dir, gate);
  await files.load();
  return { methods: files.methods(), flush: () => files.flush() };
}

class DeliveryFilesTable {
  private readonly index = new DeliveryIndex();
  private readonly batches = new Map<string, Batch>();
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
      const batch = this.hold(contents.batchId, {
        file: join(this.dir, name),
        size: contents.size,
        dirty: false,
      });
      if (this.index.finished(batch.id)) await this.finish(batch);
    }
  }

  methods(): DeliveryMethods {
    const onDisk = (batch: Batch, { id }: Delivery) => this.index.get(batch.id, id) !== undefined;
    return {
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
          checkKnown(
            group,
            (item) => onDisk(batch, item) || batch.writer.stagedRecord(item.id) !== undefined,
          );
          return group;
        });
      },
      batchDeliveries: async (batchId) => {
        const held = this.index.batch(batchId);
        if (held || !fitsFileName(batchId)) return held ?? [];
        const stem = batchFileStem(batchId);
        return ((await readDoneFile(this.doneFile(stem), stem)) ?? []).sort(byId);
      },
    };
  }

  /**
   * Resolves when every save asked for so far is on disk and every compaction it started is done: saves
   * join the admission queue in the call itself, so close() finishes all of those that passed its gate.
   */
  async flush(): Promise<void> {
    await this.admission;
    await Promise.all([...this.batches.values()].map(({ writer }) => writer.settled()));
  }

  /** Every batch is decided before any is staged, so a refused call saves nothing. */
  private async admit(items: Delivery[], change: Change): Promise<void> {
    const admitted = this.admission.then(async () => {
      const groups = byBatch(items);
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
    return this.hold(batchId, { file: join(this.dir, `${stem}.jsonl`), size: 0, dirty: false });
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
