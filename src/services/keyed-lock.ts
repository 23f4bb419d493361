/**
 * Runs work for one key at a time, in arrival order. Teams often sends two activities at once (an install
 * sends installationUpdate and conversationUpdate together): without this, both would read the same record,
 * both would ask Teams about the same person, and the second save would undo the first. One lock is shared
 * by every service that reads, changes and saves the same records.
 */
export function createKeyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.catch(() => undefined).then(work);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

export type KeyedLock = ReturnType<typeof createKeyedLock>;
