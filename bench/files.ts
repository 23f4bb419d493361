// Data directories for the benchmarks: sizes, and throwaway copies of a cached one (a bot run writes to its
// directory and takes its lock, and the cache must stay as it was generated).
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await directoryBytes(path) : (await stat(path)).size;
  }
  return total;
}

export type Scratch = { dataDir: string; remove(): Promise<void> };

/** A copy of `source` in a new temporary directory; an empty data directory when there is no source. */
export async function scratchCopy(source: string | undefined, label: string): Promise<Scratch> {
  const home = await mkdtemp(join(tmpdir(), `bench-${label}-`));
  const dataDir = join(home, 'data');
  if (source) await cp(source, dataDir, { recursive: true });
  return { dataDir, remove: () => rm(home, { recursive: true, force: true }) };
}
