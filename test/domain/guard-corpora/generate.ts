// Writes identifiers.jsonl: synthetic patient identifiers in the formats people actually type, each alone or
// inside a sentence, for measuring the patient-data guard. Run it with `npx tsx` from the project root; the
// seed is fixed, so the same file comes out every time. The tests read the committed file, not this script.
//
// Everything here is fictional by construction:
// - NHS numbers are in the never-issued 999 range, plus the widely published example 943 476 5919;
// - CHI and H&C numbers deliberately fail the Modulus 11 check, so none can ever have been issued;
// - phone numbers are in Ofcom's ranges reserved for drama;
// - emails use the reserved .test and .example domains;
// - NI numbers use administrative prefixes (CR, MW, NC, PP, PY, PZ) never allocated to a person;
// - postcodes pair real outward codes (areas, not addresses) with random inward codes.
import { writeFileSync } from 'node:fs';

type Kind = 'nhsNumber' | 'chi' | 'hc' | 'email' | 'phone' | 'postcode' | 'niNumber';
type Line = { text: string; kind: Kind };

// mulberry32: small, fast and deterministic.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20260312);
const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
const digits = (count: number): string => Array.from({ length: count }, () => String(int(0, 9))).join('');

// Sum of d1×10 … d9×2 + d10 mod 11 is 0 exactly for a valid number.
const mod11 = (number: string): number =>
  [...number].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0) % 11;
const isValid = (number: string): boolean => mod11(number) === 0;

function validNhs(): string {
  for (;;) {
    const first9 = `999${digits(6)}`;
    const remainder =
      [...first9].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0) % 11;
    const check = (11 - remainder) % 11;
    if (check !== 10) return `${first9}${check}`;
  }
}
function invalidWith(prefix: string): string {
  for (;;) {
    const number = `${prefix}${digits(10 - prefix.length)}`;
    if (!isValid(number)) return number;
  }
}
function mistyped(): string {
  const number = validNhs();
  const at = int(3, 8);
  return rand() < 0.5
    ? `${number.slice(0, at)}${number[at + 1]}${number[at]}${number.slice(at + 2)}` // two digits swapped
    : `${number.slice(0, at)}${(Number(number[at]) + int(1, 9)) % 10}${number.slice(at + 1)}`; // one wrong
}

// ---- How a 10-digit number gets written -------------------------------------------------------------------

const group = (number: string, sizes: number[], separator: string): string => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(number.slice(at, at + size));
    at += size;
  }
  return parts.join(separator);
};
const scripts: Record<string, number> = {
  fullWidth: 0xff10,
  arabicIndic: 0x0660,
  extendedArabicIndic: 0x06f0,
  devanagari: 0x0966,
  bengali: 0x09e6,
  mathematicalBold: 0x1d7ce,
  mathematicalMonospace: 0x1d7f6,
};
const inScript = (text: string, script: keyof typeof scripts): string =>
  text.replace(/\d/g, (digit) => String.fromCodePoint(scripts[script]! + Number(digit)));

const tenDigitFormats: ((number: string) => string)[] = [
  (n) => n,
  (n) => group(n, [3, 3, 4], ' '),
  (n) => group(n, [3, 3, 4], '-'),
  (n) => group(n, [3, 3, 4], '.'),
  (n) => group(n, [3, 3, 4], '/'),
  (n) => group(n, [3, 3, 4], '\u00A0'), // non-breaking space
  (n) => group(n, [3, 3, 4], '\u202F'), // narrow no-break space
  (n) => group(n, [3, 3, 4], '\u2009'), // thin space
  (n) => group(n, [3, 3, 4], '\u2007'), // figure space
  (n) => group(n, [3, 3, 4], '\u2013'), // en dash, as Word substitutes
  (n) => group(n, [3, 3, 4], '  '),
  (n) => group(n, [3, 3, 4], ' - '),
  (n) => group(n, [3, 3, 4], '\t'),
  (n) => group(n, [3, 3, 4], '\u200B'), // zero-width space pasted from a web page
  (n) => group(n, [3, 3, 4], '\u3000'), // ideographic space
  (n) => group(n, [2, 2, 2, 2, 2], ' '),
  (n) => group(n, [4, 3, 3], ' '),
  (n) => group(n, [3, 4, 3], ' '),
  (n) => group(n, [5, 5], ' '),
  (n) => `${n.slice(0, 3)} ${n.slice(3, 6)}-${n.slice(6)}`,
  (n) => inScript(group(n, [3, 3, 4], ' '), 'fullWidth'),
  (n) => inScript(n, 'fullWidth'),
];
// Digits from other scripts: a phone set to another language, or text pasted from a document.
const unicodeDigitFormats: ((number: string) => string)[] = [
  (n) => inScript(group(n, [3, 3, 4], '\u3000'), 'fullWidth'),
  (n) => inScript(group(n, [3, 3, 4], ' '), 'mathematicalBold'),
  (n) => inScript(n, 'mathematicalMonospace'),
  (n) => inScript(n, 'arabicIndic'),
  (n) => inScript(group(n, [3, 3, 4], ' '), 'arabicIndic'),
  (n) => inScript(group(n, [3, 3, 4], ' '), 'extendedArabicIndic'),
  (n) => inScript(group(n, [3, 3, 4], ' '), 'devanagari'),
  (n) => inScript(n, 'bengali'),
];
const wrappers: ((text: string) => string)[] = [
  (t) => t,
  (t) => `(${t})`,
  (t) => `[${t}]`,
  (t) => `"${t}"`,
  (t) => `\u201C${t}\u201D`,
  (t) => `'${t}'`,
  (t) => `\u2018${t}\u2019`,
  (t) => `<${t}>`,
  (t) => `\u00AB${t}\u00BB`,
  (t) => `${t}.`,
  (t) => `${t},`,
  (t) => `${t};`,
  (t) => `${t}?`,
  (t) => `#${t}`,
  (t) => `(${t}).`,
];

// Sentences staff might write, with {} where the identifier goes. None contains a digit of its own.
const nhsContexts = [
  '{}',
  'NHS number {}',
  'NHS no. {}',
  'NHS No:{}',
  'NHS:{}',
  'nhs no {}',
  'Patient {} asked for a copy of the leaflet',
  'Feedback came from {} via PALS',
  'Can someone ring back about NHS number {} please?',
  "Mum's NHS number is {}, she missed her appointment",
  'Carer gave {} so we could find the referral',
  'Pt {} said the discharge letter was confusing',
  'Complaint from the family of {} about parking',
  'Please check the notes for {} before the panel',
  'Spoke to the daughter of patient {} today',
  '{} - asked to join the patient panel',
  'Follow up with {} re transport',
  'Referral for NHS number {} was delayed again',
  'Comment card signed with {}',
  'He wrote his number on the form: {}',
];
const chiContexts = [
  '{}',
  'CHI {}',
  'CHI no. {}',
  'CHI number: {}',
  'chi {}',
  'Patient (CHI {}) asked about the clinic move',
  'Feedback from the carer of {} in Fife',
  'CHI number {} given by the family at the drop-in',
  'Please look up {} on TrakCare before the review',
];
const hcContexts = [
  '{}',
  'H&C {}',
  'H&C number {}',
  'H+C no. {}',
  'HCN: {}',
  'Health and care number {} from the Belfast clinic',
  'Patient {} from the Derry outreach asked about transport',
];

// Trailing punctuation only where the identifier ends the sentence.
function embed(contexts: string[], wrappers: ((text: string) => string)[], text: string): string {
  const context = pick(contexts);
  const fitting = context.endsWith('{}') ? wrappers : wrappers.filter((wrap) => !/[.,;?]$/.test(wrap('x')));
  return context.replace('{}', pick(fitting)(text));
}

// ---- The identifiers ---------------------------------------------------------------------------------------

const lines: Line[] = [];
const add = (kind: Kind, text: string): void => {
  lines.push({ kind, text });
};

// NHS numbers: every ten-digit format with a valid, a mistyped and a check-10 number, then a second pass with
// fresh numbers; then the other scripts' digits.
const nhsNumbers = (): string[] => [
  validNhs(),
  mistyped(),
  invalidWith('999'),
  pick(['9434765919', '9990000018', '9990000026', '9991234560']),
];
for (const format of tenDigitFormats) {
  for (const number of nhsNumbers()) add('nhsNumber', embed(nhsContexts, wrappers, format(number)));
}
for (const format of tenDigitFormats) {
  add('nhsNumber', embed(nhsContexts, wrappers, format(validNhs())));
}
unicodeDigitFormats.forEach((format, i) => {
  add('nhsNumber', embed(nhsContexts, wrappers, format(i % 2 === 0 ? validNhs() : mistyped())));
});

// CHI: date of birth as DDMMYY, two serial digits, a sex digit and a check digit that never passes.
const chiFormats: ((number: string) => string)[] = [
  (n) => n,
  (n) => group(n, [6, 4], ' '),
  (n) => group(n, [6, 4], '-'),
  (n) => group(n, [3, 3, 4], ' '),
  (n) => group(n, [2, 2, 2, 4], ' '),
  (n) => group(n, [6, 4], '\u00A0'),
  (n) => group(n, [6, 4], '  '),
  (n) => group(n, [2, 2, 2, 4], '.'),
];
function chi(): string {
  const date = new Date(Date.UTC(int(1930, 2024), int(0, 11), int(1, 28)));
  const ddmmyy =
    String(date.getUTCDate()).padStart(2, '0') +
    String(date.getUTCMonth() + 1).padStart(2, '0') +
    String(date.getUTCFullYear() % 100).padStart(2, '0');
  return invalidWith(ddmmyy);
}
for (let i = 0; i < 32; i++)
  add('chi', embed(chiContexts, wrappers, chiFormats[i % chiFormats.length]!(chi())));

// H&C: ten digits from 320 to 399.
const hcFormats = [
  (n: string) => group(n, [3, 3, 4], ' '),
  (n: string) => n,
  (n: string) => group(n, [3, 3, 4], '-'),
  (n: string) => group(n, [3, 3, 4], '\u00A0'),
  (n: string) => group(n, [3, 3, 4], '.'),
];
for (let i = 0; i < 20; i++) {
  add(
    'hc',
    embed(hcContexts, wrappers, hcFormats[i % hcFormats.length]!(invalidWith(String(int(320, 399))))),
  );
}

// Emails.
const locals = [
  'jo.bloggs',
  'a.n.other',
  'sam.carer',
  'r_okonkwo',
  'priya.mistry74',
  'k.o-neill',
  "d.o'brien",
  'tomasz.nowak',
  'hafsa.begum',
  'lee1987',
  'm.jones2',
  'aisha_r',
];
const domains = [
  'example.test',
  'mail.example.test',
  'nhs.example',
  'trust.nhs.example',
  'gp.nhs.example',
  'carers-group.example.test',
  'patients.example.test',
  'uni.example.test',
];
const emailCases: ((local: string, domain: string) => string)[] = [
  (l, d) => `${l}@${d}`,
  (l, d) => `${l}@${d}`.toUpperCase(),
  (l, d) => `${l.replace(/(^|[._-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase())}@${d}`,
  (l, d) => `${l}+feedback@${d}`,
  (l, d) => `${l}+panel@${d}`.toUpperCase(),
  (l, d) => `${l}@${d.replace(/(^|\.)([a-z])/g, (match) => match.toUpperCase())}`,
];
const emailContexts = [
  '{}',
  'Email: {}',
  'email {}',
  'Sent from {} on behalf of her dad',
  'Her daughter asked us to write to {} instead',
  'Send the minutes to {} please',
  'Patient left {} on the comment card',
  'Contact the carer on {} about the focus group',
  'Reply sent to {}',
  'E-mail address {} from the survey',
  'From: Jo Bloggs {}',
];
const plainWrappers: ((text: string) => string)[] = [
  (t: string) => t,
  (t: string) => `(${t})`,
  (t: string) => `${t}.`,
  (t: string) => `<${t}>`,
  (t: string) => `${t},`,
];
for (let i = 0; i < 46; i++) {
  const address = emailCases[i % emailCases.length]!(pick(locals), pick(domains));
  add('email', embed(emailContexts, plainWrappers, address));
}

// UK phones in Ofcom's drama ranges: [area code, local number with the right number of digits].
const landlines: [string, () => string][] = [
  ['020', () => `7946 0${digits(3)}`],
  ['0113', () => `496 0${digits(3)}`],
  ['0114', () => `496 0${digits(3)}`],
  ['0117', () => `496 0${digits(3)}`],
  ['0121', () => `496 0${digits(3)}`],
  ['0131', () => `496 0${digits(3)}`],
  ['0141', () => `496 0${digits(3)}`],
  ['0161', () => `496 0${digits(3)}`],
  ['028', () => `9649 6${digits(3)}`],
  ['029', () => `2018 0${digits(3)}`],
  ['01632', () => `960${digits(3)}`],
];
const mobile = (): [string, string] => ['07700', `900${digits(3)}`];
const phoneFormats: ((area: string, local: string) => string)[] = [
  (a, l) => `${a} ${l}`,
  (a, l) => `${a}${l.replace(/ /g, '')}`,
  (a, l) => `${a}-${l.replace(/ /g, '-')}`,
  (a, l) => `(${a}) ${l}`,
  (a, l) => `+44 ${a.slice(1)} ${l}`,
  (a, l) => `+44${a.slice(1)}${l.replace(/ /g, '')}`,
  (a, l) => `+44 (0)${a.slice(1)} ${l}`,
  (a, l) => `+44 (0) ${a.slice(1)} ${l}`,
  (a, l) => `0044 ${a.slice(1)} ${l}`,
  (a, l) => `00 44 ${a.slice(1)} ${l}`,
  (a, l) => `+44-${a.slice(1)}-${l.replace(/ /g, '-')}`,
  (a, l) => `${a}.${l.replace(/ /g, '.')}`,
  (a, l) => `${a}\u00A0${l.replace(/ /g, '\u00A0')}`,
  (a, l) => `${a}  ${l}`,
  (a, l) => `${a} ${l.replace(/ /g, '').slice(0, 3)} ${l.replace(/ /g, '').slice(3)}`,
  (a, l) => inScript(`${a} ${l}`, 'fullWidth'),
];
const phoneContexts = [
  '{}',
  'Tel: {}',
  'tel {}',
  'Mob: {}',
  'mobile {}',
  'Please ring the patient back on {}',
  'Carer can be reached on {} after 5pm',
  'Left a voicemail on {}',
  'Her son asked us to call {} instead',
  'Number on the comment card: {}',
  'Call back requested, {}',
  'Ph {} (daughter)',
];
for (let i = 0; i < 56; i++) {
  const [area, local] =
    i % 3 === 0
      ? mobile()
      : (() => {
          const [code, make] = pick(landlines);
          return [code, make()] as [string, string];
        })();
  add('phone', embed(phoneContexts, plainWrappers, phoneFormats[i % phoneFormats.length]!(area, local)));
}

// Full postcodes: every outward shape (A9, A99, A9A, AA9, AA99, AA9A), written many ways.
const outwards = [
  'M1',
  'B33',
  'W1A',
  'LS7',
  'CR2',
  'SW1A',
  'BD3',
  'NE6',
  'EH11',
  'G31',
  'CF10',
  'L8',
  'HU3',
  'E1W',
  'BS5',
  'S2',
];
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';
const inward = (): string => `${int(0, 9)}${pick([...inwardLetters])}${pick([...inwardLetters])}`;
const postcodeFormats: ((outward: string, inward: string) => string)[] = [
  (o, i) => `${o} ${i}`,
  (o, i) => `${o}${i}`,
  (o, i) => `${o} ${i}`.toLowerCase(),
  (o, i) => `${o}${i}`.toLowerCase(),
  (o, i) => `${o}  ${i}`,
  (o, i) => `${o[0]}${o.slice(1).toLowerCase()} ${i.toLowerCase()}`,
  (o, i) => `${o}\u00A0${i}`,
  (o, i) =>
    inScript(`${o} ${i}`, 'fullWidth').replace(/[A-Z]/g, (c) =>
      String.fromCodePoint(0xff21 + c.charCodeAt(0) - 65),
    ),
];
const postcodeContexts = [
  '{}',
  'Postcode: {}',
  'postcode {}',
  'Lives at 14 Example Road, Leeds {}',
  'Address on the form ended {}',
  'Patient from {} asked about transport',
  'Flat 3, Example House, {}',
  'Home visit to {} arranged',
  'Carer moved to {} last month',
];
for (let i = 0; i < 42; i++) {
  const text = postcodeFormats[i % postcodeFormats.length]!(pick(outwards), inward());
  add('postcode', embed(postcodeContexts, plainWrappers, text));
}

// NI numbers with administrative prefixes.
const niPrefixes = ['CR', 'MW', 'NC', 'PP', 'PY', 'PZ'];
const niFormats: ((prefix: string, number: string, suffix: string) => string)[] = [
  (p, n, s) => `${p} ${group(n, [2, 2, 2], ' ')} ${s}`,
  (p, n, s) => `${p}${n}${s}`,
  (p, n, s) => `${p}${n}${s}`.toLowerCase(),
  (p, n, s) => `${p} ${group(n, [2, 2, 2], ' ')} ${s}`.toLowerCase(),
  (p, n, s) => `${p} ${n} ${s}`,
  (p, n, s) => `${p}-${group(n, [2, 2, 2], '-')}-${s}`,
  (p, n, s) => `${p}\u00A0${group(n, [2, 2, 2], '\u00A0')}\u00A0${s}`,
  (p, n, s) => `${p}${group(n, [2, 2, 2], ' ')}${s}`,
  (p, n, s) => `${p} ${group(n, [2, 2, 2], ' ')}${s}`.toLowerCase(),
];
const niContexts = [
  '{}',
  'NI number {}',
  'NI no: {}',
  'NINO {}',
  'National Insurance number {}',
  'ni {}',
  'Volunteer expenses form gave {}',
  'Patient partner payment needs {} for payroll',
  'Carer quoted {} when asking about benefits',
];
for (let i = 0; i < 32; i++) {
  const text = niFormats[i % niFormats.length]!(pick(niPrefixes), digits(6), pick(['A', 'B', 'C', 'D']));
  add('niNumber', embed(niContexts, plainWrappers, text));
}

// Rarer ways of writing, once each.
add('phone', 'Tel 0113/496 0562 (home)');
add('postcode', 'Postcode   LS7   4RT   on the form');
add('niNumber', 'NI number MW 48 21 07 with no letter at the end');

// ---- Write ----------------------------------------------------------------------------------------------------

// Spaces other than U+0020 and invisible characters are written as \u escapes, so a reader can see them.
function escapeInvisible(json: string): string {
  return json.replace(
    /[\u007F-\u00A0\u00AD\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

const seen = new Set<string>();
const unique = lines.filter((line) => !seen.has(line.text) && seen.add(line.text));
writeFileSync(
  new URL('./identifiers.jsonl', import.meta.url),
  unique.map((line) => escapeInvisible(JSON.stringify({ text: line.text, kind: line.kind }))).join('\n') +
    '\n',
);
console.log(`${unique.length} identifiers written (${lines.length - unique.length} duplicates dropped)`);
