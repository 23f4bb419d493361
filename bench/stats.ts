// Small statistics for repeated measurements on a noisy shared machine.

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value below which `share` (0–1) of the values fall (nearest rank). */
export function quantile(values: readonly number[], share: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** Runs `steps` in turn, `rounds` times, reversing the order every other round so neither always goes first. */
export async function interleave<K extends string>(
  rounds: number,
  steps: Record<K, (round: number) => Promise<void>>,
): Promise<void> {
  const names = Object.keys(steps) as K[];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) await steps[name](round);
  }
}
