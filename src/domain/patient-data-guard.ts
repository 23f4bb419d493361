// The guard every free-text field passes before it is saved, logged or forwarded (DOMAIN.md, "Information
// governance"). It reports which kinds of identifier it found, never where or what, so that no caller can echo
// the text back. Over-blocking is acceptable and missing lower-case or oddly spaced input is not, so every
// pattern ignores case and tolerates extra separators. Quantifiers are bounded or run over classes that cannot
// overlap, so no input can make a pattern backtrack catastrophically.

export type GuardRule =
  'nhsNumber' | 'email' | 'phone' | 'postcode' | 'niNumber' | 'dateOfBirth' | 'titleAndName' | 'bedWithDate';

// Frozen because callers share them, e.g. to map each rule to its message.
export const blockingRules: readonly GuardRule[] = Object.freeze([
  'nhsNumber',
  'email',
  'phone',
  'postcode',
  'niNumber',
] as const);
export const warningRules: readonly GuardRule[] = Object.freeze([
  'dateOfBirth',
  'titleAndName',
  'bedWithDate',
] as const);

/** What the text contains that could identify a patient: each rule at most once, in the order of the lists above. */
export type GuardResult = { blocked: GuardRule[]; warnings: GuardRule[] };

export function checkText(text: string): GuardResult {
  const plain = normalise(text);
  return {
    blocked: blockingRules.filter((rule) => detectors[rule](plain)),
    warnings: warningRules.filter((rule) => detectors[rule](plain)),
  };
}

/** Modulus 11 check of a 10-digit NHS number (digits only). */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  // Weights 10..2 on the first nine digits and 1 on the check digit: a required check digit of 10 (never
  // issued) can then never bring the sum to a multiple of 11.
  const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  return sum % 11 === 0;
}

// NFKC turns full-width digits and every kind of non-breaking space into plain ones; invisible characters
// pasted between digits (zero-width spaces, soft hyphens) would otherwise split a number in two. Digits of
// other scripts (Arabic-Indic, Devanagari, Bengali…) become ASCII ones, so "٩٩٩ ٠٠٠ ٠٠١٨" is ten digits too.
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/(?![0-9])\p{Nd}/gu, (digit) => String(digitValue(digit.codePointAt(0)!)));
}

// Unicode keeps each script's digits 0 to 9 in a row: the value is the distance from that run's zero.
function digitValue(codePoint: number): number {
  let zero = codePoint;
  while (codePoint - zero < 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return codePoint - zero;
}

// Dates and financial years are the numbers staff write most, and strung together ("01/03/2026 - 31/03/2026",
// "12/03/2026 14 people", "2024/25-2025/26") they make runs of ten digits. Only dates with a four-digit year
// are set aside (a CHI number begins with a birth date as DDMMYY), and only for the search for ten-digit runs;
// every other rule sees them as written.
const NOT_A_NUMBER = new RegExp(
  [
    String.raw`\b(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2}\b`,
    String.raw`\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b`,
    String.raw`\b20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b`,
    String.raw`\b20\d{2}/\d{2}\b`,
  ].join('|'),
  'g',
);
const withoutDatesAndTimes = (text: string): string => text.replace(NOT_A_NUMBER, ' ; ');

// Separators people type inside numbers, up to three in a row as in "943 - 476 - 5919": any space (\s covers
// U+00A0 and U+202F), dots, slashes, and the dashes Word substitutes for hyphens.
const GAP = String.raw`[\s./\u2010-\u2015\u2212-]{0,3}`;
// Phone numbers are written with brackets but rarely slashes, and dates like 01/02/2026 must not look like one.
const PHONE_GAP = String.raw`[\s.()\u2010-\u2015\u2212-]{0,3}`;
const MONTH =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const ORDINAL = '(?:st|nd|rd|th)?';

// Every standalone run of 10 digits, valid or not: a mistyped NHS number fails the check yet still identifies
// someone, and Scotland's CHI and Northern Ireland's H&C numbers are 10 digits too. A time's colon counts as
// part of the run, so "14/03/2026 09:00" is a date and a time, not 10 digits.
const NHS_NUMBER = new RegExp(String.raw`(?<!\d:?)\d(?:${GAP}\d){9}(?!:?\d)`);
// Anchored on the @ so a long run of letters is scanned once, not once from every letter.
const EMAIL = /(?<=[\w.%+'-])@[a-z\d-]+(?:\.[a-z\d-]+)+/i;
// 0 and 9-10 more digits, or +44 / 0044 (optionally "(0)") and 9-10 digits; or an area code of 3 to 5
// digits and a slash, as in "0113/496 0562" (a date's day has at most 2 digits, so "01/02/2026" is not one).
const PHONE = new RegExp(
  String.raw`(?:(?<![\d+])0|(?:\+|\b00)\s{0,2}44(?:${PHONE_GAP}\(0\))?)(?:${PHONE_GAP}\d){9,10}(?!\d)` +
    String.raw`|(?<![\d+])0\d{2,4}\s{0,2}/\s{0,2}\d(?:[\s.-]{0,2}\d){5,7}(?!\d)`,
);
// A full postcode only: an outward code alone ("LS7") names an area, not a household. Areas follow Royal
// Mail's rules (one letter only for B E G L M N S W), so a bay called "C3" or "A1" before "2nd floor" is not
// taken for one.
const POSTCODE = /\b(?:[beglmnsw]|[a-pr-uwyz][a-hk-y])\d[a-z\d]?\s{0,3}\d[a-z]{2}\b/i;
// Prefixes BG GB KN NK NT TN ZZ were never issued, so text like "GB 12 34 56 A" is not someone's number.
// The final letter is required: without it, "on 2026-03" would read as one.
const NI_NUMBER =
  /\b(?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z](?:[\s-]{0,2}\d){6}[\s-]{0,2}[a-d]\b/i;

const DATE = new RegExp(
  String.raw`\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:\d{2})?|\d{4}-\d{1,2}-\d{1,2}` +
    String.raw`|\d{1,2}${ORDINAL}\s{1,3}(?:of\s{1,3})?(?:${MONTH})` +
    String.raw`|(?:${MONTH})\.?\s{1,3}\d{1,2}${ORDINAL},?\s{1,3}\d{4})\b`,
  'gi',
);
const BIRTH_WORD = /\b(?:d\.?o\.?b|date\s{1,3}of\s{1,3}birth|born|aged)\b/i;
// About 30 characters between the word and the date, plus room for "date of birth" itself.
const NEAR = 45;
const TITLE =
  /\b(?:mrs|mr|ms|miss|mx|dr|master|sir|dame|lady|lord|prof|rev|sister|matron)(?:\.\s{0,3}|\s{1,3})(\p{L})/giu;
const BED = /\b(?:bed|bay|ward|side\s{0,2}room)\s{0,3}(?:no\.?\s{0,2})?(?:[a-z]\d{1,3}|\d{1,3}[a-z]?)\b/i;

const detectors: Record<GuardRule, (text: string) => boolean> = {
  nhsNumber: (text) => NHS_NUMBER.test(withoutDatesAndTimes(text)),
  email: (text) => EMAIL.test(text),
  phone: (text) => PHONE.test(text),
  postcode: (text) => POSTCODE.test(text),
  niNumber: (text) => NI_NUMBER.test(text),
  dateOfBirth: hasDateNearBirthWord,
  titleAndName: hasTitleAndName,
  // A bed number on its own is routine; with a date it can point at one patient's stay.
  bedWithDate: (text) => BED.test(text) && text.search(DATE) !== -1,
};

function hasDateNearBirthWord(text: string): boolean {
  for (const date of text.matchAll(DATE)) {
    const start = date.index ?? 0;
    const around = text.slice(Math.max(0, start - NEAR), start + date[0].length + NEAR);
    if (BIRTH_WORD.test(around)) return true;
  }
  return false;
}

// The title is matched in any case but the name must be capitalised: "mrs smith" is left alone, since in
// lower case "miss", "sister" and "lady" are mostly ordinary words.
function hasTitleAndName(text: string): boolean {
  for (const [, initial] of text.matchAll(TITLE)) {
    if (initial !== undefined && /\p{Lu}/u.test(initial)) return true;
  }
  return false;
}
