// A delivery batch's file name stem. Batch ids come from callers (a unit's Teams id such as
// "19:ward-7@thread.tacv2" may be part of one), so they are encoded rather than trusted: lower-case letters,
// digits and "-" stand for themselves, and every other UTF-8 byte becomes "_" and two upper-case hex digits.
// So a stem can never hold "/" or "..", never contains "." (which would make batch "x.done" look like the
// finished file of batch "x"), and two different ids never share a name, even on a file system that ignores
// case (macOS, Windows): letters that are literal are always lower case, hex digits always upper case.
const literal = /^[a-z0-9-]$/;

// File names may be 255 bytes; this leaves room for ".done.jsonl" and a temporary file's suffix.
const MAX_STEM = 200;

export function batchFileStem(batchId: string): string {
  let stem = '';
  for (const char of batchId) {
    if (literal.test(char)) stem += char;
    else
      for (const byte of Buffer.from(char, 'utf8'))
        stem += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return stem;
}

/** A batch id too long for a file name is refused when saved, not when its file is first written. */
export const fitsFileName = (batchId: string): boolean => batchFileStem(batchId).length <= MAX_STEM;

export const isBatchFileStem = (stem: string): boolean => /^(?:[a-z0-9-]|_[0-9A-F]{2})+$/.test(stem);

/** The batch id a stem names (batchFileStem's inverse), for listing what the files hold. */
export function batchIdOfStem(stem: string): string {
  if (!isBatchFileStem(stem)) throw new RangeError(`store: ${JSON.stringify(stem)} is no batch file stem.`);
  const bytes = stem
    .match(/_[0-9A-F]{2}|./g)!
    .map((part) => (part.length === 3 ? Number.parseInt(part.slice(1), 16) : part.charCodeAt(0)));
  return Buffer.from(bytes).toString('utf8');
}
