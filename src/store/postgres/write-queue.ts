// Orders writes by key: one asked for after another on the same key starts only once that one has finished,
// so two saves of one record land in the order they were made, whichever pooled connection each gets.
// Writes on different keys do not wait for each other.
export type WriteQueue = <T>(keys: readonly string[], work: () => Promise<T>) => Promise<T>;

export function writeQueue(): WriteQueue {
  // The last write asked for on each key, settled (never rejecting), so a failure does not stop the next.
  const tails = new Map<string, Promise<void>>();
  return (keys, work) => {
    const before = keys.flatMap((key) => tails.get(key) ?? []);
    const result = before.length === 0 ? work() : Promise.all(before).then(work);
    const tail = result.then(
      () => {},
      () => {},
    );
    for (const key of keys) tails.set(key, tail);
    void tail.then(() => {
      for (const key of keys) if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
