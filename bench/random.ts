// Deterministic randomness for the synthetic data: the same parameters give the same trust on every machine,
// so cached data and fresh data are alike and two runs measure the same thing.

/** mulberry32: small, fast and well spread for this use. */
export function randomFrom(seed: number) {
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
  const chance = (probability: number) => next() < probability;
  /** `share` of the items (rounded), in random order. */
  const sample = <T>(items: readonly T[], share: number): T[] => {
    const copy = [...items];
    const count = Math.round(copy.length * share);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  };
  return { next, int, pick, chance, sample };
}

export type Random = ReturnType<typeof randomFrom>;
