// Writes one batch's journal with group commit: saves that arrive while a write is in progress wait, and
// then all go into the next append (one write, one fsync), in the order they arrived. Only one write per
// journal runs at a time, so the lines on disk are in the order the saves were staged.
import type { Delivery } from '../domain/delivery.js';
import { journalLines, type Journal } from './delivery-journal.js';

type Save = { records: Delivery[]; resolve(): void; reject(error: unknown): void };

export type WriterHooks = {
  /** The records are on disk: from now on reads may see them. */
  written(records: Delivery[]): void;
  /** Nothing waits to be written (for compaction); called while the writer still counts as busy. */
  drained(): Promise<void>;
};

export class JournalWriter {
  /** Staged but not yet on disk, by id, with how many waiting or running writes hold that record. */
  private readonly staged = new Map<string, { record: Delivery; writes: number }>();
  private waiting: Save[] = [];
  private running: Promise<void> | undefined;

  constructor(
    readonly journal: Journal,
    private readonly batchId: string,
    private readonly hooks: WriterHooks,
  ) {}

  /** The latest state staged for this id and not yet on disk. */
  stagedRecord(id: string): Delivery | undefined {
    return this.staged.get(id)?.record;
  }

  /** True while saves wait for a write. */
  get hasWaiting(): boolean {
    return this.waiting.length > 0;
  }

  /** Resolves when the records are on disk; rejects, keeping nothing staged, if their append fails. */
  write(records: Delivery[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    for (const record of records) this.stage(record);
    return new Promise((resolve, reject) => {
      this.waiting.push({ records, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when nothing is being written, compaction included. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      await this.commit(this.waiting.splice(0));
      if (this.waiting.length === 0) await this.hooks.drained();
    }
    this.running = undefined;
  }

  private async commit(saves: Save[]): Promise<void> {
    const records = saves.flatMap((save) => save.records);
    try {
      await this.journal.append(journalLines(records));
      this.hooks.written(records);
      for (const save of saves) save.resolve();
    } catch (error) {
      // Not on disk, so not in memory either: the callers see the failure and may retry.
      for (const save of saves) save.reject(error);
    } finally {
      for (const record of records) this.unstage(record);
    }
  }

  private stage(record: Delivery): void {
    const held = this.staged.get(record.id);
    if (held?.record === record) held.writes++;
    else this.staged.set(record.id, { record, writes: 1 });
  }

  private unstage(record: Delivery): void {
    const held = this.staged.get(record.id);
    if (held?.record === record && --held.writes === 0) this.staged.delete(record.id);
  }
}
