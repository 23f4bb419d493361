// Which open partition files stay in memory (partition-files.ts). Keeping every file read for the life of the
// process kept a year of weeks after a Monday of digests; now only the files used most recently stay, and
// none left unused for long.
// Forgetting a file must never let two documents of one file exist at once: a caller may still hold the old
// one across an await, and its write would then overwrite what was saved through the fresh copy. So a file
// forgotten is only let go, not dropped: while anything still reaches its document, that same document is
// found again (a WeakRef), and the file is read afresh only once nothing can write through the old one. A
// file with a write in flight, or whose last write failed, is never let go: the disk is behind its document.

/**
 * maxOpen, for each kind of data (check-ins, actions, broadcasts, card actions): the week's cycle file and
 * each ward's week file stay through a Monday's pulse submissions for a trust of a hundred wards, and the 13
 * cycle files every digest reads (half a megabyte each, the costliest to read again) stay through ten digests
 * at once, each also reading 14 files of its own ward once. Measured (memory benchmark, 10,000 staff,
 * 52 weeks): 256 read no file more than keeping every file did and left 129 MiB of heap after the digests,
 * against 177 MiB keeping every file and 90 MiB for an empty directory; 128 left 119 MiB but read the 13
 * cycle files again.
 * idleMs: a file nobody has used for five minutes (ten at most, the timer looks every five) is let go even
 * below that: a burst of digests is over by then, and reading a file again costs milliseconds.
 */
export type KeepLimits = { maxOpen: number; idleMs: number };
export const KEEP_LIMITS: KeepLimits = { maxOpen: 256, idleMs: 5 * 60_000 };

type Slot<V> = { opening: Promise<V>; value?: V; usedAt: number };

export type KeptFilesOptions<V> = {
  limits: KeepLimits;
  /** The object every part of an opened file handed to callers reaches (its document's database). */
  anchorOf(value: V): object;
  /** Whether the file's document is all on disk, with no write in flight: only then may it be let go. */
  isSettled(value: V): boolean;
  /** Whether the store is closed: no more forgetting on a timer then. */
  isClosed(): boolean;
};

export class KeptFiles<V> {
  /** The files kept, least recently used first. */
  private readonly live = new Map<string, Slot<V>>();
  /** Files let go, still found while their documents are reachable. */
  private readonly forgotten = new Map<string, WeakRef<object>>();
  private readonly slots = new WeakMap<object, Slot<V>>();
  private readonly registry = new FinalizationRegistry<string>((key) => {
    if (this.forgotten.get(key)?.deref() === undefined) this.forgotten.delete(key);
  });
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: KeptFilesOptions<V>) {}

  /** The file's opening if kept or still reachable, kept (again) as the most recently used. */
  find(key: string): Promise<V> | undefined {
    const slot = this.live.get(key) ?? this.revive(key);
    if (!slot) return undefined;
    this.touch(key, slot);
    return slot.opening;
  }

  /** The file's opening if kept or still reachable, leaving what is kept as it was. */
  peek(key: string): Promise<V> | undefined {
    return (this.live.get(key) ?? this.slotOf(key))?.opening;
  }

  /** Keeps a file being opened; one that fails to open is forgotten, to be tried afresh next time. */
  add(key: string, opening: Promise<V>): void {
    const slot: Slot<V> = { opening, usedAt: Date.now() };
    this.live.set(key, slot);
    opening.then(
      (value) => {
        slot.value = value;
        this.registry.register(this.options.anchorOf(value), key);
      },
      () => this.live.get(key) === slot && this.live.delete(key),
    );
    this.sweep();
  }

  /** A write through a file's document: kept again if it had been let go, so flush() waits for it. */
  use(key: string, value: V): void {
    const slot = this.live.get(key) ?? this.slotOf(key);
    if (slot?.value !== value) return;
    this.forgotten.delete(key);
    this.touch(key, slot);
  }

  /** Forgets the file for good (it is being deleted), returning its opening if it was kept or reachable. */
  take(key: string): Promise<V> | undefined {
    const opening = this.peek(key);
    this.live.delete(key);
    this.forgotten.delete(key);
    return opening;
  }

  openings(): Promise<V>[] {
    return [...this.live.values()].map((slot) => slot.opening);
  }

  private slotOf(key: string): Slot<V> | undefined {
    const anchor = this.forgotten.get(key)?.deref();
    return anchor && this.slots.get(anchor);
  }

  private revive(key: string): Slot<V> | undefined {
    const slot = this.slotOf(key);
    if (slot) this.forgotten.delete(key);
    return slot;
  }

  private touch(key: string, slot: Slot<V>): void {
    this.live.delete(key);
    this.live.set(key, slot);
    slot.usedAt = Date.now();
    this.sweep();
  }

  /** Lets go of the least recently used files past maxOpen, and of any unused for idleMs, if settled. */
  private sweep(): void {
    const { limits, anchorOf, isSettled } = this.options;
    const now = Date.now();
    for (const [key, slot] of this.live) {
      // Oldest first: once one is recent and the count within bounds, so is every one after it.
      if (this.live.size <= limits.maxOpen && now - slot.usedAt < limits.idleMs) break;
      if (slot.value === undefined || !isSettled(slot.value)) continue;
      const anchor = anchorOf(slot.value);
      this.live.delete(key);
      this.slots.set(anchor, slot);
      this.forgotten.set(key, new WeakRef(anchor));
    }
    this.sweepLater();
  }

  /** Files left unused are let go on a timer too, which never keeps the process alive. */
  private sweepLater(): void {
    if (this.timer || this.live.size === 0 || this.options.isClosed()) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sweep();
    }, this.options.limits.idleMs);
    this.timer.unref();
  }
}
