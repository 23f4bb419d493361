// Domain records as jsonb documents: checked against their zod schemas on the way in (records.ts, as every
// store does) and again on the way out, as the lowdb store checks a file when it reads it, so a row changed
// by hand or by a newer version is reported by name instead of travelling on as a wrong record.
import { z } from 'zod';
import { InvalidRecordError, recordSchemas, type RecordOf, type RecordTable } from '../records.js';

export class InvalidRowError extends Error {
  constructor(table: RecordTable, key: string, problem: string) {
    super(
      `store: the ${table} record ${JSON.stringify(key)} in PostgreSQL does not match its schema:\n` +
        `${problem}\nNothing was changed. Put the row right (or restore it from a backup), then try again.`,
    );
    this.name = 'InvalidRowError';
  }
}

/** A row as read: the key that names it in an error, and its document. */
export type DocRow = { key: string; doc: unknown };

/**
 * The record as the JSON text a jsonb parameter takes. PostgreSQL text cannot hold the character U+0000,
 * so a record carrying one is refused here with the other invalid records, before anything is sent.
 */
export function jsonOf(table: RecordTable, record: unknown): string {
  let holdsNul = false;
  const json = JSON.stringify(record, (key: string, value: unknown) => {
    if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) holdsNul = true;
    return value;
  });
  if (holdsNul)
    throw new InvalidRecordError(table, '✖ a text holds the character U+0000, which cannot be stored');
  return json;
}

/** A document read back, checked against its record's schema. */
export function recordOf<K extends RecordTable>(table: K, { key, doc }: DocRow): RecordOf<K> {
  const parsed = recordSchemas[table].safeParse(doc);
  if (!parsed.success) throw new InvalidRowError(table, key, z.prettifyError(parsed.error));
  return parsed.data as RecordOf<K>;
}

/**
 * One field of a document, read on its own (`doc -> 'field'`) where the rest is not needed, checked against
 * that field's schema.
 */
export function fieldOf<T>(
  table: RecordTable,
  key: string,
  field: string,
  schema: z.ZodType<T>,
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidRowError(table, key, `${field}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const recordsOf = <K extends RecordTable>(table: K, rows: readonly DocRow[]): RecordOf<K>[] =>
  rows.map((row) => recordOf(table, row));
