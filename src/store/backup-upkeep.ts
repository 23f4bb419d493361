// The lowdb store's share of retention purges and erasures for the backups it makes before migrating a file
// (`<file>.v<N>.bak`, see json-file.ts). A backup is a full copy of the file as it was, so an erasure that left
// it would leave the person in it, and retention would keep its history for ever. Nothing reads backups: an
// operator restores one by hand, so a backup is deleted whole, never rewritten.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RetentionCutoff } from '../domain/retention.js';
import { syncPath } from './json-file.js';
import type { UpkeepPart } from './upkeep.js';

const isBackup = (name: string) => /\.v\d+\.bak$/.test(name);

async function backupsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && isBackup(entry.name))
    .map((e) => join(e.parentPath, e.name));
}

async function remove(file: string): Promise<void> {
  await rm(file, { force: true });
  await syncPath(dirname(file));
}

export function backupUpkeep(dataDir: string): UpkeepPart {
  return {
    async purge(cutoff: RetentionCutoff) {
      let backups = 0;
      for (const file of await backupsUnder(dataDir)) {
        if ((await stat(file)).mtime.toISOString() >= cutoff.at) continue;
        await remove(file);
        backups++;
      }
      return { backups };
    },
    async erase(aadObjectId: string) {
      let backups = 0;
      for (const file of await backupsUnder(dataDir)) {
        if (!(await readFile(file, 'utf8')).includes(JSON.stringify(aadObjectId).slice(1, -1))) continue;
        await remove(file);
        backups++;
      }
      return { backups };
    },
  };
}
