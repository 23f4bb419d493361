// DOMAIN.md's "Information governance" guard: what blocks, what only warns, and what ordinary involvement
// text must pass untouched. Synthetic NHS numbers use the never-issued 999 range or the published example.
import { describe, expect, it } from '@jest/globals';
import {
  blockingRules,
  checkText,
  isValidNhsNumber,
  warningRules,
  type GuardRule,
} from '../../src/domain/patient-data-guard.js';

const found = (text: string): GuardRule[] => {
  const { blocked, warnings } = checkText(text);
  return [...blocked, ...warnings];
};

describe('isValidNhsNumber', () => {
  it.each([
    ['9990000018', true],
    ['9990000026', true],
    ['9434765919', true],
    ['9434765918', false], // wrong check digit
    ['9434765991', false], // last two digits swapped
    ['1234567890', false], // check digit would be 10, never issued
    ['9991234560', false], // check digit would be 10, often quoted as an example
    ['943 476 5919', false], // digits only
    ['943476591', false],
    ['94347659190', false],
    ['94347659a9', false],
    ['', false],
  ])('%s → %s', (digits, valid) => {
    expect(isValidNhsNumber(digits)).toBe(valid);
  });
});

describe('nhsNumber blocks every standalone run of 10 digits', () => {
  it.each(['9990000018', '9990000026', '9434765919', '9434765918', '9434765991', '1234567890', '9991234560'])(
    'valid or not: %s',
    (digits) => {
      expect(checkText(`NHS no ${digits}`).blocked).toContain('nhsNumber');
    },
  );

  it.each([
    '943 476 5919',
    '943-476-5919',
    '9434765919',
    '943.476.5919',
    '943/476/5919',
    '943\u00A0476\u00A05919',
    '943\u202F476\u202F5919',
    '94 34 76 59 19',
    '943  476   5919',
    '943 - 476 - 5919',
    '943–476–5919',
    '943\u200B476\u200B5919',
    '９４３４７６５９１９',
    'nhs:9434765919.',
    '(943 476 5919)',
    'patient 9434765919 seen',
    'NHS:9434765919: seen at 10:30',
    '943\n476\n5919',
  ])('%j', (text) => {
    expect(checkText(text).blocked).toContain('nhsNumber');
  });

  it.each([
    ['9 digits', '943476591'],
    ['9 digits spaced', '943 476 591'],
    ['11 digits', '94347659190'],
    ['12 digits', '943476591912'],
    ['13 digits', '9434765919123'],
    ['an ISO date', '2026-03-14'],
    ['a date and a time', '14/03/2026 09:00'],
    ['a time and a date', 'from 09:00 14/03/2026'],
    ['a time range', '09:00-17:00'],
    ['thousands', '1,000,000 and 2,500'],
  ])('not for %s', (_name, text) => {
    expect(checkText(text).blocked).not.toContain('nhsNumber');
  });
});

describe('email', () => {
  it.each([
    'jo.bloggs@nhs.net',
    'JO.BLOGGS@NHS.NET',
    'Contact jo_bloggs+panel@example.co.uk today',
    "o'brien@example.org",
    '<someone@trust.nhs.uk>',
  ])('%s blocks', (text) => {
    expect(checkText(text).blocked).toContain('email');
  });

  it.each(['@nhs.net', 'email the team', 'jo@nhs', 'meet @ 3pm', 'jo@ nhs.net'])('%s passes', (text) => {
    expect(found(text)).not.toContain('email');
  });
});

describe('phone', () => {
  it.each([
    '01632 960 001',
    '01632960001',
    '07700 900123',
    '07700900123',
    '+44 7700 900123',
    '+447700900123',
    '+44 (0)20 7946 0000',
    '+44(0)2079460000',
    '0044 20 7946 0000',
    '(01632) 960001',
    '020 7946 0000',
    '020-7946-0000',
    '0113 496 0000',
    '01632 96000',
    'call 07700  900 123 please',
  ])('%s blocks', (text) => {
    expect(checkText(text).blocked).toContain('phone');
  });

  it.each([
    '0800 123',
    '07700 9001',
    '077009001234',
    '+1 202 555 0100',
    'Phone line hours extended to 8pm',
    'ext 4521',
  ])('%s passes', (text) => {
    expect(found(text)).not.toContain('phone');
  });

  it('a 10-digit number is a phone number and an NHS number both', () => {
    expect(checkText('01632 96000').blocked).toEqual(['nhsNumber', 'phone']);
  });
});

describe('postcode', () => {
  it.each([
    'LS7 4AB',
    'ls74ab',
    'SW1A 1AA',
    'sw1a1aa',
    'm1 1ae',
    'M1  1AE',
    'B33 8TH',
    'CR2 6XH',
    'at LS7 4AB.',
  ])('%s blocks', (text) => {
    expect(checkText(text).blocked).toContain('postcode');
  });

  it.each(['LS7', 'the LS7 community group', 'SW1A', 'M1 motorway', 'LS7 4A', 'LS7 4ABC', 'Q3 2026'])(
    '%s passes',
    (text) => {
      expect(found(text)).not.toContain('postcode');
    },
  );
});

describe('niNumber', () => {
  it.each(['AB 12 34 56 C', 'ab123456c', 'AB123456C', 'AB 123456 C', 'ce 12 34 56 d', 'JZ-12-34-56-A'])(
    '%s blocks',
    (text) => {
      expect(checkText(text).blocked).toContain('niNumber');
    },
  );

  it.each([
    ['Q first letter', 'QQ 12 34 56 C'],
    ['D first letter', 'DA 12 34 56 A'],
    ['O second letter', 'AO 12 34 56 A'],
    ['BG never issued', 'BG 12 34 56 A'],
    ['GB never issued', 'gb123456a'],
    ['NK never issued', 'NK123456A'],
    ['ZZ never issued', 'ZZ 12 34 56 D'],
    ['suffix after D', 'AB 12 34 56 E'],
    ['five digits', 'AB 12 34 5 C'],
    ['inside a word', 'XAB123456C'],
  ])('%s passes: %s', (_name, text) => {
    expect(found(text)).not.toContain('niNumber');
  });
});

describe('dateOfBirth warns on a date near DOB, born or aged', () => {
  it.each([
    'DOB 14/03/1952',
    'dob: 14-3-52',
    'D.O.B. 14.03.1952',
    'd.o.b 1952-03-14',
    'Date of birth: 14 March 1952',
    'date  of birth 3rd March 1952',
    'born on 14th of march 1952',
    'Born March 14, 1952',
    '14/03/1952 (DOB)',
    'lady aged 84 admitted on 14 March',
    'aged 84, seen 2026-03-14',
  ])('%s', (text) => {
    expect(checkText(text)).toEqual({ blocked: [], warnings: ['dateOfBirth'] });
  });

  it.each([
    ['no date', 'DOB field removed from the feedback form'],
    ['no word', 'Seen on 14/03/1952'],
    ['newborn is not born', 'The newborn hearing workshop ran on 14 March 2026'],
    ['engaged is not aged', 'We engaged 40 people on 14 March 2026'],
    [
      'word far from the date',
      'Born in Bradford researchers joined the panel, which next meets on 14 March 2026',
    ],
  ])('not for %s', (_name, text) => {
    expect(found(text)).not.toContain('dateOfBirth');
  });
});

describe('titleAndName warns on a title and a capitalised name', () => {
  it.each([
    'Mrs Smith',
    'Dr. Patel',
    'Dr.Patel',
    'MR JONES',
    'mr Jones',
    'Ms Okafor',
    'Miss Hughes',
    'Mx Rivera',
    'Master Lee',
    'Sir Robert',
    'Dame Edna',
    'Lady Grey',
    'Lord Byron',
    'Prof. Evans',
    'Rev Green',
    'Sister Murphy',
    'Matron Jones',
    'spoke to Mrs  Ó’Brien',
  ])('%s', (text) => {
    expect(checkText(text)).toEqual({ blocked: [], warnings: ['titleAndName'] });
  });

  it.each([
    'mrs smith',
    'Mrs smith',
    'the matron visited',
    'Ask your Dr',
    'Mrsmith',
    'Drs Patel',
    'Ms',
    'Prof 2',
  ])('%s passes', (text) => {
    expect(found(text)).not.toContain('titleAndName');
  });
});

describe('bedWithDate warns on a bed, bay, ward or side room number when the text has a date', () => {
  it.each([
    'Bed 4 on 14/03/2026',
    'bay B2, 14 March',
    'ward 7 on 2026-03-14',
    'WARD 10 3rd March',
    'side room 3 on 14-3-26',
    'Sideroom 2, March 14, 2026',
    'bed4 14/03/26',
    'Bed no. 12A, 1st April',
  ])('%s', (text) => {
    expect(checkText(text)).toEqual({ blocked: [], warnings: ['bedWithDate'] });
  });

  it.each([
    ['no date', 'Ward 7 changed visiting times'],
    ['no number', 'The bed manager joined on 14 March 2026'],
    ['a bedside, not a bed', 'bedside 4 checks from 14/03/2026'],
    ['a year, not a bay', 'bay 2026 refit, 14 March'],
  ])('not for %s', (_name, text) => {
    expect(found(text)).not.toContain('bedWithDate');
  });
});

describe('ordinary involvement text', () => {
  it.each([
    '12 patients and 3 carers joined the diabetes clinic workshop on 14 March 2026',
    'Ward 7 changed visiting times after feedback from the patient panel',
    'We met the LS7 community group at the library',
    'Q3 2026 FFT: 85% positive from 240 responses',
    'Phone line hours extended to 8pm',
    '1,000 leaflets printed in Urdu, Polish and easy read',
    'Next panel meeting 2026-03-14, 09:00-17:00 in the education centre',
    'Survey closed at 23:59 on 31/03/2026 with 1,204 responses',
    'The maternity voices partnership reviewed the birth plan leaflet',
    'Carers said discharge letters were hard to read, so we rewrote them in plain English',
    'We asked 45 people about parking and 30 said it was the main barrier',
    'Interpreting requests rose by 20% between Q1 and Q2',
    'You said, we did: the waiting room now has a hearing loop',
    'The youth forum (ages 16-25) met twice in March',
    'Budget of £2,500 agreed for volunteer expenses in 2026/27',
    'Three members of the learning disability forum joined the 15 Steps walkround',
    'Co-production session for the new SW1 outpatient hub',
    'Renal patients rated transport 4 out of 5; the matron agreed to review pick-up times',
    'NHS number and date of birth fields were removed from the feedback form',
    'Email and phone details are no longer collected on the comment cards',
    'Version 2.1.3 of the easy read guide went to 1 000 homes',
    // A date with a four-digit year is never part of a ten-digit run.
    'On 14/03/2026 12 patients attended',
    'Survey open 01/03/2026 - 31/03/2026',
  ])('%s', (text) => {
    expect(checkText(text)).toEqual({ blocked: [], warnings: [] });
  });

  // Over-matching that DOMAIN.md accepts: pinned so that a change to it is a decision, not an accident.
  it.each([
    ['Ward 7 changed visiting times on 14 March 2026', [], ['bedWithDate']],
    ['Patients aged 65 and over attended on 14 March 2026', [], ['dateOfBirth']],
    ['+44 7700 900123', ['nhsNumber', 'phone'], []],
    // The price of reading dates as dates: ten digits written exactly as a date and two more are not blocked.
    ['Reference 12/03/2026 45', [], []],
    ['The England engagement team is at engagement@example.nhs.uk', ['email'], []],
    ["We miss Ward 7's old garden", [], ['titleAndName']],
  ])('%s', (text, blocked, warnings) => {
    expect(checkText(text)).toEqual({ blocked, warnings });
  });
});

describe('checkText', () => {
  it('lists each rule once, in the fixed order', () => {
    const text =
      'jo@nhs.net, ab123456c, LS7 4AB, Mrs Smith, bed 4, 07700 900123, DOB 14/03/1952, ' +
      'NHS 943 476 5919 and 999 000 0018, ann@nhs.net, M1 1AE, Mr Jones';
    expect(checkText(text)).toEqual({
      blocked: ['nhsNumber', 'email', 'phone', 'postcode', 'niNumber'],
      warnings: ['dateOfBirth', 'titleAndName', 'bedWithDate'],
    });
  });

  it('lists blocking and warning rules in the order the API promises', () => {
    expect(blockingRules).toEqual(['nhsNumber', 'email', 'phone', 'postcode', 'niNumber']);
    expect(warningRules).toEqual(['dateOfBirth', 'titleAndName', 'bedWithDate']);
    expect(Object.isFrozen(blockingRules) && Object.isFrozen(warningRules)).toBe(true);
  });

  it('returns fresh arrays, so a caller cannot change the next answer', () => {
    checkText('').blocked.push('email');
    expect(checkText('')).toEqual({ blocked: [], warnings: [] });
  });

  // These would hang with a pattern that backtracks catastrophically; the test asserts only the result.
  it.each([
    ['digits and spaces', '1 '.repeat(50_000), ['nhsNumber']],
    ['11-digit groups', '12345678901 '.repeat(8_334), []],
    ['digits only', '7'.repeat(100_000), []],
    ['zeros and brackets', '0 ('.repeat(33_334), ['phone']],
    ['letters', 'a'.repeat(100_000), []],
    ['letters and spaces', 'ab '.repeat(33_334), []],
    ['an @ with no domain dot', `${'a'.repeat(50_000)}@${'a'.repeat(50_000)}`, []],
    ['dotted letters', 'a.'.repeat(50_000), []],
  ])('copes with 100,000 characters of %s', (_name, text, blocked) => {
    expect(checkText(text)).toEqual({ blocked, warnings: [] });
  });
});
