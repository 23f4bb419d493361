// core.json as the lowdb store's next open reads it: the file, with the journal of saves beside it replayed on
// top (core-journal.ts), read with the store's own schemas. For tests that check what reached the disk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CoreFile, emptyCore } from '../../src/store/core-file.js';
import { applyToCore, CORE_JOURNAL_NAME, readCoreJournal } from '../../src/store/core-journal.js';

export async function coreOnDisk(dataDir: string): Promise<CoreFile> {
  const text = await readFile(join(dataDir, 'core.json'), 'utf8').catch(() => undefined);
  const core = text === undefined ? emptyCore() : CoreFile.parse(JSON.parse(text));
  for (const line of (await readCoreJournal(join(dataDir, CORE_JOURNAL_NAME), { cut: false })) ?? [])
    applyToCore(core, line);
  return core;
}
